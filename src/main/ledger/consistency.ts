import type Database from 'better-sqlite3';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import { positionKey } from '../trading/oms/positions';
import { GENESIS_HASH } from './auditChain';
import type { FillRow, OrderRow, PositionRow } from './ledgerRows';
import { fillFromRow, positionRow, replayFills } from './ledgerRows';
import type { ChainedTable } from './rowChains';
import { rowHash } from './rowChains';

/**
 * The ledger checked against itself, table by table: the fills and order-events hash chains, every
 * fill against its trade-log row and its OrderFilled event, every stored position against the one
 * the fills rebuild, and every order against its events and fills. `ledger verify` reports these and
 * start-up refuses to trade while any remain.
 */
export interface LedgerMismatch {
  readonly table: string;
  /** The row's key as the table knows it (seq, fill id, order id, symbol/source). */
  readonly row: string;
  readonly field: string;
  readonly expected: string | number | null;
  readonly actual: string | number | null;
  readonly detail: string;
}

/** At most this many mismatches are listed (a wholesale edit would otherwise print every row). */
const MAX_MISMATCHES = 200;

/** `chains` is false for a ledger older than the chains' migration (read-only opens do not migrate). */
export function checkConsistency(db: Database.Database, chains = true): LedgerMismatch[] {
  const found: LedgerMismatch[] = [];
  const add = (mismatch: LedgerMismatch): void => {
    if (found.length < MAX_MISMATCHES) found.push(mismatch);
  };
  const fills = db.prepare('SELECT * FROM fills ORDER BY seq').all() as Array<FillRow & ChainColumns>;
  const events = db.prepare('SELECT * FROM order_events ORDER BY seq').all() as EventRow[];
  if (chains) {
    checkChain('fills', fills, (row) => `seq ${row.seq} (fill ${row.fill_id})`, add);
    checkChain('order_events', events, (row) => `seq ${row.seq} (order ${row.order_id})`, add);
  }
  const fillsById = new Map(fills.map((row) => [row.fill_id, row]));
  checkTradeLog(db, fillsById, add);
  checkEventPayloads(events, fillsById, add);
  checkPositions(db, fills, add);
  checkOrders(db, fills, events, add);
  return found;
}

interface ChainColumns {
  readonly seq: number;
  readonly prev_hash: string | null;
  readonly hash: string | null;
}

interface EventRow extends ChainColumns {
  readonly order_id: string;
  readonly type: string;
  readonly ts_event_us: number;
  readonly status_after: string;
  readonly payload_json: string;
}

type Add = (mismatch: LedgerMismatch) => void;

/**
 * Each row must hash to its stored hash and point at its predecessor's stored hash, so one edit or
 * one deletion is reported at the row it touched rather than at every row after it.
 */
function checkChain<Row extends ChainColumns>(
  table: ChainedTable,
  rows: readonly Row[],
  name: (row: Row) => string,
  add: Add,
): void {
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const record = row as unknown as Record<string, unknown>;
    if (row.prev_hash !== prevHash) {
      add({
        table,
        row: name(row),
        field: 'prev_hash',
        expected: prevHash,
        actual: row.prev_hash,
        detail: 'the chain is broken before this row: a row was deleted or inserted',
      });
    }
    const hash = rowHash(table, row.prev_hash ?? GENESIS_HASH, record);
    if (row.hash !== hash) {
      add({
        table,
        row: name(row),
        field: 'hash',
        expected: hash,
        actual: row.hash,
        detail: `the row was edited after it was written (one of ${CHAIN_COLUMN_LIST[table]})`,
      });
    }
    prevHash = row.hash ?? GENESIS_HASH;
  }
}

const CHAIN_COLUMN_LIST: Record<ChainedTable, string> = {
  fills: 'the fill columns',
  order_events: 'type, ts_event_us, status_after, payload_json',
};

const TRADE_LOG_FIELDS = ['symbol', 'side', 'quantity', 'price'] as const;

/** Every fill writes a trade-log row in the same transaction; the two must agree field by field. */
function checkTradeLog(db: Database.Database, fillsById: ReadonlyMap<string, FillRow>, add: Add): void {
  const rows = db
    .prepare('SELECT fill_id, symbol, side, quantity, price FROM manual_trade_log ORDER BY seq')
    .all() as Array<Pick<FillRow, 'fill_id' | 'symbol' | 'side' | 'quantity' | 'price'>>;
  for (const logged of rows) {
    const fill = fillsById.get(logged.fill_id);
    if (fill === undefined) {
      add({
        table: 'fills',
        row: `fill ${logged.fill_id}`,
        field: 'fill_id',
        expected: logged.fill_id,
        actual: null,
        detail: 'the trade log records this fill but the fills table has no such row (deleted)',
      });
      continue;
    }
    for (const field of TRADE_LOG_FIELDS) {
      if (fill[field] !== logged[field]) {
        add({
          table: 'fills',
          row: `seq ${fill.seq} (fill ${fill.fill_id})`,
          field,
          expected: logged[field],
          actual: fill[field],
          detail: `the trade log row for this fill says ${field} = ${logged[field]}`,
        });
      }
    }
  }
}

/** Each event row's columns repeat its payload; an OrderFilled payload carries the fill as written. */
function checkEventPayloads(
  events: readonly EventRow[],
  fillsById: ReadonlyMap<string, FillRow>,
  add: Add,
): void {
  for (const row of events) {
    const name = `seq ${row.seq} (order ${row.order_id})`;
    let event: OrderEvent;
    try {
      event = JSON.parse(row.payload_json) as OrderEvent;
    } catch {
      add({
        table: 'order_events',
        row: name,
        field: 'payload_json',
        expected: 'JSON',
        actual: row.payload_json.slice(0, 40),
        detail: 'the payload is not JSON',
      });
      continue;
    }
    const columns: Array<[string, unknown, unknown]> = [
      ['type', event.type, row.type],
      ['order_id', event.orderId, row.order_id],
      ['ts_event_us', event.tsEvent, row.ts_event_us],
    ];
    for (const [field, expected, actual] of columns) {
      if (expected !== actual)
        add({
          table: 'order_events',
          row: name,
          field,
          expected: scalar(expected),
          actual: scalar(actual),
          detail: `the column disagrees with the event payload`,
        });
    }
    if (event.type !== 'OrderFilled') continue;
    const fill = fillsById.get(event.fill.fillId);
    if (fill === undefined) {
      add({
        table: 'fills',
        row: `fill ${event.fill.fillId}`,
        field: 'fill_id',
        expected: event.fill.fillId,
        actual: null,
        detail: `order event seq ${row.seq} filled it but the fills table has no such row (deleted)`,
      });
      continue;
    }
    const pairs: Array<[keyof FillRow, unknown]> = [
      ['quantity', event.fill.quantity],
      ['price', event.fill.price],
      ['side', event.fill.side],
      ['symbol', event.fill.symbol],
    ];
    for (const [field, expected] of pairs) {
      if (fill[field] !== expected)
        add({
          table: 'fills',
          row: `seq ${fill.seq} (fill ${fill.fill_id})`,
          field,
          expected: scalar(expected),
          actual: scalar(fill[field]),
          detail: `order event seq ${row.seq} (OrderFilled) says ${field} = ${String(expected)}`,
        });
    }
  }
}

const POSITION_FIELDS = ['quantity', 'open_notional', 'realised_pnl', 'charges', 'lots_json'] as const;

/** Positions are derived data: the fills, replayed in order, must give exactly the stored rows. */
function checkPositions(db: Database.Database, fills: readonly FillRow[], add: Add): void {
  const rebuilt = replayFills(fills.map(fillFromRow));
  const stored = db.prepare('SELECT * FROM positions').all() as PositionRow[];
  const seen = new Set<string>();
  for (const row of stored) {
    const key = `${row.symbol}/${row.source}`;
    seen.add(key);
    const state = rebuilt.get(positionKey(row.symbol, row.source));
    const expected = state === undefined ? null : positionRow(state, row.updated_us);
    for (const field of POSITION_FIELDS) {
      const want = expected?.[field] ?? (field === 'lots_json' ? '[]' : 0);
      if (row[field] !== want)
        add({
          table: 'positions',
          row: key,
          field,
          expected: want,
          actual: row[field],
          detail: 'the stored position differs from the one its fills give',
        });
    }
  }
  for (const state of rebuilt.values()) {
    const key = `${state.symbol}/${state.source}`;
    const row = positionRow(state, 0);
    if (seen.has(key) || row.quantity === 0) continue;
    add({
      table: 'positions',
      row: key,
      field: 'quantity',
      expected: row.quantity,
      actual: null,
      detail: 'the fills give an open position but no position row is stored',
    });
  }
}

/** An order's status is its last event's status_after, and its filled quantity is its fills' sum. */
function checkOrders(
  db: Database.Database,
  fills: readonly FillRow[],
  events: readonly EventRow[],
  add: Add,
): void {
  const lastStatus = new Map<string, EventRow>();
  for (const event of events) lastStatus.set(event.order_id, event);
  const filled = new Map<string, number>();
  for (const fill of fills) filled.set(fill.order_id, (filled.get(fill.order_id) ?? 0) + fill.quantity);
  const orders = db.prepare('SELECT * FROM orders ORDER BY created_us, order_id').all() as OrderRow[];
  for (const order of orders) {
    const name = `order ${order.order_id}`;
    const last = lastStatus.get(order.order_id);
    if (last !== undefined && last.status_after !== order.status)
      add({
        table: 'orders',
        row: name,
        field: 'status',
        expected: last.status_after,
        actual: order.status,
        detail: `its last event (order_events seq ${last.seq}, ${last.type}) left it ${last.status_after}`,
      });
    const fillQuantity = filled.get(order.order_id) ?? 0;
    if (fillQuantity !== order.filled_quantity)
      add({
        table: 'orders',
        row: name,
        field: 'filled_quantity',
        expected: fillQuantity,
        actual: order.filled_quantity,
        detail: 'the order disagrees with the sum of its fills',
      });
  }
}

function scalar(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' || typeof value === 'string' ? value : JSON.stringify(value);
}

/** One line per mismatch: table, row, field, then what was expected. */
export function describeLedgerMismatch(mismatch: LedgerMismatch): string {
  if (mismatch.field === 'hash' || mismatch.field === 'prev_hash')
    return `${mismatch.table} ${mismatch.row} ${mismatch.field}: ${mismatch.detail}`;
  return `${mismatch.table} ${mismatch.row} ${mismatch.field}: expected ${String(mismatch.expected)}, found ${String(mismatch.actual)} (${mismatch.detail})`;
}

/** The mismatch to show first: one naming a data field says more than a broken hash. */
export function mostSpecificMismatch(mismatches: readonly LedgerMismatch[]): LedgerMismatch | undefined {
  return (
    mismatches.find((mismatch) => mismatch.field !== 'hash' && mismatch.field !== 'prev_hash') ??
    mismatches[0]
  );
}
