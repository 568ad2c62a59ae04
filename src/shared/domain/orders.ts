import type { ClientOrderId, FillId, OrderId, Symbol } from './ids';
import type { Side } from './marketEvents';
import type { Price } from './price';
import type { TimestampUs } from './time';

export type OrderType = 'market' | 'limit' | 'stop' | 'stopLimit';
export type TimeInForce = 'DAY' | 'IOC';
/** Who opened a position: the trader's hand, the engine, or a replay run (never mixed). */
export type OrderSource = 'manual' | 'auto' | 'replay';

export type OrderStatus =
  'new' | 'submitted' | 'accepted' | 'partiallyFilled' | 'filled' | 'cancelled' | 'rejected' | 'expired';

export interface OrderRequest {
  readonly symbol: Symbol;
  readonly side: Side;
  readonly type: OrderType;
  readonly quantity: number;
  /** Required for limit and stopLimit. */
  readonly limitPrice?: Price;
  /** Required for stop and stopLimit. */
  readonly stopPrice?: Price;
  readonly timeInForce: TimeInForce;
  readonly reduceOnly?: boolean;
  readonly source: OrderSource;
  readonly clientOrderId?: ClientOrderId;
  /** Free-form tag, e.g. the engine's decision id that caused it. */
  readonly tag?: string;
}

export interface Order extends OrderRequest {
  readonly orderId: OrderId;
  readonly status: OrderStatus;
  readonly filledQuantity: number;
  /** Exact average fill price in minor units times quantity, kept as a sum to avoid rounding. */
  readonly filledNotional: number;
  readonly tsCreated: TimestampUs;
  readonly tsUpdated: TimestampUs;
  readonly rejectReason?: string;
}

export interface Fill {
  readonly fillId: FillId;
  readonly orderId: OrderId;
  readonly symbol: Symbol;
  readonly side: Side;
  readonly quantity: number;
  readonly price: Price;
  readonly tsEvent: TimestampUs;
  readonly source: OrderSource;
  /** Charges in minor currency units (paise, cents), exact. */
  readonly charges: number;
  readonly liquidity: 'taker' | 'maker';
}

export interface Position {
  readonly symbol: Symbol;
  readonly source: OrderSource;
  /** Signed: positive long, negative short. */
  readonly quantity: number;
  /** Average open price in minor units (may be fractional only through division; kept as notional/quantity). */
  readonly averagePrice: number;
  /** Realised P&L in minor currency units (price units × quantity × multiplier). */
  readonly realisedPnl: number;
  readonly unrealisedPnl: number;
  readonly charges: number;
}
