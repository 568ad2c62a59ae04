import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../src/shared/domain/ids';
import type { Order } from '../../../src/shared/domain/orders';
import type { Desk } from '../oms/factories';
import { ist, makeDepth, makeDesk, makeNseOption, makeOrderRequest, makeTrade, p } from '../oms/factories';

const nifty = makeNseOption().symbol;

/** A desk whose core "crashed" with these working orders in its ledger: a fresh OMS and paper broker restore them. */
function restartWith(orders: readonly Order[], start: number): Desk {
  const desk = makeDesk({ start });
  desk.broker.restoreWorkingOrders(desk.oms.restoreOrders(orders));
  return desk;
}

/** Places `count` resting limit buys at 99.00 (asks at 100.05) and returns them as the ledger holds them. */
function restingOrders(
  count: number,
  start = ist('2026-11-20', '10:00'),
): { ids: OrderId[]; ledger: Order[] } {
  const desk = makeDesk({ start });
  desk.feed(makeDepth(nifty, start, [[9900, 650]], [[10005, 650]]));
  const ids: OrderId[] = [];
  for (let i = 0; i < count; i++) {
    const outcome = desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(9900) }));
    if (!outcome.ok) throw new Error(outcome.reason);
    ids.push(...outcome.orderIds);
  }
  desk.at(start + 1000);
  for (const orderId of ids) expect(desk.order(orderId).status).toBe('accepted');
  return { ids, ledger: desk.oms.openOrders() };
}

describe('working orders after a restart', () => {
  it('are listed again, rest in the book and fill when the market trades through them', () => {
    const { ids, ledger } = restingOrders(2);
    const desk = restartWith(ledger, ist('2026-11-20', '10:05'));
    expect(desk.oms.openOrders().map((order) => order.orderId)).toEqual(ids);
    expect(desk.broker.workingOrders().map((order) => order.orderId)).toEqual(ids);
    desk.feed(makeDepth(nifty, ist('2026-11-20', '10:05'), [[9900, 650]], [[10005, 650]]));
    desk.feed(makeTrade(nifty, ist('2026-11-20', '10:05', 1000), 9895, 500));
    for (const orderId of ids) expect(desk.order(orderId).status).toBe('filled');
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(130);
  });

  it('can be cancelled', () => {
    const { ids, ledger } = restingOrders(1);
    const desk = restartWith(ledger, ist('2026-11-20', '10:05'));
    desk.feed(makeDepth(nifty, ist('2026-11-20', '10:05'), [[9900, 650]], [[10005, 650]]));
    expect(desk.oms.cancelOrder(ids[0])).toBe(true);
    desk.at(ist('2026-11-20', '10:05', 1000));
    expect(desk.order(ids[0]).status).toBe('cancelled');
    expect(desk.broker.workingOrders()).toEqual([]);
  });

  it('expire with the reason recorded when their session closed while the core was down', () => {
    const { ids, ledger } = restingOrders(1);
    const desk = restartWith(ledger, ist('2026-11-23', '09:15'));
    desk.feed(makeDepth(nifty, ist('2026-11-23', '09:15'), [[9900, 650]], [[10005, 650]]));
    expect(desk.order(ids[0]).status).toBe('expired');
    const expiry = desk.journal.events().find((event) => event.orderId === ids[0]);
    expect(expiry).toMatchObject({ type: 'OrderExpired', reason: 'session closed while the core was down' });
  });

  it('cancels, with the reason, an order that was never sent to the broker', () => {
    const { ledger } = restingOrders(1);
    const unsent: Order = { ...ledger[0], orderId: 'order-unsent' as OrderId, status: 'new' };
    const desk = restartWith([unsent], ist('2026-11-20', '10:05'));
    expect(desk.order(unsent.orderId).status).toBe('cancelled');
    expect(desk.journal.events()).toMatchObject([
      { type: 'OrderCancelled', reason: 'not sent to the broker before the core stopped' },
    ]);
    expect(desk.broker.workingOrders()).toEqual([]);
  });
});
