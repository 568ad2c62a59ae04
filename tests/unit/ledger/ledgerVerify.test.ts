import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { command as ledgerCommand } from '../../../src/main/cli/commands/ledger';
import { asFillId, asOrderId } from '../../../src/shared/domain/ids';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { ledgerPath } from '../../../src/main/ledger/ledgerPath';
import { makeFill, makeOrder } from '../oms/factories';
import { captureIo } from './cliIo';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

/** Two orders, each submitted then filled through recordOrderEvent, as the live core writes them. */
function tradedLedger(): string {
  const dir = tempDataDir();
  const ledger = openLedger(dir);
  for (const n of [1, 2]) {
    const order = makeOrder('new', { orderId: asOrderId(`order-${n}`) });
    ledger.recordOrder(order);
    ledger.recordOrderEvent(
      { ...order, status: 'submitted' },
      { type: 'OrderSubmitted', orderId: order.orderId, tsEvent: (10 * n) as TimestampUs },
    );
    const fill = makeFill({
      fillId: asFillId(`fill-${n}`),
      orderId: order.orderId,
      tsEvent: (10 * n + 1) as TimestampUs,
    });
    ledger.recordOrderEvent(
      {
        ...order,
        status: 'filled',
        filledQuantity: fill.quantity,
        filledNotional: fill.quantity * fill.price,
      },
      { type: 'OrderFilled', orderId: order.orderId, tsEvent: (10 * n + 1) as TimestampUs, fill },
    );
  }
  closeQuietly(ledger);
  return dir;
}

/** Edits the file as someone with access to it would, outside the application. */
function tamper(dir: string, sql: string): void {
  const db = new Database(ledgerPath(dir));
  db.exec(sql);
  db.close();
}

interface Mismatch {
  table: string;
  row: string;
  field: string;
}

async function verify(dir: string) {
  const io = captureIo();
  const code = await ledgerCommand.run(['verify', '--data-dir', dir], io);
  const report = JSON.parse(io.out) as { ok: boolean; mismatches: Mismatch[] };
  return { code, io, report };
}

describe('`ledger verify` checks every table the ledger relies on', () => {
  it('passes an untouched ledger (exit 0, no mismatches)', async () => {
    const { code, report } = await verify(tradedLedger());
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.mismatches).toEqual([]);
  });

  it('fails an edited fill price, naming fills, the row and price', async () => {
    const dir = tradedLedger();
    tamper(dir, "UPDATE fills SET price = price * 10 WHERE fill_id = 'fill-1'");
    const { code, io, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'fills', row: 'seq 1 (fill fill-1)', field: 'price' }),
    );
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'fills', row: 'seq 1 (fill fill-1)', field: 'hash' }),
    );
    expect(io.err).toContain('fills seq 1 (fill fill-1) price: expected');
  });

  it('fails a deleted fill, naming the missing fill and what it left inconsistent', async () => {
    const dir = tradedLedger();
    tamper(dir, "DELETE FROM fills WHERE fill_id = 'fill-1'");
    const { code, io, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'fills', row: 'fill fill-1', field: 'fill_id' }),
    );
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'fills', row: 'seq 2 (fill fill-2)', field: 'prev_hash' }),
    );
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'orders', row: 'order order-1', field: 'filled_quantity' }),
    );
    expect(io.err).toContain('fills fill fill-1 fill_id');
  });

  it('fails an edited order event, naming order_events, the row and the field', async () => {
    const dir = tradedLedger();
    tamper(dir, "UPDATE order_events SET status_after = 'cancelled' WHERE seq = 4");
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'order_events', row: 'seq 4 (order order-2)', field: 'hash' }),
    );
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'orders', row: 'order order-2', field: 'status' }),
    );
  });

  it('fails an order event whose payload was edited, naming the payload field it contradicts', async () => {
    const dir = tradedLedger();
    tamper(dir, "UPDATE order_events SET type = 'OrderCancelled' WHERE seq = 1");
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'order_events', row: 'seq 1 (order order-1)', field: 'type' }),
    );
  });

  it('fails an edited position, naming positions, symbol/source and the field', async () => {
    const dir = tradedLedger();
    tamper(dir, 'UPDATE positions SET quantity = quantity + 1');
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    const position = report.mismatches.find((mismatch) => mismatch.table === 'positions');
    expect(position).toMatchObject({ field: 'quantity' });
    expect(position?.row).toMatch(/\/manual$/);
  });

  it('chains the rows of a ledger written before the chains when it is next opened', async () => {
    const dir = tradedLedger();
    // The same ledger as a build before the chains' migration left it.
    tamper(
      dir,
      `ALTER TABLE fills DROP COLUMN hash; ALTER TABLE fills DROP COLUMN prev_hash;
       ALTER TABLE order_events DROP COLUMN hash; ALTER TABLE order_events DROP COLUMN prev_hash;
       DELETE FROM schema_version WHERE version = 3; PRAGMA user_version = 2;`,
    );
    const old = await verify(dir);
    expect(old.code).toBe(0);
    expect(old.io.err).toContain('predates the fills and order-events hash chains');
    const ledger = openLedger(dir);
    expect(ledger.startup.migrationsApplied).toEqual(['3: hash chains on fills and order events']);
    expect(ledger.startup.mismatches).toEqual([]);
    closeQuietly(ledger);
    expect((await verify(dir)).code).toBe(0);
    tamper(dir, "UPDATE fills SET liquidity = 'maker' WHERE fill_id = 'fill-2'");
    const edited = await verify(dir);
    expect(edited.code).toBe(1);
    expect(edited.report.mismatches).toContainEqual(
      expect.objectContaining({ table: 'fills', row: 'seq 2 (fill fill-2)', field: 'hash' }),
    );
  });
});

describe('start-up runs the same check', () => {
  it('opens a tampered ledger without rewriting it and refuses every order in its reconciliation', () => {
    const dir = tradedLedger();
    tamper(dir, "UPDATE fills SET price = price * 10 WHERE fill_id = 'fill-2'");
    const ledger = openLedger(dir);
    expect(ledger.startup.mismatches.length).toBeGreaterThan(0);
    const report = ledger.reconcile(
      ledger.loadPositions().map((position) => ({ symbol: position.symbol, quantity: position.quantity })),
    );
    expect(report).toMatchObject({ ok: false, blocksAllTrading: true, blocksAutoTrading: true });
    expect(report.detail).toContain('trading refused: the ledger failed its check');
    expect(report.detail).toContain('fills seq 2 (fill fill-2)');
  });
});
