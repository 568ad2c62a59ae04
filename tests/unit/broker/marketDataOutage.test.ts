import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../src/shared/domain/ids';
import type { PlaceOrderOutcome } from '../../../src/main/trading/oms/omsTypes';
import { ist, makeDepth, makeDesk, makeNseOption, makeOrderRequest, p } from '../oms/factories';

const nifty = makeNseOption().symbol;
const T0 = ist('2026-11-20', '10:00');

function firstId(outcome: PlaceOrderOutcome): OrderId {
  if (!outcome.ok) throw new Error(outcome.reason);
  return outcome.orderIds[0];
}

describe('the paper broker while market data is stale or disconnected', () => {
  it('refuses a market order with the reason instead of filling it at the frozen book', () => {
    const desk = makeDesk({ start: T0 });
    desk.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    desk.broker.setMarketDataOutage('is stale (no data for 3000 ms)');
    const orderId = firstId(desk.oms.placeOrder(makeOrderRequest({ type: 'market', limitPrice: undefined })));
    desk.at(T0 + 1000);
    const order = desk.order(orderId);
    expect(order.status).toBe('rejected');
    expect(order.rejectReason).toBe(
      'market data is stale (no data for 3000 ms): market orders are refused until it resumes, so none fills at a frozen price',
    );
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(0);
  });

  it('accepts a marketable limit but trades it only against the book the next event brings', () => {
    const desk = makeDesk({ start: T0 });
    desk.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    desk.broker.setMarketDataOutage('is disconnected');
    const orderId = firstId(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005) })));
    desk.at(T0 + 1000);
    expect(desk.order(orderId).status).toBe('accepted');
    desk.broker.setMarketDataOutage(null);
    // The market moved while the feed was down: the order meets the new book, not the frozen one.
    desk.feed(makeDepth(nifty, T0 + 2000, [[9990, 650]], [[10000, 650]]));
    const order = desk.order(orderId);
    expect(order.status).toBe('filled');
    expect(order.filledNotional / order.filledQuantity).toBe(10000);
  });
});
