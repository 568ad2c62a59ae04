import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApiClient } from '../../shared/api/client';
import { apiContract } from '../../shared/api/contract';
import { connectInMemory } from '../../shared/api/inMemoryTransport';
import type { LadderView } from '../../shared/api/views';
import { APP_VERSION, builtPaths } from '../platform/appInfo';
import { settingsSchema } from '../platform/settings';
import type { OrderWriteStats } from '../ledger/orderWrites';
import { startWorkstation } from '../hosts/workstation';
import type { Workstation } from '../hosts/workstation';

/** The burst of issue 10 item 6: this many orders the OMS rejects, then one valid order. */
export const REJECT_BURST = 500;

export interface RejectBurstFigures {
  readonly rejectedOrders: number;
  /** From sending the burst until the valid order's reply (the reply comes once it is durable). */
  readonly validOrderAcknowledgedMs: number;
  /**
   * CPU time of the whole process (main thread and workers) over the same span: steadier than the
   * wall clock on a shared machine, where the wall time is mostly waiting for a core.
   */
  readonly cpuMs: number;
  /** Ledger transactions that wrote the burst's orders and order events (null when not reported). */
  readonly orderWriteTransactions: number | null;
}

/**
 * A real workstation (worker threads, the ledger in SQLite in a temp dir): once a contract has a
 * book, 500 orders of a quantity off the lot size (each rejected by the OMS, so each an order row
 * and a rejection event in the ledger) and then one valid resting limit order are sent at once, as
 * a burst of clicks or a runaway script would; the figure is when the valid order is acknowledged.
 */
export async function rejectBurst(): Promise<RejectBurstFigures> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-bench-rejects-'));
  const workstation = await startWorkstation({
    dataDir,
    workerDir: builtPaths.workerDir,
    host: 'test',
    version: APP_VERSION,
    settings: settingsSchema.parse({ recording: { enabled: false } }),
  });
  const { pipe, disconnect } = connectInMemory(workstation.router);
  try {
    const api = createApiClient(apiContract, pipe);
    const contract = (await api.market.listInstruments({})).find(
      (instrument) => instrument.kind === 'option' && instrument.lotSize > 1,
    );
    if (!contract) throw new Error('no option with a lot size above 1 is listed');
    const ladder = await new Promise<LadderView>((resolve) => {
      const unsubscribe = api.market.onLadder({ symbol: contract.symbol }, (view) => {
        if (view.bids.length === 0) return;
        queueMicrotask(() => unsubscribe());
        resolve(view);
      });
    });
    const statsBefore = await orderWriteStats(workstation);
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const rejected = Array.from({ length: REJECT_BURST }, () =>
      api.orders.place({
        symbol: contract.symbol,
        side: 'buy',
        type: 'limit',
        quantity: contract.lotSize + 1,
        limitPrice: ladder.bids[0].price,
      }),
    );
    const valid = await api.orders.place({
      symbol: contract.symbol,
      side: 'buy',
      type: 'limit',
      quantity: contract.lotSize,
      limitPrice: ladder.bids[0].price,
    });
    const validOrderAcknowledgedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const replies = await Promise.all(rejected);
    if (valid.status === 'rejected') throw new Error(`the valid order was rejected: ${valid.rejectReason}`);
    const notRejected = replies.filter((reply) => reply.status !== 'rejected').length;
    if (notRejected > 0) throw new Error(`${notRejected} of the burst's orders were not rejected`);
    const statsAfter = await orderWriteStats(workstation);
    return {
      rejectedOrders: replies.length,
      validOrderAcknowledgedMs: Math.round(validOrderAcknowledgedMs),
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
      orderWriteTransactions:
        statsBefore && statsAfter ? statsAfter.transactions - statsBefore.transactions : null,
    };
  } finally {
    disconnect();
    await workstation.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

async function orderWriteStats(workstation: Workstation): Promise<OrderWriteStats | null> {
  return (await workstation.ledger.peer?.request('orderWriteStats', {})) ?? null;
}
