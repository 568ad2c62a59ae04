import type { OrderId } from './ids';
import type { Fill, OrderStatus } from './orders';
import type { TimestampUs } from './time';

/**
 * What a broker (paper or real) reports about an order. Past tense: these are facts. The OMS applies
 * them through its transition table; the engine reacts to them.
 */
export type OrderEvent =
  | { readonly type: 'OrderSubmitted'; readonly orderId: OrderId; readonly tsEvent: TimestampUs }
  | {
      readonly type: 'OrderAccepted';
      readonly orderId: OrderId;
      readonly tsEvent: TimestampUs;
      readonly brokerOrderId?: string;
    }
  | {
      readonly type: 'OrderRejected';
      readonly orderId: OrderId;
      readonly tsEvent: TimestampUs;
      readonly reason: string;
    }
  | {
      readonly type: 'OrderFilled';
      readonly orderId: OrderId;
      readonly tsEvent: TimestampUs;
      readonly fill: Fill;
    }
  | {
      readonly type: 'OrderCancelled';
      readonly orderId: OrderId;
      readonly tsEvent: TimestampUs;
      readonly reason?: string;
    }
  | {
      readonly type: 'OrderExpired';
      readonly orderId: OrderId;
      readonly tsEvent: TimestampUs;
      /** Which session rule ended it (the close, a close that passed while the core was down). */
      readonly reason?: string;
    }
  | {
      readonly type: 'OrderModified';
      readonly orderId: OrderId;
      readonly tsEvent: TimestampUs;
      readonly quantity?: number;
      readonly limitPrice?: number;
      readonly stopPrice?: number;
    };

export type OrderEventType = OrderEvent['type'];

/** Statuses from which no transition is legal. */
export const TERMINAL_ORDER_STATUSES: ReadonlySet<OrderStatus> = new Set([
  'filled',
  'cancelled',
  'rejected',
  'expired',
]);
