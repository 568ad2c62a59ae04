import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../src/shared/domain/ids';
import type { BrokerCapabilities } from '../../../src/main/trading/broker/broker';
import { FULL_CAPABILITIES } from '../../../src/main/trading/broker/broker';
import type { PlaceOrderOutcome } from '../../../src/main/trading/oms/omsTypes';
import type { Desk } from './factories';
import { makeDepth, makeDesk, makeNseOption, makeOrderRequest, makeTrade, p } from './factories';

const nifty = makeNseOption().symbol;

/** Every order type and resting exits side by side, but no in-place modify: the OMS cancels and replaces. */
const NO_MODIFY: BrokerCapabilities = { ...FULL_CAPABILITIES, modify: false };

function ids(outcome: PlaceOrderOutcome): OrderId[] {
  if (!outcome.ok) throw new Error(`expected ok, got ${outcome.code}: ${outcome.reason}`);
  return outcome.orderIds;
}

/** A NIFTY desk: bids 99.95 × 650, asks 100.05 × `askSize`. */
function niftyDesk(capabilities: BrokerCapabilities, askSize = 650, cancelUs = 0): Desk {
  const desk = makeDesk({
    capabilities,
    broker: { latency: { orderToAckUs: 0, ackToFillUs: 0, cancelUs, jitterUs: 0 } },
  });
  desk.feed(makeDepth(nifty, desk.clock.nowUs(), [[9995, 650]], [[10005, askSize]]));
  return desk;
}

function eventTypes(desk: Desk, orderId: OrderId): string[] {
  return desk.journal.events().flatMap((event) => (event.orderId === orderId ? [event.type] : []));
}

describe('modifying a working order', () => {
  it('changes price and quantity in place through OrderModified when the broker can', () => {
    const desk = niftyDesk(FULL_CAPABILITIES);
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900), quantity: 130 })));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.modifyOrder(orderId, { limitPrice: p(9910), quantity: 195 })).toEqual({ ok: true });
    desk.at(desk.clock.nowUs());
    const order = desk.order(orderId);
    expect([order.status, order.limitPrice, order.quantity]).toEqual(['accepted', 9910, 195]);
    expect(eventTypes(desk, orderId)).toEqual(['OrderSubmitted', 'OrderAccepted', 'OrderModified']);
    expect(desk.oms.orders()).toHaveLength(1);
  });

  it('cancels and replaces when the broker cannot modify, sending the replacement only after the cancel', () => {
    const desk = niftyDesk(NO_MODIFY, 650, 1000);
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900), quantity: 130 })));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.modifyOrder(orderId, { limitPrice: p(9910) })).toEqual({ ok: true });
    // The cancel is still on its way: no second order may work beside the first.
    expect(desk.oms.openOrders().map((order) => order.orderId)).toEqual([orderId]);
    desk.at(desk.clock.nowUs() + 1000);
    expect(desk.order(orderId).status).toBe('cancelled');
    const [replacement] = desk.oms.openOrders();
    expect(replacement.orderId).not.toBe(orderId);
    expect([replacement.status, replacement.limitPrice, replacement.quantity, replacement.side]).toEqual([
      'accepted',
      9910,
      130,
      'buy',
    ]);
  });

  it('replaces only the unfilled rest of the new quantity of a partly filled order', () => {
    const desk = niftyDesk(NO_MODIFY, 65);
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005), quantity: 130 })));
    desk.at(desk.clock.nowUs());
    expect(desk.order(orderId).status).toBe('partiallyFilled');
    expect(desk.oms.modifyOrder(orderId, { limitPrice: p(9990), quantity: 195 })).toEqual({ ok: true });
    desk.at(desk.clock.nowUs());
    const [replacement] = desk.oms.openOrders();
    expect([replacement.limitPrice, replacement.quantity]).toEqual([9990, 130]);
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(65);
  });

  it('sends no replacement when the order filled before its cancel arrived', () => {
    const desk = niftyDesk(NO_MODIFY, 650, 1000);
    const [orderId] = ids(desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900), quantity: 65 })));
    desk.at(desk.clock.nowUs());
    desk.oms.modifyOrder(orderId, { limitPrice: p(9910) });
    desk.feed(makeTrade(nifty, desk.clock.nowUs() + 10, 9895, 500));
    desk.at(desk.clock.nowUs() + 1000);
    expect(desk.order(orderId).status).toBe('filled');
    expect(desk.oms.orders()).toHaveLength(1);
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(65);
  });

  it('keeps a moved bracket leg in its group when the leg order is replaced', () => {
    const desk = niftyDesk(NO_MODIFY);
    const outcome = desk.oms.placeBracket({
      entry: makeOrderRequest({ limitPrice: p(10005) }),
      takeProfit: p(11000),
      stopLoss: { stopPrice: p(9500) },
    });
    if (!outcome.ok || outcome.groupId === undefined) throw new Error('bracket refused');
    const groupId = outcome.groupId;
    desk.at(desk.clock.nowUs());
    const [takeProfit] = desk.oms.group(groupId)?.legs ?? [];
    const original = takeProfit.orderIds[0];
    expect(desk.oms.modifyLeg(groupId, takeProfit.legId, p(11500))).toEqual({ ok: true });
    desk.at(desk.clock.nowUs());
    const moved = desk.oms.group(groupId)?.legs[0];
    expect(moved?.orderIds).toHaveLength(2);
    expect(desk.order(original).status).toBe('cancelled');
    const replacement = desk.order(moved?.orderIds[1] as OrderId);
    expect([replacement.status, replacement.limitPrice, replacement.quantity]).toEqual([
      'accepted',
      11500,
      65,
    ]);
    expect([moved?.mode, moved?.state]).toEqual(['broker', 'armed']);
    // The replacement still cancels its sibling when it fills.
    desk.feed(makeTrade(nifty, desk.clock.nowUs() + 1000, 11500, 500));
    desk.at(desk.clock.nowUs());
    expect(desk.oms.group(groupId)?.state).toBe('done');
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(0);
  });
});
