import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../src/shared/domain/ids';
import { IllegalOrderTransitionError } from '../../../src/main/trading/oms/orderTransitions';
import type { PlaceOrderOutcome } from '../../../src/main/trading/oms/omsTypes';
import { ist, makeDepth, makeDesk, makeNseOption, makeOrderRequest, makeTrade, p } from './factories';

const nifty = makeNseOption().symbol;

function ids(outcome: PlaceOrderOutcome): OrderId[] {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.code}: ${outcome.reason}`);
  return outcome.orderIds;
}

/** A desk with a NIFTY book: bids 99.95 × 650, asks 100.05 × 650. */
function niftyDesk(options: Parameters<typeof makeDesk>[0] = {}) {
  const desk = makeDesk(options);
  desk.feed(makeDepth(nifty, desk.clock.nowUs(), [[9995, 650]], [[10005, 650]]));
  return desk;
}

describe('OrderManager', () => {
  it('journals a resting limit order through new, submitted and accepted', () => {
    const desk = niftyDesk();
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs());
    expect(desk.order(orderId).status).toBe('accepted');
    expect(
      desk.journal.entries.map((entry) => (entry.kind === 'created' ? 'created' : entry.event.type)),
    ).toEqual(['created', 'OrderSubmitted', 'OrderAccepted']);
  });

  it('fills a marketable limit, updates the position and journals the fill', () => {
    const desk = niftyDesk();
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005) })));
    desk.at(desk.clock.nowUs());
    expect(desk.order(orderId).status).toBe('filled');
    const position = desk.oms.positions.get(nifty, 'manual');
    expect(position?.quantity).toBe(65);
    expect(position?.averagePrice).toBe(10005);
    expect(position?.charges).toBeGreaterThan(0);
    expect(desk.journal.events().at(-1)?.type).toBe('OrderFilled');
  });

  it('records a pre-trade rejection as new → rejected with the reason', () => {
    const desk = niftyDesk();
    const outcome = desk.oms.placeOrder(makeOrderRequest({ quantity: 100 }));
    expect(outcome.ok).toBe(false);
    if (outcome.ok || outcome.orderId === null) return;
    expect(outcome.code).toBe('lotMultiple');
    expect(desk.order(outcome.orderId).status).toBe('rejected');
    expect(desk.order(outcome.orderId).rejectReason).toBe(
      'lotMultiple: quantity 100 is not a multiple of the lot size 65 of NIFTY-2026-11-24-24000-CE',
    );
  });

  it('refuses the 11th order within one second and accepts it after the window moves', () => {
    const desk = niftyDesk();
    for (let i = 0; i < 10; i++)
      expect(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })).ok).toBe(true);
    const eleventh = desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) }));
    expect(eleventh.ok === false && eleventh.code).toBe('rateLimit');
    desk.at(desk.clock.nowUs() + 1_000_000);
    expect(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })).ok).toBe(true);
  });

  it('slices an order above the freeze quantity and throttles slices beyond the rate cap', () => {
    const desk = niftyDesk({ oms: { limits: { maxOrdersPerSecond: 2 } }, withFunds: false });
    const outcome = desk.oms.placeOrder(makeOrderRequest({ quantity: 3965, limitPrice: p(9900) }));
    expect(outcome.ok && outcome.throttled).toBe(1);
    const [first, second, third] = ids(outcome);
    expect([desk.order(first).quantity, desk.order(second).quantity, desk.order(third).quantity]).toEqual([
      1755, 1755, 455,
    ]);
    expect(desk.order(third).status).toBe('new');
    desk.feed(makeTrade(nifty, desk.clock.nowUs() + 1_000_000, 10000, 65));
    expect(desk.order(third).status).toBe('submitted');
    desk.at(desk.clock.nowUs());
    expect(desk.order(third).status).toBe('accepted');
  });

  it('cancels a throttled slice locally before it is sent', () => {
    const desk = niftyDesk({ oms: { limits: { maxOrdersPerSecond: 1 } }, withFunds: false });
    const [, second] = ids(desk.oms.placeOrder(makeOrderRequest({ quantity: 3510, limitPrice: p(9900) })));
    expect(desk.oms.cancelOrder(second)).toBe(true);
    expect(desk.order(second).status).toBe('cancelled');
    desk.feed(makeTrade(nifty, desk.clock.nowUs() + 1_000_000, 10000, 65));
    expect(desk.order(second).status).toBe('cancelled');
  });

  it('cancels a working order through the broker', () => {
    const desk = niftyDesk();
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.cancelOrder(orderId)).toBe(true);
    desk.at(desk.clock.nowUs());
    expect(desk.order(orderId).status).toBe('cancelled');
    expect(desk.oms.cancelOrder(orderId)).toBe(false);
  });

  it('modifies a working order, rounding the new price onto the tick grid', () => {
    const desk = niftyDesk();
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.modifyOrder(orderId, { limitPrice: p(9953) })).toEqual({ ok: true });
    desk.at(desk.clock.nowUs());
    expect(desk.order(orderId).limitPrice).toBe(9950);
  });

  it('throws on an illegal broker event instead of corrupting the order', () => {
    const desk = niftyDesk();
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs());
    expect(() =>
      desk.oms.onOrderEvent({ type: 'OrderAccepted', orderId, tsEvent: desk.clock.nowUs() }),
    ).toThrow(IllegalOrderTransitionError);
    expect(desk.order(orderId).status).toBe('accepted');
  });

  it('keeps manual and auto positions apart', () => {
    const desk = niftyDesk();
    desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005), source: 'manual' }));
    desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005), source: 'auto', quantity: 130 }));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(65);
    expect(desk.oms.positions.quantity(nifty, 'auto')).toBe(130);
  });

  it('flattens every position and cancels every working order (kill switch helpers)', () => {
    const desk = niftyDesk();
    desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005), quantity: 130 }));
    const [resting] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.cancelAll()).toBe(1);
    desk.oms.flatten();
    desk.at(desk.clock.nowUs());
    expect(desk.order(resting).status).toBe('cancelled');
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(0);
  });

  it('replays to the same events for the same inputs', () => {
    const run = () => {
      const desk = niftyDesk({ broker: { rejection: { rate: 0.3, reasons: ['RMS: test'] }, seed: 7 } });
      for (let i = 0; i < 20; i++) {
        desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(i % 2 ? 10005 : 9990) }));
        desk.at(desk.clock.nowUs() + 200_000);
        desk.feed(makeTrade(nifty, desk.clock.nowUs(), 9990, 65 * (i % 3)));
      }
      return JSON.stringify(desk.journal.events());
    };
    expect(run()).toBe(run());
  });

  it('adopts the broker square-off orders and ends flat at 15:15 IST', () => {
    const desk = makeDesk({ start: ist('2026-11-20', '15:14') });
    desk.feed(makeDepth(nifty, desk.clock.nowUs(), [[9995, 650]], [[10005, 650]]));
    desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005) }));
    const [resting] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(65);
    desk.at(ist('2026-11-20', '15:15'));
    expect(desk.order(resting).status).toBe('cancelled');
    const squareOff = desk.oms.orders().find((order) => order.tag === 'intraday square-off');
    expect(squareOff?.side).toBe('sell');
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(0);
    // After square-off, opening orders are refused by the broker's RMS until the next session.
    const [late] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) })));
    desk.at(desk.clock.nowUs() + 1);
    expect(desk.order(late).status).toBe('rejected');
    expect(desk.order(late).rejectReason).toContain('intraday square-off time has passed');
  });
});
