import Database from 'better-sqlite3';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { asFillId, asOrderId } from '../../../src/shared/domain/ids';
import type { Fill } from '../../../src/shared/domain/orders';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { ManualJournalTimer } from '../../../src/main/ledger/journal';
import { Ledger, LedgerIntegrityError } from '../../../src/main/ledger/ledger';
import { ledgerPath } from '../../../src/main/ledger/ledgerPath';
import { makeAcceptedOrder, makeFill, makeNseOption, makeOrder, makeUsOption, p } from '../oms/factories';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

const nifty = makeNseOption().symbol;
const tsla = makeUsOption().symbol;

function fillNo(n: number, overrides: Partial<Fill> = {}): Fill {
  return makeFill({
    fillId: asFillId(`fill-${n}`),
    orderId: asOrderId(`order-${n}`),
    tsEvent: (1000 + n) as TimestampUs,
    ...overrides,
  });
}

describe('Ledger durable writes', () => {
  it('records an order and its events, the fill and the position in one step', () => {
    const ledger = openLedger(tempDataDir());
    const created = makeOrder('new');
    ledger.recordOrder(created);
    ledger.recordOrderEvent(
      { ...created, status: 'submitted' },
      { type: 'OrderSubmitted', orderId: created.orderId, tsEvent: 2 as TimestampUs },
    );
    const fill = makeFill();
    const position = ledger.recordOrderEvent(
      { ...created, status: 'filled', filledQuantity: 65, filledNotional: 650000 },
      { type: 'OrderFilled', orderId: created.orderId, tsEvent: 3 as TimestampUs, fill },
    );
    expect(position?.quantity).toBe(65);
    expect(ledger.orderEvents(created.orderId).map((row) => [row.type, row.statusAfter])).toEqual([
      ['OrderSubmitted', 'submitted'],
      ['OrderFilled', 'filled'],
    ]);
    expect(ledger.loadOrders({ openOnly: false })[0].status).toBe('filled');
    expect(ledger.countFills()).toBe(1);
  });

  it('treats a repeated fill id as the same fill', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordFill(fillNo(1));
    const again = ledger.recordFill(fillNo(1));
    expect(ledger.countFills()).toBe(1);
    expect(again.quantity).toBe(65);
  });

  it('takes multiplier and currency from the instrument lookup (US contracts × 100)', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordFill(fillNo(1, { symbol: tsla, side: 'buy', quantity: 10, price: p(250) }));
    const position = ledger.recordFill(
      fillNo(2, { symbol: tsla, side: 'sell', quantity: 10, price: p(300) }),
    );
    expect(position.realisedPnl).toBe(50_000);
    expect(ledger.loadFills().map((fill) => [fill.multiplier, fill.currency])).toEqual([
      [100, 'USD'],
      [100, 'USD'],
    ]);
  });

  it('lists open orders only when asked', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordOrder(makeAcceptedOrder({ orderId: asOrderId('order-1') }));
    ledger.recordOrder(makeOrder('filled', { orderId: asOrderId('order-2') }));
    expect(ledger.loadOrders({ openOnly: true }).map((order) => order.orderId)).toEqual(['order-1']);
    expect(ledger.loadOrders({ openOnly: false })).toHaveLength(2);
  });

  it('logs every fill in the trade log tagged manual or auto, with the trader notes', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordFill(fillNo(1, { source: 'manual' }));
    ledger.recordFill(fillNo(2, { source: 'auto', side: 'sell' }));
    expect(ledger.annotateTrade('fill-1', 'faded the breakout')).toBe(true);
    const rows = ledger.database
      .prepare('SELECT fill_id, origin, note FROM manual_trade_log ORDER BY seq')
      .all();
    expect(rows).toEqual([
      { fill_id: 'fill-1', origin: 'manual', note: 'faded the breakout' },
      { fill_id: 'fill-2', origin: 'auto', note: null },
    ]);
  });
});

describe('Ledger start-up', () => {
  it('rebuilds positions from the fills on reopen', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    ledger.recordFill(fillNo(1, { quantity: 130 }));
    ledger.recordFill(fillNo(2, { side: 'sell', quantity: 65, price: p(10500) }));
    ledger.recordFill(fillNo(3, { source: 'auto', side: 'sell', quantity: 65 }));
    const before = ledger.loadPositions();
    closeQuietly(ledger);
    const reopened = openLedger(dir);
    expect(reopened.startup.fills).toBe(3);
    expect(reopened.startup.positionsRepaired).toEqual([]);
    expect(reopened.loadPositions()).toEqual(before);
  });

  it('keeps a stored position that disagrees with the fills as found, reports it and refuses trading', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    ledger.recordFill(fillNo(1));
    ledger.database.prepare('UPDATE positions SET quantity = 999').run();
    closeQuietly(ledger);
    const reopened = openLedger(dir);
    expect(reopened.startup.positionsRepaired).toEqual([]);
    expect(reopened.startup.mismatches).toMatchObject([
      { table: 'positions', row: `${nifty}/manual`, field: 'quantity', expected: 65, actual: 999 },
    ]);
    // The edited row stays as evidence; the book in memory comes from the fills.
    expect(reopened.database.prepare('SELECT quantity FROM positions').get()).toEqual({ quantity: 999 });
    expect(reopened.loadPositions()[0].quantity).toBe(65);
    expect(reopened.reconcile([{ symbol: nifty, quantity: 65 }])).toMatchObject({
      ok: false,
      blocksAllTrading: true,
      blocksAutoTrading: true,
    });
  });

  it('refuses to open a corrupted file', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    for (let i = 0; i < 200; i++) ledger.recordFill(fillNo(i));
    ledger.database.pragma('wal_checkpoint(TRUNCATE)');
    closeQuietly(ledger);
    const file = ledgerPath(dir);
    const bytes = fs.readFileSync(file);
    // Scribble over the second and later pages (leave the header so SQLite still opens it).
    for (let offset = 4096 + 100; offset < bytes.length; offset += 4096)
      bytes.fill(0x5a, offset, offset + 200);
    fs.writeFileSync(file, bytes);
    let error: unknown = null;
    try {
      openLedger(dir);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(LedgerIntegrityError);
    expect(String(error)).toMatch(/is damaged|failed PRAGMA integrity_check/);
  });

  it('refuses a file whose index no longer matches its table (PRAGMA integrity_check)', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    for (let i = 0; i < 20; i++) ledger.recordFill(fillNo(i, { side: i % 2 ? 'sell' : 'buy' }));
    closeQuietly(ledger);
    const db = new Database(ledgerPath(dir));
    db.unsafeMode(true);
    db.pragma('writable_schema = ON');
    db.prepare(
      "UPDATE sqlite_master SET sql = replace(sql, '(order_id)', '(symbol)') WHERE name = 'fills_order'",
    ).run();
    db.close();
    expect(() => openLedger(dir)).toThrow(/failed PRAGMA integrity_check: .*fills_order/);
  });

  it('reports a broker mismatch that blocks auto-trading until the trader resolves it, across restarts', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    ledger.recordFill(fillNo(1));
    const agreeing = ledger.reconcile([{ symbol: nifty, quantity: 65 }]);
    expect(agreeing).toMatchObject({ ok: true, blocksAutoTrading: false, mismatches: [] });
    const report = ledger.reconcile([{ symbol: nifty, quantity: 130 }]);
    expect(report.ok).toBe(false);
    expect(report.blocksAutoTrading).toBe(true);
    expect(report.mismatches).toEqual([{ symbol: nifty, ledgerQuantity: 65, brokerQuantity: 130 }]);
    expect(report.detail).toContain('auto-trading blocked');
    closeQuietly(ledger);
    const reopened = openLedger(dir);
    expect(reopened.reconcile([{ symbol: nifty, quantity: 65 }]).blocksAutoTrading).toBe(true);
    expect(
      reopened.resolveReconciliation({ actor: 'trader', note: 'broker fill was late; positions agree now' }),
    ).toBe(1);
    expect(reopened.reconcile([{ symbol: nifty, quantity: 65 }]).blocksAutoTrading).toBe(false);
    expect(reopened.verify().ok).toBe(true);
  });
});

describe('Ledger journal group commit', () => {
  const decision = (n: number) => ({
    table: 'decisions' as const,
    tsEvent: 1000 + n,
    data: {
      decisionId: `d-${n}`,
      symbol: nifty,
      signal: 'sweep',
      regime: 'trend',
      gates: [{ name: 'spread', pass: true }],
      indicators: { rsi: 55 },
    },
  });

  it('commits buffered rows together when the ≤ 50 ms timer fires', () => {
    const timer = new ManualJournalTimer();
    const ledger = openLedger(tempDataDir(), { timer });
    ledger.appendJournal([decision(1), decision(2)]);
    ledger.appendJournal([
      { table: 'ticks', tsEvent: 5, data: { type: 'trade', symbol: nifty, price: 10000 } },
    ]);
    expect(timer.armed()).toEqual([50]);
    expect(ledger.journalCounts()).toEqual({ decisions: 0, signals: 0, alerts: 0, ticks: 0 });
    timer.fireAll();
    expect(ledger.journalCounts()).toEqual({ decisions: 2, signals: 0, alerts: 0, ticks: 1 });
    expect(ledger.pendingJournalRows()).toBe(0);
  });

  it('stores gate verdicts, indicators and options context as JSON columns', () => {
    const ledger = openLedger(tempDataDir());
    ledger.appendJournal([{ ...decision(1), data: { ...decision(1).data, optionsContext: { pcr: 1.1 } } }]);
    ledger.flushJournal();
    const row = ledger.database
      .prepare(
        'SELECT decision_id, signal, regime, gates_json, indicators_json, options_context_json FROM decisions',
      )
      .get();
    expect(row).toEqual({
      decision_id: 'd-1',
      signal: 'sweep',
      regime: 'trend',
      gates_json: '[{"name":"spread","pass":true}]',
      indicators_json: '{"rsi":55}',
      options_context_json: '{"pcr":1.1}',
    });
  });

  it('commits at once when the buffer is full, and on close', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir, { journalMaxRows: 3 });
    ledger.appendJournal([decision(1), decision(2), decision(3)]);
    expect(ledger.journalCounts().decisions).toBe(3);
    ledger.appendJournal([
      { table: 'alerts', tsEvent: 9, data: { severity: 'warn', message: 'spread wide' } },
    ]);
    closeQuietly(ledger);
    const reopened = Ledger.open(ledgerPath(dir), { readOnly: true });
    expect(reopened.journalCounts().alerts).toBe(1);
    reopened.close();
  });

  it('never lets the group-commit interval exceed 50 ms', () => {
    const timer = new ManualJournalTimer();
    const ledger = openLedger(tempDataDir(), { timer, journalIntervalMs: 500 });
    ledger.appendJournal([decision(1)]);
    expect(timer.armed()).toEqual([50]);
  });
});

describe('Ledger presets and runs', () => {
  it('keeps every version of a preset', () => {
    const ledger = openLedger(tempDataDir());
    expect(
      ledger.savePresetVersion({
        presetId: 'scalper',
        name: 'Scalper',
        kind: 'engine',
        body: { maxTrades: 10 },
      }),
    ).toBe(1);
    expect(
      ledger.savePresetVersion({
        presetId: 'scalper',
        name: 'Scalper',
        kind: 'engine',
        body: { maxTrades: 12 },
        note: 'busier',
      }),
    ).toBe(2);
    expect(ledger.presetVersions('scalper').map((version) => version.body)).toEqual([
      { maxTrades: 10 },
      { maxTrades: 12 },
    ]);
  });

  it('records backtest runs and updates their result', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordBacktestRun({
      runId: 'run-1',
      kind: 'walkForward',
      status: 'running',
      params: { folds: 4 },
    });
    ledger.recordBacktestRun({
      runId: 'run-1',
      kind: 'walkForward',
      status: 'done',
      params: { folds: 4 },
      result: { netPnl: 1 },
      finishedUs: 5,
    });
    expect(ledger.database.prepare('SELECT status, result_json FROM backtest_runs').all()).toEqual([
      { status: 'done', result_json: '{"netPnl":1}' },
    ]);
  });

  it('opens read-only without changing the file', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    ledger.recordFill(fillNo(1));
    closeQuietly(ledger);
    const before = new Database(ledgerPath(dir), { readonly: true });
    const auditRows = (before.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n;
    before.close();
    const reader = Ledger.open(ledgerPath(dir), { readOnly: true });
    expect(reader.loadPositions()[0].quantity).toBe(65);
    expect(() => reader.recordFill(fillNo(2))).toThrow('read-only');
    reader.close();
    const after = new Database(ledgerPath(dir), { readonly: true });
    expect((after.prepare('SELECT COUNT(*) AS n FROM audit_log').get() as { n: number }).n).toBe(auditRows);
    after.close();
  });
});
