import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { asFillId, asOrderId, asSymbol } from '../../shared/domain/ids';
import type { Fill } from '../../shared/domain/orders';
import { asPrice } from '../../shared/domain/price';
import type { TimestampUs } from '../../shared/domain/time';
import type { JournalRow } from '../ledger/journal';
import { Ledger } from '../ledger/ledger';
import { ledgerPath } from '../ledger/ledgerPath';
import { rejectBurst } from './rejectBurst';
import type { BenchOptions, BenchSuite } from './types';

const SYMBOL = asSymbol('NIFTY-2026-11-24-24000-CE');

/**
 * Ledger throughput on the real file system (a temp dir):
 * - durable fill commits per second: each `recordFill` is its own synchronous=FULL WAL transaction
 *   (fill row, trade-log row, position row), fsynced before it returns. Target ≥ 500/s.
 * - journal rows per second: decision rows (built beforehand) appended in batches of 100 and group-committed by
 *   `flushJournal`, one transaction per 5,000 rows (the 50 ms timer's job in the app). Target ≥ 100,000/s.
 * - a burst of 500 rejected orders then a valid one through a real workstation: ms until the valid
 *   order is acknowledged, and how many ledger transactions wrote the burst (rejectBurst.ts).
 */
export async function run(options: BenchOptions): Promise<Record<string, unknown>> {
  const burst = await rejectBurst();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-bench-ledger-'));
  try {
    const ledger = Ledger.open(ledgerPath(dir), {
      instrumentContext: () => ({ multiplier: 1, currency: 'INR' }),
    });
    try {
      const fills = options.quick ? 300 : 3_000;
      const startFills = performance.now();
      let ts = Date.UTC(2026, 10, 20, 4, 0) * 1000;
      for (let i = 0; i < fills; i++) {
        ts += 1000;
        const fill: Fill = {
          fillId: asFillId(`bench-fill-${i}`),
          orderId: asOrderId(`bench-order-${i}`),
          symbol: SYMBOL,
          side: i % 2 === 0 ? 'buy' : 'sell',
          quantity: 65,
          price: asPrice(10_000 + (i % 40) * 5),
          tsEvent: ts as TimestampUs,
          source: 'auto',
          charges: 2_650,
          liquidity: 'taker',
        };
        ledger.recordFill(fill);
      }
      const fillSeconds = (performance.now() - startFills) / 1000;

      const journalRows = options.quick ? 50_000 : 500_000;
      // The rows are built before the clock starts (a pool reused in turn), so the figure is the
      // ledger's cost, not the cost of making decision objects.
      const pool: JournalRow[] = [];
      for (let i = 0; i < 5_000; i++) pool.push(decisionRow(i, ts + i));
      const startJournal = performance.now();
      const cpuBefore = process.cpuUsage();
      for (let i = 0; i < journalRows; i += 100) {
        ledger.appendJournal(pool.slice(i % pool.length, (i % pool.length) + 100));
        if (ledger.pendingJournalRows() >= 5_000) ledger.flushJournal();
      }
      ledger.flushJournal();
      const journalSeconds = (performance.now() - startJournal) / 1000;
      const cpu = process.cpuUsage(cpuBefore);
      const journalCpuSeconds = (cpu.user + cpu.system) / 1e6;

      return {
        rejectBurst: burst,
        durableFillCommits: fills,
        durableFillCommitsPerSecond: Math.round(fills / fillSeconds),
        durableCommitTargetPerSecond: 500,
        journalRows,
        journalRowsPerSecond: Math.round(journalRows / journalSeconds),
        // CPU time excludes waiting for a busy machine: the rate this code reaches on a free core.
        journalRowsPerCpuSecond: Math.round(journalRows / journalCpuSeconds),
        journalTargetPerSecond: 100_000,
        synchronous: ledger.database.pragma('synchronous', { simple: true }) === 2 ? 'FULL' : 'other',
        journalMode: ledger.database.pragma('journal_mode', { simple: true }),
      };
    } finally {
      ledger.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function decisionRow(i: number, tsEvent: number): JournalRow {
  return {
    table: 'decisions',
    tsEvent,
    data: {
      decisionId: `d-${i}`,
      symbol: SYMBOL,
      kind: 'entry',
      signal: 'orderFlowImbalance',
      regime: 'trend',
      action: i % 10 === 0 ? 'placed' : 'blocked',
      gates: [
        { name: 'spread', value: 0.1, threshold: 0.5, pass: true },
        { name: 'maxPositions', value: 1, threshold: 2, pass: i % 10 === 0 },
      ],
      indicators: { ema9: 101.25, vwap: 100.5, rsi: 61.2 },
    },
  };
}

export const suite: BenchSuite = {
  name: 'ledger',
  summary:
    'durable fill commits per second (synchronous=FULL), group-committed journal rows per second, a valid order behind 500 rejects',
  run,
};
