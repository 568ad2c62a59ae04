import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../src/shared/domain/ids';
import { ALPACA_OPTIONS_CAPABILITIES, FULL_CAPABILITIES } from '../../../src/main/trading/broker/broker';
import type { PlaceOrderOutcome } from '../../../src/main/trading/oms/omsTypes';
import type { Desk } from './factories';
import {
  et,
  makeDepth,
  makeDesk,
  makeNseOption,
  makeOrderRequest,
  makeTrade,
  makeUsOption,
  p,
} from './factories';

const nifty = makeNseOption().symbol;
const tsla = makeUsOption().symbol;

function groupOf(outcome: PlaceOrderOutcome): string {
  if (!outcome.ok || outcome.groupId === undefined)
    throw new Error(`expected a group, got ${JSON.stringify(outcome)}`);
  return outcome.groupId;
}

function now(desk: Desk): number {
  return desk.clock.nowUs();
}

/** NSE desk, broker holds both exit legs (NSE brokers via OpenAlgo): bids 99.95, asks 100.05. */
function brokerModeDesk() {
  const desk = makeDesk({ capabilities: FULL_CAPABILITIES });
  desk.feed(makeDepth(nifty, now(desk), [[9995, 650]], [[10005, 650]]));
  return desk;
}

/** US desk with Alpaca's option capabilities (no stops, no second resting exit): bids 2.49, asks 2.50. */
function virtualModeDesk() {
  const desk = makeDesk({ capabilities: ALPACA_OPTIONS_CAPABILITIES, start: et('2026-11-20', '10:00') });
  desk.feed(makeDepth(tsla, now(desk), [[249, 50]], [[250, 50]]));
  desk.feed(makeTrade(tsla, now(desk), 250, 1));
  return desk;
}

describe('bracket in broker mode', () => {
  it('rests a take-profit limit and a stop once the entry fills, and cancels the stop when the target fills', () => {
    const desk = brokerModeDesk();
    const groupId = groupOf(
      desk.oms.placeBracket({
        entry: makeOrderRequest({ limitPrice: p(10005) }),
        takeProfit: p(11000),
        stopLoss: { stopPrice: p(9500) },
      }),
    );
    desk.at(now(desk));
    const group = desk.oms.group(groupId);
    expect(group?.state).toBe('active');
    const [takeProfit, stopLoss] = group?.legs ?? [];
    expect(takeProfit.mode).toBe('broker');
    expect(takeProfit.emulated).toBe(false);
    const tpOrder = desk.order(takeProfit.orderIds[0]);
    const slOrder = desk.order(stopLoss.orderIds[0]);
    expect([tpOrder.type, tpOrder.side, tpOrder.limitPrice, tpOrder.reduceOnly]).toEqual([
      'limit',
      'sell',
      11000,
      true,
    ]);
    expect([slOrder.type, slOrder.stopPrice, slOrder.status]).toEqual(['stop', 9500, 'accepted']);

    desk.feed(makeTrade(nifty, now(desk) + 1000, 11000, 500));
    desk.at(now(desk));
    expect(desk.order(takeProfit.orderIds[0]).status).toBe('filled');
    expect(desk.order(stopLoss.orderIds[0]).status).toBe('cancelled');
    expect(desk.oms.group(groupId)?.state).toBe('done');
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(0);
  });

  it('grows the legs with each partial fill of the entry', () => {
    const desk = makeDesk({ capabilities: FULL_CAPABILITIES });
    desk.feed(makeDepth(nifty, now(desk), [[9995, 650]], [[10005, 65]]));
    const groupId = groupOf(
      desk.oms.placeBracket({
        entry: makeOrderRequest({ quantity: 130, limitPrice: p(10005) }),
        takeProfit: p(11000),
        stopLoss: { stopPrice: p(9500) },
      }),
    );
    desk.at(now(desk));
    expect(desk.oms.group(groupId)?.legs.map((leg) => leg.quantity)).toEqual([65, 65]);
    desk.feed(makeDepth(nifty, now(desk) + 1000, [[9995, 650]], [[10005, 650]]));
    desk.at(now(desk));
    const legs = desk.oms.group(groupId)?.legs ?? [];
    expect(legs.map((leg) => leg.quantity)).toEqual([130, 130]);
    expect(legs.map((leg) => leg.orderIds.length)).toEqual([2, 2]);
  });

  it('cancels the legs when the entry ends without a fill', () => {
    const desk = brokerModeDesk();
    const outcome = desk.oms.placeBracket({
      entry: makeOrderRequest({ limitPrice: p(9900) }),
      takeProfit: p(11000),
      stopLoss: { stopPrice: p(9500) },
    });
    const groupId = groupOf(outcome);
    desk.at(now(desk));
    desk.oms.cancelOrder((outcome.ok ? outcome.orderIds : [])[0] as OrderId);
    desk.at(now(desk));
    expect(desk.oms.group(groupId)?.state).toBe('cancelled');
  });

  it('retires the legs when the trader closes the position by hand', () => {
    const desk = brokerModeDesk();
    const groupId = groupOf(
      desk.oms.placeBracket({
        entry: makeOrderRequest({ limitPrice: p(10005) }),
        takeProfit: p(11000),
        stopLoss: { stopPrice: p(9500) },
      }),
    );
    desk.at(now(desk));
    desk.oms.placeOrder(
      makeOrderRequest({ side: 'sell', type: 'market', limitPrice: undefined, reduceOnly: true }),
    );
    desk.at(now(desk));
    desk.at(now(desk));
    const group = desk.oms.group(groupId);
    expect(desk.oms.positions.quantity(nifty, 'manual')).toBe(0);
    expect(group?.state).toBe('cancelled');
    for (const leg of group?.legs ?? []) expect(desk.order(leg.orderIds[0]).status).toBe('cancelled');
  });

  it('refuses a take-profit on the wrong side of the entry', () => {
    const desk = brokerModeDesk();
    const outcome = desk.oms.placeBracket({
      entry: makeOrderRequest({ limitPrice: p(10005) }),
      takeProfit: p(9000),
    });
    expect(outcome.ok === false && outcome.reason).toBe(
      'takeProfit at 9000 must be above the entry price 10005',
    );
  });
});

describe('bracket in virtual mode (broker without bracket/OCO)', () => {
  it('holds both legs in the core, exits at market when the stop trades, and retires the target', () => {
    const desk = virtualModeDesk();
    const groupId = groupOf(
      desk.oms.placeBracket({
        entry: makeOrderRequest({ symbol: tsla, quantity: 5, limitPrice: p(250) }),
        takeProfit: p(300),
        stopLoss: { stopPrice: p(220) },
      }),
    );
    desk.at(now(desk));
    let group = desk.oms.group(groupId);
    expect(
      group?.legs.map((leg) => [leg.mode, leg.emulated, leg.state, leg.quantity, leg.orderIds.length]),
    ).toEqual([
      ['virtual', true, 'armed', 5, 0],
      ['virtual', true, 'armed', 5, 0],
    ]);
    // The market falls through the stop: the core sends a market sell for the leg.
    desk.feed(makeDepth(tsla, now(desk) + 1000, [[219, 20]], [[221, 20]]));
    desk.feed(makeTrade(tsla, now(desk), 220, 3));
    desk.at(now(desk));
    group = desk.oms.group(groupId);
    const exit = desk.order(group?.legs[1].orderIds[0] as OrderId);
    expect([exit.type, exit.side, exit.status, exit.filledNotional / exit.filledQuantity]).toEqual([
      'market',
      'sell',
      'filled',
      219,
    ]);
    expect(group?.legs.map((leg) => leg.state)).toEqual(['cancelled', 'done']);
    expect(group?.state).toBe('done');
    expect(desk.oms.positions.quantity(tsla, 'manual')).toBe(0);
  });

  it('re-arms a triggered leg whose exit order died unfilled', () => {
    const desk = virtualModeDesk();
    const groupId = groupOf(
      desk.oms.placeBracket({
        entry: makeOrderRequest({ symbol: tsla, quantity: 5, limitPrice: p(250) }),
        stopLoss: { stopPrice: p(220) },
      }),
    );
    desk.at(now(desk));
    // Bid side empty: the market exit cannot fill; the trader cancels it.
    desk.feed(makeDepth(tsla, now(desk) + 1000, [], [[221, 20]]));
    desk.feed(makeTrade(tsla, now(desk), 220, 3));
    desk.at(now(desk));
    const leg = desk.oms.group(groupId)?.legs[0];
    desk.oms.cancelOrder(leg?.orderIds[0] as OrderId);
    desk.at(now(desk));
    expect(desk.oms.group(groupId)?.legs[0].state).toBe('armed');
  });
});

describe('OCO', () => {
  it('exits through the stop leg and cancels the limit leg (broker mode)', () => {
    const desk = brokerModeDesk();
    desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005) }));
    desk.at(now(desk));
    const groupId = groupOf(
      desk.oms.placeOco({
        symbol: nifty,
        side: 'sell',
        quantity: 65,
        source: 'manual',
        legs: [
          { role: 'takeProfit', kind: 'limit', price: p(11000) },
          { role: 'stopLoss', kind: 'stop', price: p(9500) },
        ],
      }),
    );
    desk.at(now(desk));
    desk.feed(makeDepth(nifty, now(desk) + 1000, [[9490, 650]], [[9510, 650]]));
    desk.feed(makeTrade(nifty, now(desk), 9500, 65));
    desk.at(now(desk));
    const group = desk.oms.group(groupId);
    expect(desk.order(group?.legs[1].orderIds[0] as OrderId).status).toBe('filled');
    expect(desk.order(group?.legs[0].orderIds[0] as OrderId).status).toBe('cancelled');
    expect(group?.state).toBe('done');
  });

  it('refuses exit legs larger than the open position', () => {
    const desk = brokerModeDesk();
    const outcome = desk.oms.placeOco({
      symbol: nifty,
      side: 'sell',
      quantity: 65,
      source: 'manual',
      legs: [
        { role: 'takeProfit', kind: 'limit', price: p(11000) },
        { role: 'stopLoss', kind: 'stop', price: p(9500) },
      ],
    });
    expect(outcome.ok === false && outcome.code).toBe('reduceOnly');
  });
});

describe('trailing stop', () => {
  it('follows the best trade by the distance and exits when the market falls back to it (virtual)', () => {
    const desk = virtualModeDesk();
    desk.oms.placeOrder(makeOrderRequest({ symbol: tsla, quantity: 5, limitPrice: p(250) }));
    desk.at(now(desk));
    const groupId = groupOf(
      desk.oms.placeTrailingStop({
        symbol: tsla,
        side: 'sell',
        quantity: 5,
        source: 'manual',
        trailUnits: 10,
      }),
    );
    expect(desk.oms.group(groupId)?.legs[0].price).toBe(240);
    desk.feed(makeTrade(tsla, now(desk) + 1000, 260, 1));
    expect(desk.oms.group(groupId)?.legs[0].price).toBe(250);
    desk.feed(makeTrade(tsla, now(desk) + 1000, 255, 1));
    expect(desk.oms.group(groupId)?.legs[0].price).toBe(250);
    desk.feed(makeDepth(tsla, now(desk) + 1000, [[250, 20]], [[252, 20]]));
    desk.feed(makeTrade(tsla, now(desk), 250, 1));
    desk.at(now(desk));
    expect(desk.oms.positions.quantity(tsla, 'manual')).toBe(0);
    expect(desk.oms.group(groupId)?.state).toBe('done');
  });

  it('moves the resting stop at the broker with modifications (broker mode)', () => {
    const desk = brokerModeDesk();
    desk.feed(makeTrade(nifty, now(desk), 10000, 65));
    desk.oms.placeOrder(makeOrderRequest({ limitPrice: p(10005) }));
    desk.at(now(desk));
    const groupId = groupOf(
      desk.oms.placeTrailingStop({
        symbol: nifty,
        side: 'sell',
        quantity: 65,
        source: 'manual',
        trailUnits: 200,
      }),
    );
    desk.at(now(desk));
    const stopId = desk.oms.group(groupId)?.legs[0].orderIds[0] as OrderId;
    expect(desk.order(stopId).stopPrice).toBe(9800);
    desk.feed(makeTrade(nifty, now(desk) + 1000, 10300, 65));
    desk.at(now(desk));
    expect(desk.order(stopId).stopPrice).toBe(10100);
    expect(desk.broker.order(stopId)?.stopPrice).toBe(10100);
  });
});

describe('virtual stop for a broker without stop orders', () => {
  it('holds the stop in the core and sends a market order when it trades', () => {
    const desk = virtualModeDesk();
    desk.oms.placeOrder(makeOrderRequest({ symbol: tsla, quantity: 5, limitPrice: p(250) }));
    desk.at(now(desk));
    const outcome = desk.oms.placeOrder(
      makeOrderRequest({
        symbol: tsla,
        side: 'sell',
        type: 'stop',
        limitPrice: undefined,
        stopPrice: p(240),
        quantity: 5,
        reduceOnly: true,
      }),
    );
    const groupId = groupOf(outcome);
    expect(outcome.ok && outcome.orderIds).toEqual([]);
    expect(desk.oms.group(groupId)?.legs[0].emulated).toBe(true);
    desk.feed(makeDepth(tsla, now(desk) + 1000, [[239, 20]], [[241, 20]]));
    desk.feed(makeTrade(tsla, now(desk), 240, 1));
    desk.at(now(desk));
    expect(desk.oms.positions.quantity(tsla, 'manual')).toBe(0);
  });
});
