import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { Workstation } from '../../src/main/hosts/workstation';
import { Ledger } from '../../src/main/ledger/ledger';
import { ledgerPath } from '../../src/main/ledger/ledgerPath';
import type { OrderWriteStats } from '../../src/main/ledger/orderWrites';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

const REJECTED_ORDERS = 500;

/**
 * Issue 10 item 6 on a real workstation (worker threads, the ledger in SQLite): 500 orders the OMS
 * rejects (a quantity off the lot size: each one an order row and a rejection event in the ledger)
 * and then a valid order, sent at once. The rejects must all be recorded, the valid order answered
 * only once they are durable, and the ledger must write them in a handful of transactions: with one
 * request and one fsync per row (1,000+) the valid order waited about a second.
 */
describe('orders: a burst of rejected orders ahead of a valid one', () => {
  let workstation: Workstation;
  let dataDir: string;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ workstation, dataDir } = await startTestWorkstation({ engine: { mode: 'off' } }));
    const connection = await inMemoryTransport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  const orderWriteStats = async (): Promise<OrderWriteStats> => {
    const stats = await workstation.ledger.peer?.request('orderWriteStats', {});
    if (!stats) throw new Error('the ledger worker is not running');
    return stats;
  };

  it('records every reject in a handful of ledger transactions and acknowledges the valid order after them', async () => {
    const contract = (await api.market.listInstruments({})).find(
      (instrument) => instrument.kind === 'option' && instrument.lotSize > 1,
    );
    if (!contract) throw new Error('no option with a lot size above 1 is listed');
    const ladder = await waitFor(
      api.market.onLadder,
      { symbol: contract.symbol },
      (view) => view.bids.length > 0,
    );
    // A fifth below the bid: inside the OMS's price band, so the valid order rests at the broker.
    const restingPrice = Math.floor((ladder.bids[0].price * 0.8) / contract.tickUnits) * contract.tickUnits;
    const before = await orderWriteStats();

    const rejects = Array.from({ length: REJECTED_ORDERS }, () =>
      api.orders.place({
        symbol: contract.symbol,
        side: 'buy',
        type: 'limit',
        quantity: contract.lotSize + 1,
        limitPrice: restingPrice,
      }),
    );
    const valid = await api.orders.place({
      symbol: contract.symbol,
      side: 'buy',
      type: 'limit',
      quantity: contract.lotSize,
      limitPrice: restingPrice,
    });
    // What the ledger file holds the moment the valid order is acknowledged.
    const ledger = Ledger.open(ledgerPath(dataDir), { readOnly: true });
    const recorded = ledger.loadOrders().filter((order) => order.symbol === contract.symbol);
    ledger.close();

    expect(valid.status).not.toBe('rejected');
    expect(recorded.filter((order) => order.status === 'rejected')).toHaveLength(REJECTED_ORDERS);
    expect(recorded.find((order) => order.orderId === valid.orderId)?.status).toMatch(/submitted|accepted/);
    const replies = await Promise.all(rejects);
    expect(
      replies.every((reply) => reply.status === 'rejected' && /^lotMultiple:/.test(reply.rejectReason ?? '')),
    ).toBe(true);
    const after = await orderWriteStats();
    expect(after.writes - before.writes).toBeGreaterThan(2 * REJECTED_ORDERS);
    // Batches form from what the core has queued when the ledger is free: a handful here (2–4
    // measured), never one per row.
    expect(after.transactions - before.transactions).toBeLessThan(REJECTED_ORDERS / 10);
  });
});
