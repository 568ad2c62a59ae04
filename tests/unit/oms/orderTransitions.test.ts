import { describe, expect, it } from 'vitest';
import type { OrderEvent, OrderEventType } from '../../../src/shared/domain/orderEvents';
import { TERMINAL_ORDER_STATUSES } from '../../../src/shared/domain/orderEvents';
import type { Order, OrderStatus } from '../../../src/shared/domain/orders';
import type { TimestampUs } from '../../../src/shared/domain/time';
import {
  applyOrderEvent,
  IllegalOrderTransitionError,
  ORDER_EVENT_TYPES,
  ORDER_STATUSES,
  ORDER_TRANSITIONS,
} from '../../../src/main/trading/oms/orderTransitions';
import { MemoryOrderJournal } from '../../../src/main/trading/oms/orderJournal';
import { OrderManager } from '../../../src/main/trading/oms/orderManager';
import { newPaperOrder, PaperOrders } from '../../../src/main/trading/broker/paper/paperOrders';
import { createSequentialIds } from '../../../src/shared/domain/ids';
import { ManualClock } from '../../../src/shared/domain/time';
import { FULL_CAPABILITIES } from '../../../src/main/trading/broker/broker';
import { makeFill, makeNseOption, makeOrder, p } from './factories';

/**
 * The table's expected shape, written out by hand: removing, adding or changing a row in
 * ORDER_TRANSITIONS fails the first test, and every row below gets its own test.
 */
const EXPECTED: ReadonlyArray<readonly [OrderStatus, OrderEventType, OrderStatus]> = [
  ['new', 'OrderSubmitted', 'submitted'],
  ['new', 'OrderRejected', 'rejected'],
  ['new', 'OrderCancelled', 'cancelled'],
  ['submitted', 'OrderAccepted', 'accepted'],
  ['submitted', 'OrderRejected', 'rejected'],
  ['submitted', 'OrderCancelled', 'cancelled'],
  ['submitted', 'OrderFilled', 'partiallyFilled'],
  ['submitted', 'OrderFilled', 'filled'],
  ['accepted', 'OrderFilled', 'partiallyFilled'],
  ['accepted', 'OrderFilled', 'filled'],
  ['accepted', 'OrderCancelled', 'cancelled'],
  ['accepted', 'OrderExpired', 'expired'],
  ['accepted', 'OrderModified', 'accepted'],
  ['partiallyFilled', 'OrderFilled', 'partiallyFilled'],
  ['partiallyFilled', 'OrderFilled', 'filled'],
  ['partiallyFilled', 'OrderCancelled', 'cancelled'],
  ['partiallyFilled', 'OrderExpired', 'expired'],
  ['partiallyFilled', 'OrderModified', 'partiallyFilled'],
];

const ts = 5 as TimestampUs;

/**
 * Every holder of orders moves them through the one table: the table itself, the OMS (broker
 * events through `onOrderEvent`) and the paper broker (its own status changes through
 * `PaperOrders.apply`). Each gets `order` as its current copy and applies `event` to it.
 */
interface OrderHolder {
  readonly name: string;
  apply(order: Order, event: OrderEvent): Order;
}

const option = makeNseOption();

const HOLDERS: readonly OrderHolder[] = [
  { name: 'transition table', apply: applyOrderEvent },
  {
    name: 'OMS',
    apply(order, event) {
      const refuse = (): never => {
        throw new Error('the table tests send no commands to the broker');
      };
      const oms = new OrderManager({
        clock: new ManualClock(ts),
        ids: createSequentialIds(),
        instruments: (symbol) => (symbol === option.symbol ? option : undefined),
        broker: { capabilities: FULL_CAPABILITIES, place: refuse, cancel: refuse, modify: refuse },
        journal: new MemoryOrderJournal(),
      });
      oms.adoptBrokerOrder(order);
      const next = oms.onOrderEvent(event);
      expect(oms.order(order.orderId)).toEqual(next);
      return next;
    },
  },
  {
    name: 'paper broker',
    apply(order, event) {
      const reported: OrderEvent[] = [];
      const orders = new PaperOrders((applied) => reported.push(applied));
      const paper = newPaperOrder(order, option, false);
      orders.track(paper);
      try {
        orders.apply(paper, event);
      } finally {
        // Reported only once the table allowed it: a refused event leaves no trace.
        expect(reported).toEqual(paper.order === order ? [] : [event]);
      }
      expect(paper.stage === 'done').toBe(TERMINAL_ORDER_STATUSES.has(paper.order.status));
      return paper.order;
    },
  },
];

/** An order in `status` with 130 of 260 open quantity (some filled when the status implies it). */
function orderIn(status: OrderStatus): Order {
  const filled = status === 'partiallyFilled' ? 65 : status === 'filled' ? 260 : 0;
  return makeOrder(status, { quantity: 260, filledQuantity: filled, filledNotional: filled * 10000 });
}

/** An event of `type` for order-1; a fill of `fillQuantity`. */
function eventOf(type: OrderEventType, fillQuantity = 65): OrderEvent {
  const orderId = makeOrder().orderId;
  switch (type) {
    case 'OrderSubmitted':
      return { type, orderId, tsEvent: ts };
    case 'OrderAccepted':
      return { type, orderId, tsEvent: ts, brokerOrderId: 'b-1' };
    case 'OrderRejected':
      return { type, orderId, tsEvent: ts, reason: 'RMS: margin' };
    case 'OrderFilled':
      return { type, orderId, tsEvent: ts, fill: makeFill({ quantity: fillQuantity, price: p(10050) }) };
    case 'OrderCancelled':
      return { type, orderId, tsEvent: ts, reason: 'trader' };
    case 'OrderExpired':
      return { type, orderId, tsEvent: ts };
    case 'OrderModified':
      return { type, orderId, tsEvent: ts, limitPrice: 10100 };
  }
}

describe('order transition table', () => {
  it('has exactly the expected rows', () => {
    expect(ORDER_TRANSITIONS.map((row) => [row.from, row.event, row.to])).toEqual(EXPECTED);
  });

  it('explains every row', () => {
    for (const row of ORDER_TRANSITIONS) expect(row.because.length).toBeGreaterThan(10);
  });

  it('has no way out of a terminal status and a way out of every other one', () => {
    for (const status of ORDER_STATUSES) {
      const outgoing = ORDER_TRANSITIONS.filter((row) => row.from === status);
      expect(outgoing.length === 0, status).toBe(TERMINAL_ORDER_STATUSES.has(status));
    }
  });

  it('counts 18 legal rows and 41 illegal (status, event) pairs', () => {
    const legalPairs = new Set(ORDER_TRANSITIONS.map((row) => `${row.from}/${row.event}`));
    expect(ORDER_TRANSITIONS).toHaveLength(18);
    expect(ORDER_STATUSES.length * ORDER_EVENT_TYPES.length - legalPairs.size).toBe(41);
  });
});

describe.each(HOLDERS)('$name moves orders only along the table', (holder) => {
  describe('legal transitions', () => {
    for (const row of ORDER_TRANSITIONS) {
      it(`${row.from} --${row.event}--> ${row.to}`, () => {
        const order = orderIn(row.from);
        const open = order.quantity - order.filledQuantity;
        // A fill of the whole open quantity completes the order; a smaller one leaves it partial.
        const event = eventOf(row.event, row.to === 'filled' ? open : 65);
        const next = holder.apply(order, event);
        expect(next.status).toBe(row.to);
        expect(next.tsUpdated).toBe(ts);
      });
    }
  });

  describe('illegal transitions', () => {
    for (const from of ORDER_STATUSES) {
      for (const type of ORDER_EVENT_TYPES) {
        if (ORDER_TRANSITIONS.some((row) => row.from === from && row.event === type)) continue;
        it(`${from} refuses ${type}`, () => {
          const order = orderIn(from);
          expect(() => holder.apply(order, eventOf(type))).toThrow(IllegalOrderTransitionError);
          expect(() => holder.apply(order, eventOf(type))).toThrow(
            `${type} is not allowed in status "${from}"`,
          );
        });
      }
    }
  });
});

describe.each(HOLDERS)('$name applies events', (holder) => {
  it('accumulates fill quantity and exact notional', () => {
    const partial = holder.apply(orderIn('accepted'), eventOf('OrderFilled', 65));
    const more = holder.apply(partial, { ...eventOf('OrderFilled', 130) } as OrderEvent);
    expect(more.filledQuantity).toBe(195);
    expect(more.filledNotional).toBe(195 * 10050);
    expect(more.status).toBe('partiallyFilled');
  });

  it('refuses a fill larger than the open quantity', () => {
    expect(() => holder.apply(orderIn('accepted'), eventOf('OrderFilled', 325))).toThrow(
      'would overfill: only 260 open',
    );
  });

  it('refuses a modification to a quantity not above the filled quantity', () => {
    const event: OrderEvent = {
      type: 'OrderModified',
      orderId: makeOrder().orderId,
      tsEvent: ts,
      quantity: 65,
    };
    expect(() => holder.apply(orderIn('partiallyFilled'), event)).toThrow('is not above the filled 65');
  });

  it('applies modified prices and quantity', () => {
    const event: OrderEvent = {
      type: 'OrderModified',
      orderId: makeOrder().orderId,
      tsEvent: ts,
      quantity: 390,
      limitPrice: 10100,
    };
    const next = holder.apply(orderIn('accepted'), event);
    expect(next.quantity).toBe(390);
    expect(next.limitPrice).toBe(10100);
  });

  it('keeps the reject reason', () => {
    expect(holder.apply(orderIn('submitted'), eventOf('OrderRejected')).rejectReason).toBe('RMS: margin');
  });

  it('refuses an event addressed to another order', () => {
    const event = { ...eventOf('OrderAccepted'), orderId: 'order-9' } as OrderEvent;
    // The table names both orders; the OMS looks the event's order up and does not know it.
    expect(() => holder.apply(orderIn('submitted'), event)).toThrow(
      /order order-9 applied to order order-1|unknown order order-9/,
    );
  });
});
