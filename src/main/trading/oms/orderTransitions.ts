import type { Order, OrderStatus } from '../../../shared/domain/orders';
import type { OrderEvent, OrderEventType } from '../../../shared/domain/orderEvents';
import { TERMINAL_ORDER_STATUSES } from '../../../shared/domain/orderEvents';
import { asPrice } from '../../../shared/domain/price';

/**
 * The order state machine (the "transition table" principle): an order changes status only along a row of
 * this table. Each row is one legal (status, event) → status move; anything else is an
 * IllegalOrderTransitionError. The shape follows NautilusTrader's order FSM, cut down to the statuses of
 * `OrderStatus`.
 */
export interface OrderTransition {
  readonly from: OrderStatus;
  readonly event: OrderEventType;
  readonly to: OrderStatus;
  /** Why the row exists: the market or broker behaviour it models. */
  readonly because: string;
}

export const ORDER_TRANSITIONS: readonly OrderTransition[] = [
  {
    from: 'new',
    event: 'OrderSubmitted',
    to: 'submitted',
    because: 'the OMS handed the order to the broker',
  },
  {
    from: 'new',
    event: 'OrderRejected',
    to: 'rejected',
    because: 'a pre-trade check refused it before it left the workstation',
  },
  {
    from: 'new',
    event: 'OrderCancelled',
    to: 'cancelled',
    because: 'a throttled slice was cancelled before it was sent',
  },

  {
    from: 'submitted',
    event: 'OrderAccepted',
    to: 'accepted',
    because: 'the broker or exchange acknowledged it',
  },
  {
    from: 'submitted',
    event: 'OrderRejected',
    to: 'rejected',
    because: 'the broker or exchange refused it (margin, price band, RMS)',
  },
  {
    from: 'submitted',
    event: 'OrderCancelled',
    to: 'cancelled',
    because: 'a cancel overtook the acknowledgement',
  },
  // Fast marketable orders can report their fill before (or instead of) the acknowledgement; refusing
  // the fill would lose a real position, so the table admits it.
  {
    from: 'submitted',
    event: 'OrderFilled',
    to: 'partiallyFilled',
    because: 'a fill arrived before the acknowledgement',
  },
  {
    from: 'submitted',
    event: 'OrderFilled',
    to: 'filled',
    because: 'the whole order filled before the acknowledgement arrived',
  },

  { from: 'accepted', event: 'OrderFilled', to: 'partiallyFilled', because: 'part of the quantity traded' },
  { from: 'accepted', event: 'OrderFilled', to: 'filled', because: 'the whole quantity traded' },
  {
    from: 'accepted',
    event: 'OrderCancelled',
    to: 'cancelled',
    because: 'cancelled by the trader, the OMS (OCO sibling, IOC remainder) or the broker',
  },
  {
    from: 'accepted',
    event: 'OrderExpired',
    to: 'expired',
    because: 'a DAY order reached the end of the session',
  },
  {
    from: 'accepted',
    event: 'OrderModified',
    to: 'accepted',
    because: 'price or quantity changed while working',
  },

  { from: 'partiallyFilled', event: 'OrderFilled', to: 'partiallyFilled', because: 'another part traded' },
  { from: 'partiallyFilled', event: 'OrderFilled', to: 'filled', because: 'the rest traded' },
  {
    from: 'partiallyFilled',
    event: 'OrderCancelled',
    to: 'cancelled',
    because: 'the rest was cancelled (IOC remainder, trader, square-off)',
  },
  {
    from: 'partiallyFilled',
    event: 'OrderExpired',
    to: 'expired',
    because: 'the rest of a DAY order expired at the close',
  },
  {
    from: 'partiallyFilled',
    event: 'OrderModified',
    to: 'partiallyFilled',
    because: 'the working rest was modified',
  },
];

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'new',
  'submitted',
  'accepted',
  'partiallyFilled',
  'filled',
  'cancelled',
  'rejected',
  'expired',
];

export const ORDER_EVENT_TYPES: readonly OrderEventType[] = [
  'OrderSubmitted',
  'OrderAccepted',
  'OrderRejected',
  'OrderFilled',
  'OrderCancelled',
  'OrderExpired',
  'OrderModified',
];

export class IllegalOrderTransitionError extends Error {
  override name = 'IllegalOrderTransitionError';
  constructor(
    readonly orderId: string,
    readonly from: OrderStatus,
    readonly event: OrderEventType,
    detail?: string,
  ) {
    super(
      `order ${orderId}: ${event} is not allowed in status "${from}"` +
        (detail ? ` (${detail})` : '') +
        `; allowed here: ${allowedEvents(from).join(', ') || 'nothing (terminal status)'}`,
    );
  }
}

/** Events a status accepts, in table order, without duplicates. */
export function allowedEvents(from: OrderStatus): OrderEventType[] {
  const events: OrderEventType[] = [];
  for (const row of ORDER_TRANSITIONS)
    if (row.from === from && !events.includes(row.event)) events.push(row.event);
  return events;
}

export function isTransitionAllowed(from: OrderStatus, event: OrderEventType, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS.some((row) => row.from === from && row.event === event && row.to === to);
}

export function isTerminal(status: OrderStatus): boolean {
  return TERMINAL_ORDER_STATUSES.has(status);
}

export function remainingQuantity(order: Order): number {
  return order.quantity - order.filledQuantity;
}

/**
 * Applies one event to an order and returns the order after it. Pure: the caller journals and
 * publishes. Throws IllegalOrderTransitionError for any move not in ORDER_TRANSITIONS, for a fill
 * larger than the open quantity, and for a modification below the filled quantity.
 */
export function applyOrderEvent(order: Order, event: OrderEvent): Order {
  if (event.orderId !== order.orderId) {
    throw new Error(`event for order ${event.orderId} applied to order ${order.orderId}`);
  }
  // The (status, event) pair must have a row before anything else is judged, so an illegal event is
  // always reported as such (not as, say, an overfill of a filled order).
  if (!allowedEvents(order.status).includes(event.type)) {
    throw new IllegalOrderTransitionError(order.orderId, order.status, event.type);
  }
  const base = { ...order, tsUpdated: event.tsEvent };
  let next: Order;
  switch (event.type) {
    case 'OrderSubmitted':
      next = { ...base, status: 'submitted' };
      break;
    case 'OrderAccepted':
      next = { ...base, status: 'accepted' };
      break;
    case 'OrderRejected':
      next = { ...base, status: 'rejected', rejectReason: event.reason };
      break;
    case 'OrderCancelled':
      next = { ...base, status: 'cancelled' };
      break;
    case 'OrderExpired':
      next = { ...base, status: 'expired' };
      break;
    case 'OrderFilled': {
      const fill = event.fill;
      if (!Number.isSafeInteger(fill.quantity) || fill.quantity <= 0) {
        throw new IllegalOrderTransitionError(
          order.orderId,
          order.status,
          event.type,
          `fill quantity ${fill.quantity}`,
        );
      }
      if (fill.quantity > remainingQuantity(order)) {
        throw new IllegalOrderTransitionError(
          order.orderId,
          order.status,
          event.type,
          `fill of ${fill.quantity} would overfill: only ${remainingQuantity(order)} open`,
        );
      }
      const filledQuantity = order.filledQuantity + fill.quantity;
      next = {
        ...base,
        filledQuantity,
        filledNotional: order.filledNotional + fill.price * fill.quantity,
        status: filledQuantity === order.quantity ? 'filled' : 'partiallyFilled',
      };
      break;
    }
    case 'OrderModified': {
      const quantity = event.quantity ?? order.quantity;
      if (quantity <= order.filledQuantity) {
        throw new IllegalOrderTransitionError(
          order.orderId,
          order.status,
          event.type,
          `new quantity ${quantity} is not above the filled ${order.filledQuantity}`,
        );
      }
      next = {
        ...base,
        quantity,
        limitPrice: event.limitPrice === undefined ? order.limitPrice : asPrice(event.limitPrice),
        stopPrice: event.stopPrice === undefined ? order.stopPrice : asPrice(event.stopPrice),
      };
      break;
    }
  }
  if (!isTransitionAllowed(order.status, event.type, next.status)) {
    throw new IllegalOrderTransitionError(order.orderId, order.status, event.type);
  }
  return next;
}
