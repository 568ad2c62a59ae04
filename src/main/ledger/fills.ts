import type { Fill, Order, OrderStatus, Position } from '../../shared/domain/orders';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import { TERMINAL_ORDER_STATUSES } from '../../shared/domain/orderEvents';
import type { PositionState } from '../trading/oms/positions';
import { applyFillToState, emptyState } from '../trading/oms/positions';
import { canonicalJson } from './canonicalJson';
import type { LedgerCore } from './ledgerCore';
import { requireStatements, requireWritable } from './ledgerCore';
import type { FillRow, OrderRow } from './ledgerRows';
import { fillFromRow, orderFromRow, orderRow, positionRow } from './ledgerRows';
import type { FillContext } from './ledgerTypes';
import type { ChainedTable } from './rowChains';
import { chainHead, rowHash } from './rowChains';
import type { LedgerFill } from './tradeAnalytics';

/**
 * Orders, order events and fills: each write is one durable transaction (synchronous=FULL) that also
 * updates the position row; the in-memory book follows only after the commit. orderWrites.ts puts
 * many of the same writes into one transaction.
 */

const TERMINAL = [...TERMINAL_ORDER_STATUSES];

/** The row with its link into the table's hash chain (inside the row's write transaction). */
function chained<T extends Record<string, unknown>>(
  core: LedgerCore,
  table: ChainedTable,
  row: T,
): T & { prev_hash: string; hash: string } {
  const prevHash = chainHead(core.db, table);
  return { ...row, prev_hash: prevHash, hash: rowHash(table, prevHash, row) };
}

/** Upserts an order (status `new` when created). Durable on return. */
export function recordOrder(
  core: LedgerCore,
  order: Order,
  sessionId: string | null = core.currentSessionId,
): void {
  requireWritable(core);
  requireStatements(core).upsertOrder.run(orderRow(order, sessionId));
}

/**
 * Records an order event and the order after it in one durable transaction; an OrderFilled also
 * records its fill and the position. Returns the position after a fill, else null.
 */
export function recordOrderEvent(
  core: LedgerCore,
  order: Order,
  event: OrderEvent,
  context: FillContext = {},
): Position | null {
  requireWritable(core);
  const committed = core.db
    .transaction(() => writeOrderEvent(core, order, event, context, bookPositions(core)))
    .immediate();
  return afterFillCommit(core, committed);
}

/** Where a fill finds the position it changes: the book, or states written earlier in the same transaction. */
export type PositionBefore = (symbol: Fill['symbol'], source: Fill['source']) => PositionState | undefined;

/** The committed book: right for a transaction that writes at most one fill. */
export function bookPositions(core: LedgerCore): PositionBefore {
  return (symbol, source) => core.book.state(symbol, source);
}

/**
 * Inside a transaction: the order after the event, the hash-chained event row and, for an
 * OrderFilled, the fill. Returns the position state the fill produced (the caller puts it in the
 * book after the commit), else null.
 */
export function writeOrderEvent(
  core: LedgerCore,
  order: Order,
  event: OrderEvent,
  context: FillContext,
  positionBefore: PositionBefore,
): PositionState | null {
  const statements = requireStatements(core);
  statements.upsertOrder.run(orderRow(order, context.sessionId ?? core.currentSessionId));
  statements.insertOrderEvent.run(
    chained(core, 'order_events', {
      order_id: event.orderId,
      type: event.type,
      ts_event_us: event.tsEvent,
      status_after: order.status,
      payload_json: canonicalJson(event),
    }),
  );
  return event.type === 'OrderFilled'
    ? writeFill(core, event.fill, { ...context, order }, positionBefore)
    : null;
}

/** Records a fill (and the order, when given) and updates the position, durably. Idempotent per fillId. */
export function recordFill(core: LedgerCore, fill: Fill, context: FillContext = {}): Position {
  requireWritable(core);
  let committed: PositionState | null = null;
  core.db
    .transaction(() => {
      if (context.order)
        requireStatements(core).upsertOrder.run(
          orderRow(context.order, context.sessionId ?? core.currentSessionId),
        );
      committed = writeFill(core, fill, context, bookPositions(core));
    })
    .immediate();
  return afterFillCommit(core, committed) ?? (core.book.get(fill.symbol, fill.source) as Position);
}

/** Inside a transaction: the fill row, the trade log row and the position row. Null for a duplicate fill. */
function writeFill(
  core: LedgerCore,
  fill: Fill,
  context: FillContext,
  positionBefore: PositionBefore,
): PositionState | null {
  const statements = requireStatements(core);
  const instrument = core.instrumentContext?.(fill.symbol);
  const existing = positionBefore(fill.symbol, fill.source);
  const multiplier = context.multiplier ?? instrument?.multiplier ?? existing?.multiplier ?? 1;
  const currency = context.currency ?? instrument?.currency ?? 'XXX';
  const sessionId = context.sessionId ?? core.currentSessionId;
  const decisionId = context.decisionId ?? context.order?.tag ?? null;
  const inserted = statements.insertFill.run(
    chained(core, 'fills', {
      fill_id: fill.fillId,
      order_id: fill.orderId,
      session_id: sessionId,
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      multiplier,
      currency,
      ts_event_us: fill.tsEvent,
      source: fill.source,
      charges: fill.charges,
      liquidity: fill.liquidity,
      decision_id: decisionId,
    }),
  );
  if (inserted.changes === 0) return null;
  statements.insertTradeLog.run({
    ts_event_us: fill.tsEvent,
    session_id: sessionId,
    fill_id: fill.fillId,
    order_id: fill.orderId,
    symbol: fill.symbol,
    side: fill.side,
    quantity: fill.quantity,
    price: fill.price,
    origin: fill.source,
  });
  const before = existing ?? emptyState(fill.symbol, fill.source, multiplier);
  const next = applyFillToState({ ...before, multiplier }, fill).state;
  statements.upsertPosition.run(positionRow(next, fill.tsEvent));
  return next;
}

/** The in-memory book changes only after the transaction committed. */
function afterFillCommit(core: LedgerCore, state: PositionState | null): Position | null {
  if (state === null) return null;
  core.book.put(state);
  return core.book.get(state.symbol, state.source) ?? null;
}

export function loadOrders(
  core: LedgerCore,
  options: { readonly openOnly: boolean } = { openOnly: false },
): Order[] {
  const sql = options.openOnly
    ? `SELECT * FROM orders WHERE status NOT IN (${TERMINAL.map(() => '?').join(', ')}) ORDER BY created_us, order_id`
    : 'SELECT * FROM orders ORDER BY created_us, order_id';
  const rows = (
    options.openOnly ? core.db.prepare(sql).all(...TERMINAL) : core.db.prepare(sql).all()
  ) as OrderRow[];
  return rows.map(orderFromRow);
}

export function orderEvents(
  core: LedgerCore,
  orderId: string,
): Array<{ type: string; statusAfter: OrderStatus; event: OrderEvent }> {
  const rows = core.db
    .prepare('SELECT type, status_after, payload_json FROM order_events WHERE order_id = ? ORDER BY seq')
    .all(orderId) as Array<{ type: string; status_after: OrderStatus; payload_json: string }>;
  return rows.map((row) => ({
    type: row.type,
    statusAfter: row.status_after,
    event: JSON.parse(row.payload_json) as OrderEvent,
  }));
}

export function countFills(core: LedgerCore): number {
  return (core.db.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number }).n;
}

export function fillIds(core: LedgerCore): Set<string> {
  return new Set(
    (core.db.prepare('SELECT fill_id FROM fills').all() as Array<{ fill_id: string }>).map(
      (row) => row.fill_id,
    ),
  );
}

export function loadFills(core: LedgerCore): LedgerFill[] {
  return (core.db.prepare('SELECT * FROM fills ORDER BY seq').all() as FillRow[]).map(fillFromRow);
}
