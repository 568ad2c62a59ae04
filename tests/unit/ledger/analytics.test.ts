import { describe, expect, it } from 'vitest';
import { asFillId, asOrderId } from '../../../src/shared/domain/ids';
import type { Fill, OrderSource } from '../../../src/shared/domain/orders';
import { command as ledgerCommand } from '../../../src/main/cli/commands/ledger';
import type { Ledger } from '../../../src/main/ledger/ledger';
import { buildTrades, computeStats } from '../../../src/main/ledger/tradeAnalytics';
import { ist, makeFill, p } from '../oms/factories';
import { captureIo } from './cliIo';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

let fillCount = 0;

function record(
  ledger: Ledger,
  side: Fill['side'],
  quantity: number,
  price: number,
  charges: number,
  tsEvent: number,
  source: OrderSource,
  decisionId: string | null = null,
): void {
  fillCount++;
  ledger.recordFill(
    makeFill({
      fillId: asFillId(`f-${fillCount}`),
      orderId: asOrderId(`o-${fillCount}`),
      side,
      quantity,
      price: p(price),
      charges,
      tsEvent: tsEvent as Fill['tsEvent'],
      source,
    }),
    { decisionId },
  );
}

/**
 * Four round trips in NIFTY options (INR, multiplier 1; money in paise):
 *   T1 auto   long  65 @ 100.00 → 102.00, charges 20.00 + 20.00: gross +13000, net  +9000, return  9000/650000
 *   T2 auto   long  65 @ 100.00 →  99.00, charges 20.00 + 20.00: gross  -6500, net -10500, return -10500/650000
 *   T3 manual short 130 @ 50.00 →  45.00, charges 30.00 + 30.00: gross +65000, net +59000, return 59000/650000
 *   T4 manual long  65 @  80.00 →  79.00, charges 10.00 + 10.00: gross  -6500, net  -8500, return -8500/520000
 * T1–T3 close on 2026-11-20 (session s1), T4 on 2026-11-23 (session s2).
 */
function seed(ledger: Ledger): void {
  ledger.startSession({ sessionId: 's1', mode: 'paper', profile: 'nse' });
  ledger.appendJournal([
    {
      table: 'decisions',
      tsEvent: ist('2026-11-20', '09:59'),
      data: {
        decisionId: 'd1',
        signal: 'ofi',
        regime: 'trend',
        gates: [
          { name: 'spread', pass: true },
          { name: 'maxPositions', pass: true },
        ],
      },
    },
    {
      table: 'decisions',
      tsEvent: ist('2026-11-20', '10:09'),
      data: {
        decisionId: 'd2',
        signal: 'ofi',
        regime: 'range',
        gates: [
          { name: 'spread', pass: true },
          { name: 'maxPositions', pass: true },
        ],
      },
    },
    {
      table: 'decisions',
      tsEvent: ist('2026-11-20', '10:19'),
      data: {
        decisionId: 'd3',
        signal: 'sweep',
        regime: 'range',
        gates: [
          { name: 'spread', passed: true },
          { name: 'maxPositions', verdict: 'block' },
        ],
      },
    },
  ]);
  ledger.flushJournal();
  record(ledger, 'buy', 65, 10000, 2000, ist('2026-11-20', '10:00'), 'auto', 'd1');
  record(ledger, 'sell', 65, 10200, 2000, ist('2026-11-20', '10:05'), 'auto');
  record(ledger, 'buy', 65, 10000, 2000, ist('2026-11-20', '10:10'), 'auto', 'd2');
  record(ledger, 'sell', 65, 9900, 2000, ist('2026-11-20', '10:15'), 'auto');
  record(ledger, 'sell', 130, 5000, 3000, ist('2026-11-20', '11:00'), 'manual');
  record(ledger, 'buy', 130, 4500, 3000, ist('2026-11-20', '11:30'), 'manual');
  ledger.endSession('s1');
  ledger.startSession({ sessionId: 's2', mode: 'paper', profile: 'nse' });
  record(ledger, 'buy', 65, 8000, 1000, ist('2026-11-23', '10:00'), 'manual');
  record(ledger, 'sell', 65, 7900, 1000, ist('2026-11-23', '10:30'), 'manual');
}

describe('ledger analytics against hand-computed trades', () => {
  it('rebuilds four round trips with gross, charges and net P&L', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    const trades = ledger.trades();
    expect(
      trades.map((trade) => [
        trade.source,
        trade.direction,
        trade.grossPnl,
        trade.charges,
        trade.netPnl,
        trade.day,
        trade.sessionId,
      ]),
    ).toEqual([
      ['auto', 'long', 13000, 4000, 9000, '2026-11-20', 's1'],
      ['auto', 'long', -6500, 4000, -10500, '2026-11-20', 's1'],
      ['manual', 'short', 65000, 6000, 59000, '2026-11-20', 's1'],
      ['manual', 'long', -6500, 2000, -8500, '2026-11-23', 's2'],
    ]);
    expect(trades.map((trade) => [trade.signal, trade.regime])).toEqual([
      ['ofi', 'trend'],
      ['ofi', 'range'],
      [null, null],
      [null, null],
    ]);
  });

  it('computes the overall figures', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    const stats = ledger.stats().currencies[0].overall;
    // wins T1, T3; losses T2, T4. Net 9000 - 10500 + 59000 - 8500 = 49000.
    // Average winner (9000 + 59000) / 2 = 34000; average loser (-10500 - 8500) / 2 = -9500.
    // R:R 34000 / 9500 = 3.5789…; expectancy 49000 / 4 = 12250; profit factor 68000 / 19000 = 3.5789….
    // Equity after each trade: 9000, -1500, 57500, 49000 → max drawdown 9000 - (-1500) = 10500.
    // Returns 0.013846, -0.016154, 0.090769, -0.016346: mean 0.0180288, sample sd 0.0505264 → Sharpe 0.35682.
    expect(stats).toMatchObject({
      trades: 4,
      wins: 2,
      losses: 2,
      breakeven: 0,
      winRate: 0.5,
      grossPnl: 65000,
      charges: 16000,
      netPnl: 49000,
      averageWinner: 34000,
      averageLoser: -9500,
      expectancy: 12250,
      maxDrawdown: 10500,
    });
    // Ratios are rounded to 6 decimal places, as in every report (src/shared/analytics/performance.ts).
    expect(stats.rewardToRisk).toBe(3.578947);
    expect(stats.profitFactor).toBe(3.578947);
    expect(stats.sharpe).toBe(0.35682);
  });

  it('breaks the figures down by day, session, signal, regime, side and manual vs auto', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    const report = ledger.stats().currencies[0];
    const net = (group: Record<string, { netPnl: number; trades: number }>) =>
      Object.fromEntries(Object.entries(group).map(([key, stats]) => [key, [stats.trades, stats.netPnl]]));
    expect(report.currency).toBe('INR');
    expect(net(report.byDay)).toEqual({ '2026-11-20': [3, 57500], '2026-11-23': [1, -8500] });
    expect(net(report.bySession)).toEqual({ s1: [3, 57500], s2: [1, -8500] });
    expect(net(report.bySignal)).toEqual({ none: [2, 50500], ofi: [2, -1500] });
    expect(net(report.byRegime)).toEqual({ none: [2, 50500], range: [1, -10500], trend: [1, 9000] });
    expect(net(report.bySide)).toEqual({ long: [3, -10000], short: [1, 59000] });
    expect(net(report.bySource)).toEqual({ auto: [2, -1500], manual: [2, 50500] });
  });

  it('counts gate verdicts over the decisions and ties passing gates to the trades they allowed', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    const gates = ledger.stats().gates;
    expect([gates.spread.evaluated, gates.spread.passed, gates.spread.blocked]).toEqual([3, 3, 0]);
    expect([gates.maxPositions.evaluated, gates.maxPositions.passed, gates.maxPositions.blocked]).toEqual([
      3, 2, 1,
    ]);
    expect(gates.spread.trades.netPnl).toBe(-1500);
  });

  it('filters by market day and by session', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    expect(ledger.stats({ day: '2026-11-20' }).currencies[0].overall.netPnl).toBe(57500);
    expect(ledger.stats({ sessionId: 's2' }).currencies[0].overall.trades).toBe(1);
    expect(ledger.stats({ day: '2026-11-21' }).currencies).toEqual([]);
  });

  it('exports trades as CSV', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    const lines = ledger.exportCsv('trades').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'tradeId,symbol,source,currency,direction,sessionId,entryTsUs,exitTsUs,day,quantity,entryNotional,grossPnl,charges,netPnl,returnOnNotional,decisionId,signal,regime,fills',
    );
    expect(lines).toHaveLength(5);
    expect(lines[1]).toContain(',auto,INR,long,s1,');
  });

  it('`scalpdesk ledger stats --day` prints the figures as JSON', async () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    seed(ledger);
    closeQuietly(ledger);
    const io = captureIo();
    expect(await ledgerCommand.run(['stats', '--data-dir', dir, '--day', '2026-11-20'], io)).toBe(0);
    const output = JSON.parse(io.out);
    expect(output.filter).toEqual({ day: '2026-11-20' });
    expect(output.currencies[0].overall).toMatchObject({ trades: 3, netPnl: 57500, winRate: 0.666667 }); // ratios to 6 places
  });

  it('`scalpdesk ledger stats` refuses a malformed day', async () => {
    await expect(ledgerCommand.run(['stats', '--day', '20-11-2026'], captureIo())).rejects.toThrow(
      '--day must be a calendar date YYYY-MM-DD',
    );
  });

  it('`scalpdesk ledger export --day` refuses a day that is not on the calendar', async () => {
    for (const day of ['2026-13-45', '2026-02-30'])
      await expect(ledgerCommand.run(['export', 'fills', '--day', day], captureIo())).rejects.toThrow(
        `--day must be a calendar date YYYY-MM-DD, got "${day}"`,
      );
  });

  it('`--day` filters every exported table, not only trades', () => {
    const ledger = openLedger(tempDataDir());
    seed(ledger);
    const rows = (csv: string): string[] => csv.trimEnd().split('\r\n').slice(1);
    // Fills: 6 of the 8 fills (T1–T3) are on 2026-11-20; T4's two are on 2026-11-23.
    expect(rows(ledger.exportCsv('fills', { day: '2026-11-20' }))).toHaveLength(6);
    expect(rows(ledger.exportCsv('fills', { day: '2026-11-23' }))).toHaveLength(2);
    expect(rows(ledger.exportCsv('fills', { day: '2026-11-21' }))).toHaveLength(0);
    const decisions = rows(ledger.exportCsv('decisions'));
    expect(decisions.length).toBeGreaterThan(0);
    expect(rows(ledger.exportCsv('decisions', { day: '2026-11-21' }))).toHaveLength(0);
    expect(rows(ledger.exportCsv('decisions', { day: '2026-11-20' })).length).toBeGreaterThan(0);
    // The audit log is stamped with wall time (today), so no row falls on the seeded market day.
    expect(rows(ledger.exportCsv('audit')).length).toBeGreaterThan(0);
    expect(rows(ledger.exportCsv('audit', { day: '2026-11-20' }))).toHaveLength(0);
    expect(rows(ledger.exportCsv('orders', { day: '2026-11-21' }))).toHaveLength(0);
  });
});

describe('trade reconstruction', () => {
  const base = {
    orderId: 'o',
    sessionId: null,
    symbol: 'X',
    multiplier: 1,
    currency: 'INR',
    source: 'manual' as const,
    liquidity: 'taker' as const,
    decisionId: null,
  };

  it('splits the charges of a flipping fill between the trade it closes and the one it opens', () => {
    const { closed, open } = buildTrades([
      { ...base, seq: 1, fillId: 'a', side: 'buy', quantity: 65, price: 10000, charges: 1000, tsEventUs: 1 },
      {
        ...base,
        seq: 2,
        fillId: 'b',
        side: 'sell',
        quantity: 130,
        price: 11000,
        charges: 3000,
        tsEventUs: 2,
      },
      { ...base, seq: 3, fillId: 'c', side: 'buy', quantity: 65, price: 10500, charges: 1000, tsEventUs: 3 },
    ]);
    expect(open).toBe(0);
    // Long: +1000 × 65 = 65000 gross, charges 1000 + 1500. Short: +500 × 65 = 32500 gross, charges 1500 + 1000.
    expect(closed.map((trade) => [trade.direction, trade.grossPnl, trade.charges, trade.netPnl])).toEqual([
      ['long', 65000, 2500, 62500],
      ['short', 32500, 2500, 30000],
    ]);
  });

  it('leaves a position that is still open out of the closed trades', () => {
    const { closed, open } = buildTrades([
      { ...base, seq: 1, fillId: 'a', side: 'buy', quantity: 65, price: 10000, charges: 0, tsEventUs: 1 },
    ]);
    expect([closed.length, open]).toEqual([0, 1]);
  });

  it('returns null ratios where they are undefined', () => {
    expect(computeStats([])).toMatchObject({
      trades: 0,
      winRate: null,
      expectancy: null,
      profitFactor: null,
      sharpe: null,
      maxDrawdown: 0,
    });
  });
});
