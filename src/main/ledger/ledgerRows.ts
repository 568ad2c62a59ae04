import type Database from 'better-sqlite3';
import type { Symbol } from '../../shared/domain/ids';
import type { Order, OrderSource, OrderStatus } from '../../shared/domain/orders';
import type { Price } from '../../shared/domain/price';
import type { PositionLot, PositionState } from '../trading/oms/positions';
import { openQuantity, PositionBook, positionKey, signedOpenNotional } from '../trading/oms/positions';
import { canonicalJson } from './canonicalJson';
import { toCsv } from './csv';
import type { LedgerFill } from './tradeAnalytics';

/** Row shapes of the ledger's tables, their prepared statements, and the mapping to domain objects. */

export interface OrderRow {
  order_id: string;
  session_id: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  type: Order['type'];
  quantity: number;
  limit_price: number | null;
  stop_price: number | null;
  time_in_force: Order['timeInForce'];
  reduce_only: number;
  source: OrderSource;
  client_order_id: string | null;
  tag: string | null;
  status: OrderStatus;
  filled_quantity: number;
  filled_notional: number;
  reject_reason: string | null;
  created_us: number;
  updated_us: number;
}

export interface FillRow {
  seq: number;
  fill_id: string;
  order_id: string;
  session_id: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  multiplier: number;
  currency: string;
  ts_event_us: number;
  source: OrderSource;
  charges: number;
  liquidity: 'taker' | 'maker';
  decision_id: string | null;
}

export interface PositionRow {
  symbol: string;
  source: OrderSource;
  quantity: number;
  open_notional: number;
  realised_pnl: number;
  charges: number;
  multiplier: number;
  lots_json: string;
  updated_us: number;
}

export type LedgerStatements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  return {
    upsertOrder: db.prepare(
      `INSERT INTO orders (order_id, session_id, symbol, side, type, quantity, limit_price, stop_price, time_in_force,
         reduce_only, source, client_order_id, tag, status, filled_quantity, filled_notional, reject_reason, created_us, updated_us)
       VALUES (@order_id, @session_id, @symbol, @side, @type, @quantity, @limit_price, @stop_price, @time_in_force,
         @reduce_only, @source, @client_order_id, @tag, @status, @filled_quantity, @filled_notional, @reject_reason, @created_us, @updated_us)
       ON CONFLICT (order_id) DO UPDATE SET quantity = excluded.quantity, limit_price = excluded.limit_price,
         stop_price = excluded.stop_price, status = excluded.status, filled_quantity = excluded.filled_quantity,
         filled_notional = excluded.filled_notional, reject_reason = excluded.reject_reason, updated_us = excluded.updated_us,
         session_id = COALESCE(orders.session_id, excluded.session_id)`,
    ),
    insertOrderEvent: db.prepare(
      `INSERT INTO order_events (order_id, type, ts_event_us, status_after, payload_json, prev_hash, hash)
       VALUES (@order_id, @type, @ts_event_us, @status_after, @payload_json, @prev_hash, @hash)`,
    ),
    // Only a repeated fill_id is skipped (a broker resending a fill). OR IGNORE would also skip a row
    // breaking a CHECK (a zero multiplier, a bad side) and the caller would acknowledge a fill that
    // was never written; such a row must fail loudly instead.
    insertFill: db.prepare(
      `INSERT INTO fills (fill_id, order_id, session_id, symbol, side, quantity, price, multiplier, currency,
         ts_event_us, source, charges, liquidity, decision_id, prev_hash, hash)
       VALUES (@fill_id, @order_id, @session_id, @symbol, @side, @quantity, @price, @multiplier, @currency,
         @ts_event_us, @source, @charges, @liquidity, @decision_id, @prev_hash, @hash)
       ON CONFLICT (fill_id) DO NOTHING`,
    ),
    insertTradeLog: db.prepare(
      `INSERT OR IGNORE INTO manual_trade_log (ts_event_us, session_id, fill_id, order_id, symbol, side, quantity, price, origin)
       VALUES (@ts_event_us, @session_id, @fill_id, @order_id, @symbol, @side, @quantity, @price, @origin)`,
    ),
    upsertPosition: db.prepare(
      `INSERT INTO positions (symbol, source, quantity, open_notional, realised_pnl, charges, multiplier, lots_json, updated_us)
       VALUES (@symbol, @source, @quantity, @open_notional, @realised_pnl, @charges, @multiplier, @lots_json, @updated_us)
       ON CONFLICT (symbol, source) DO UPDATE SET quantity = excluded.quantity, open_notional = excluded.open_notional,
         realised_pnl = excluded.realised_pnl, charges = excluded.charges, multiplier = excluded.multiplier,
         lots_json = excluded.lots_json, updated_us = excluded.updated_us`,
    ),
    // Journal statements bind positionally: about a quarter faster than named parameters, which
    // matters at 100,000+ rows per second.
    insertDecision: db.prepare(
      `INSERT INTO decisions (decision_id, ts_event_us, session_id, symbol, kind, signal, regime, side, action, gates_json,
         indicators_json, options_context_json, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSignal: db.prepare(
      `INSERT INTO signals (ts_event_us, session_id, symbol, name, side, confidence, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAlert: db.prepare(
      `INSERT INTO alerts (alert_id, ts_event_us, session_id, severity, kind, message, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertTick: db.prepare(`INSERT INTO ticks (ts_event_us, symbol, type, payload_json) VALUES (?, ?, ?, ?)`),
  };
}

export function orderRow(order: Order, sessionId: string | null): OrderRow {
  return {
    order_id: order.orderId,
    session_id: sessionId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    limit_price: order.limitPrice ?? null,
    stop_price: order.stopPrice ?? null,
    time_in_force: order.timeInForce,
    reduce_only: order.reduceOnly ? 1 : 0,
    source: order.source,
    client_order_id: order.clientOrderId ?? null,
    tag: order.tag ?? null,
    status: order.status,
    filled_quantity: order.filledQuantity,
    filled_notional: order.filledNotional,
    reject_reason: order.rejectReason ?? null,
    created_us: order.tsCreated,
    updated_us: order.tsUpdated,
  };
}

export function orderFromRow(row: OrderRow): Order {
  const order: Record<string, unknown> = {
    orderId: row.order_id,
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    quantity: row.quantity,
    timeInForce: row.time_in_force,
    reduceOnly: row.reduce_only === 1,
    source: row.source,
    status: row.status,
    filledQuantity: row.filled_quantity,
    filledNotional: row.filled_notional,
    tsCreated: row.created_us,
    tsUpdated: row.updated_us,
  };
  if (row.limit_price !== null) order.limitPrice = row.limit_price;
  if (row.stop_price !== null) order.stopPrice = row.stop_price;
  if (row.client_order_id !== null) order.clientOrderId = row.client_order_id;
  if (row.tag !== null) order.tag = row.tag;
  if (row.reject_reason !== null) order.rejectReason = row.reject_reason;
  return order as unknown as Order;
}

export function fillFromRow(row: FillRow): LedgerFill {
  return {
    seq: row.seq,
    fillId: row.fill_id,
    orderId: row.order_id,
    sessionId: row.session_id,
    symbol: row.symbol,
    side: row.side,
    quantity: row.quantity,
    price: row.price,
    multiplier: row.multiplier,
    currency: row.currency,
    tsEventUs: row.ts_event_us,
    source: row.source,
    charges: row.charges,
    liquidity: row.liquidity,
    decisionId: row.decision_id,
  };
}

export function positionRow(state: PositionState, updatedUs: number): PositionRow {
  const quantity = openQuantity(state.lots);
  return {
    symbol: state.symbol,
    source: state.source,
    quantity,
    open_notional: signedOpenNotional(state.lots),
    realised_pnl: state.realisedPnl,
    charges: state.charges,
    multiplier: state.multiplier,
    lots_json: canonicalJson(state.lots.map((lot: PositionLot) => [lot.price, lot.quantity])),
    updated_us: Math.trunc(updatedUs),
  };
}

/** Replays fills in ledger order into position states (the rebuild that start-up and tests use). */
export function replayFills(fills: readonly LedgerFill[]): Map<string, PositionState> {
  const book = new PositionBook();
  for (const fill of fills) {
    book.applyFill(
      {
        symbol: fill.symbol as Symbol,
        source: fill.source,
        side: fill.side,
        quantity: fill.quantity,
        price: fill.price as Price,
        charges: fill.charges,
      },
      fill.multiplier,
    );
  }
  const states = new Map<string, PositionState>();
  for (const state of book.allStates()) states.set(positionKey(state.symbol, state.source), state);
  return states;
}

export function tableCsv(
  db: Database.Database,
  sql: string,
  keep: (row: Record<string, unknown>) => boolean = () => true,
): string {
  const statement = db.prepare(sql);
  const columns = statement.columns().map((column) => column.name);
  return toCsv(columns, (statement.all() as Array<Record<string, unknown>>).filter(keep));
}
