import { describe, expect, it } from 'vitest';
import type { OrderId } from '../../../src/shared/domain/ids';
import { asOrderId, createSequentialIds } from '../../../src/shared/domain/ids';
import type { Fill, Order, OrderRequest } from '../../../src/shared/domain/orders';
import type { OrderEvent } from '../../../src/shared/domain/orderEvents';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { ManualClock } from '../../../src/shared/domain/time';
import type { PaperBrokerConfig } from '../../../src/main/trading/broker/paper/paperConfig';
import { PaperBroker } from '../../../src/main/trading/broker/paper/paperBroker';
import {
  ist,
  makeDepth,
  makeNseOption,
  makeOrderRequest,
  makeQuote,
  makeTrade,
  makeUsOption,
  p,
} from '../oms/factories';

const niftyOption = makeNseOption();
const nifty = niftyOption.symbol;
const tsla = makeUsOption().symbol;
const T0 = ist('2026-11-20', '10:00');

/** A paper broker on its own, recording what it reports. Zero latency unless configured. */
function makeBroker(config: Partial<PaperBrokerConfig> = {}) {
  const clock = new ManualClock(T0);
  const events: OrderEvent[] = [];
  const instruments = new Map([
    [nifty as string, niftyOption],
    [tsla as string, makeUsOption()],
  ]);
  const broker = new PaperBroker({
    clock,
    ids: createSequentialIds(),
    instruments: (symbol) => instruments.get(symbol),
    events: { orderEvent: (event) => events.push(event), brokerOrder: () => undefined },
    config: { latency: { orderToAckUs: 0, ackToFillUs: 0, cancelUs: 0, jitterUs: 0 }, ...config },
  });
  let next = 0;
  const submit = (request: Partial<OrderRequest> = {}): OrderId => {
    const order: Order = {
      ...makeOrderRequest(request),
      orderId: asOrderId(`order-${++next}`),
      status: 'submitted',
      filledQuantity: 0,
      filledNotional: 0,
      tsCreated: clock.nowUs(),
      tsUpdated: clock.nowUs(),
    };
    broker.place(order);
    return order.orderId;
  };
  const fills = (orderId?: OrderId): Fill[] =>
    events.flatMap((event) =>
      event.type === 'OrderFilled' && (orderId === undefined || event.orderId === orderId)
        ? [event.fill]
        : [],
    );
  const feed = (event: Parameters<PaperBroker['onMarketEvent']>[0]) => {
    if (event.tsEvent > clock.nowUs()) clock.set(event.tsEvent);
    broker.onMarketEvent(event);
  };
  return {
    broker,
    clock,
    events,
    submit,
    fills,
    feed,
    types: (orderId: OrderId) => events.filter((e) => e.orderId === orderId).map((e) => e.type),
  };
}

const market = (
  quantity: number,
  side: 'buy' | 'sell' = 'buy',
  extra: Partial<OrderRequest> = {},
): Partial<OrderRequest> => ({
  type: 'market',
  limitPrice: undefined,
  quantity,
  side,
  ...extra,
});

describe('market orders walk the book', () => {
  it('takes the asks level by level at their prices', () => {
    const t = makeBroker();
    t.feed(
      makeDepth(
        nifty,
        T0,
        [[9995, 650]],
        [
          [10005, 130],
          [10010, 195],
          [10015, 650],
        ],
      ),
    );
    const orderId = t.submit(market(390));
    t.broker.advanceTo(T0);
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price, fill.liquidity])).toEqual([
      [130, 10005, 'taker'],
      [195, 10010, 'taker'],
      [65, 10015, 'taker'],
    ]);
    // The broker's copy of the book is consumed: the next buyer starts at 100.15 with 585 left.
    expect(t.broker.book(nifty).asks.map((level) => [level.price, level.size])).toEqual([[10015, 585]]);
  });

  it('fills partially when depth is short and cancels an IOC remainder', () => {
    const t = makeBroker();
    t.feed(
      makeDepth(
        nifty,
        T0,
        [[9995, 650]],
        [
          [10005, 130],
          [10010, 65],
        ],
      ),
    );
    const orderId = t.submit(market(325, 'buy', { timeInForce: 'IOC' }));
    t.broker.advanceTo(T0);
    expect(t.fills(orderId).reduce((sum, fill) => sum + fill.quantity, 0)).toBe(195);
    const last = t.events.at(-1);
    expect(last?.type === 'OrderCancelled' && last.reason).toBe('IOC: 130 unfilled, book depth exhausted');
  });

  it('keeps a DAY remainder working and fills it from the next book', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 130]]));
    const orderId = t.submit(market(195));
    t.broker.advanceTo(T0);
    expect(t.broker.order(orderId)?.status).toBe('partiallyFilled');
    t.feed(makeDepth(nifty, T0 + 1000, [[9995, 650]], [[10010, 650]]));
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price])).toEqual([
      [130, 10005],
      [65, 10010],
    ]);
    expect(t.broker.order(orderId)?.status).toBe('filled');
  });
});

describe('limit orders', () => {
  it('fills at touch only after the estimated queue ahead has traded', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9995, 300]], [[10005, 650]]));
    const orderId = t.submit({ limitPrice: p(9995), quantity: 130 });
    t.broker.advanceTo(T0);
    expect(t.broker.queueAhead(orderId)).toBe(300);
    t.feed(makeTrade(nifty, T0 + 1, 9995, 200, 'sell'));
    expect(t.fills(orderId)).toEqual([]);
    expect(t.broker.queueAhead(orderId)).toBe(100);
    // 150 more trade at our price: 100 clear the queue, 50 reach us.
    t.feed(makeTrade(nifty, T0 + 2, 9995, 150, 'sell'));
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price, fill.liquidity])).toEqual([
      [50, 9995, 'maker'],
    ]);
    // A print below our price means the whole level traded: the rest fills.
    t.feed(makeTrade(nifty, T0 + 3, 9990, 10, 'sell'));
    expect(t.fills(orderId).map((fill) => fill.quantity)).toEqual([50, 80]);
    expect(t.broker.order(orderId)?.status).toBe('filled');
  });

  it('moves up the queue when the level shrinks (cancellations ahead)', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9995, 300]], [[10005, 650]]));
    const orderId = t.submit({ limitPrice: p(9995), quantity: 65 });
    t.broker.advanceTo(T0);
    t.feed(makeDepth(nifty, T0 + 1, [[9995, 120]], [[10005, 650]]));
    expect(t.broker.queueAhead(orderId)).toBe(120);
  });

  it('fills at its own price when the opposite side moves onto it', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9995, 300]], [[10005, 650]]));
    const orderId = t.submit({ limitPrice: p(9995), quantity: 130 });
    t.broker.advanceTo(T0);
    t.feed(makeQuote(nifty, T0 + 1, 9990, 100, 9995, 65));
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price, fill.liquidity])).toEqual([
      [65, 9995, 'maker'],
    ]);
  });

  it('takes the marketable part at once, up to its limit, then rests the rest', () => {
    const t = makeBroker();
    t.feed(
      makeDepth(
        nifty,
        T0,
        [[9995, 300]],
        [
          [10005, 65],
          [10010, 65],
          [10020, 650],
        ],
      ),
    );
    const orderId = t.submit({ limitPrice: p(10010), quantity: 195 });
    t.broker.advanceTo(T0);
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price])).toEqual([
      [65, 10005],
      [65, 10010],
    ]);
    expect(t.broker.queueAhead(orderId)).toBe(0);
  });

  it('cancels the unfilled rest of an IOC limit', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9995, 300]], [[10005, 65]]));
    const orderId = t.submit({ limitPrice: p(10005), quantity: 130, timeInForce: 'IOC' });
    t.broker.advanceTo(T0);
    expect(t.types(orderId)).toEqual(['OrderAccepted', 'OrderFilled', 'OrderCancelled']);
  });

  it('loses queue priority on a price change but keeps it on a size reduction', () => {
    const t = makeBroker();
    t.feed(
      makeDepth(
        nifty,
        T0,
        [
          [9995, 300],
          [9990, 500],
        ],
        [[10005, 650]],
      ),
    );
    const orderId = t.submit({ limitPrice: p(9995), quantity: 130 });
    t.broker.advanceTo(T0);
    t.feed(makeTrade(nifty, T0 + 1, 9995, 100, 'sell'));
    t.broker.modify(orderId, { quantity: 65 });
    t.broker.advanceTo(T0 + 2);
    expect(t.broker.queueAhead(orderId)).toBe(200);
    t.broker.modify(orderId, { limitPrice: p(9990) });
    t.broker.advanceTo(T0 + 3);
    expect(t.broker.queueAhead(orderId)).toBe(500);
    expect(t.types(orderId).filter((type) => type === 'OrderModified')).toHaveLength(2);
  });
});

describe('stop orders', () => {
  it('trigger on the trade price, not on quotes, then take the book', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[10000, 650]], [[10010, 650]]));
    t.feed(makeTrade(nifty, T0, 10005, 65));
    const orderId = t.submit({
      type: 'stop',
      limitPrice: undefined,
      stopPrice: p(9500),
      side: 'sell',
      quantity: 65,
    });
    t.broker.advanceTo(T0);
    t.feed(makeQuote(nifty, T0 + 1, 9490, 650, 9500, 650));
    expect(t.fills(orderId)).toEqual([]);
    t.feed(makeTrade(nifty, T0 + 2, 9500, 10));
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price])).toEqual([[65, 9490]]);
  });

  it('a stop-limit becomes a resting limit once triggered', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9400, 650]], [[9600, 650]]));
    const orderId = t.submit({
      type: 'stopLimit',
      stopPrice: p(9500),
      limitPrice: p(9450),
      side: 'sell',
      quantity: 65,
    });
    t.broker.advanceTo(T0);
    t.feed(makeTrade(nifty, T0 + 1, 9500, 10));
    expect(t.fills(orderId)).toEqual([]);
    expect(t.broker.queueAhead(orderId)).toBe(0);
    t.feed(makeTrade(nifty, T0 + 2, 9460, 10));
    expect(t.fills(orderId).map((fill) => [fill.quantity, fill.price])).toEqual([[65, 9450]]);
  });
});

describe('slippage', () => {
  it('fixed ticks make every taker fill that many ticks worse', () => {
    const t = makeBroker({ slippage: { kind: 'fixedTicks', ticks: 2 } });
    t.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    const orderId = t.submit(market(65));
    t.broker.advanceTo(T0);
    // NSE tick 0.05 = 5 units: 100.05 + 2 × 0.05 = 100.15.
    expect(t.fills(orderId)[0].price).toBe(10015);
  });

  it('volume-based slippage grows with order size relative to the touch, up to a cap', () => {
    const run = (quantity: number) => {
      const t = makeBroker({ slippage: { kind: 'volume', ticksPerTopSize: 1, maxTicks: 3 } });
      t.feed(
        makeDepth(
          nifty,
          T0,
          [[9995, 650]],
          [
            [10005, 650],
            [10010, 6500],
          ],
        ),
      );
      const orderId = t.submit(market(quantity));
      t.broker.advanceTo(T0);
      return t.fills(orderId)[0].price;
    };
    expect(run(325)).toBe(10005); // half the touch: floor(0.5) = 0 ticks
    expect(run(650)).toBe(10010); // the whole touch: 1 tick
    expect(run(1300)).toBe(10015); // twice the touch: 2 ticks
    expect(run(6500)).toBe(10020); // ten times: capped at 3 ticks
  });

  it('never lets slippage push a limit order past its limit', () => {
    const t = makeBroker({ slippage: { kind: 'fixedTicks', ticks: 5 } });
    t.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    const orderId = t.submit({ limitPrice: p(10010), quantity: 65 });
    t.broker.advanceTo(T0);
    expect(t.fills(orderId)[0].price).toBe(10010);
  });
});

describe('latency', () => {
  it('acknowledges after order→ack and fills no earlier than ack→fill', () => {
    const t = makeBroker({
      latency: { orderToAckUs: 20_000, ackToFillUs: 5_000, cancelUs: 20_000, jitterUs: 0 },
    });
    t.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    const orderId = t.submit(market(65));
    t.broker.advanceTo(T0 + 19_999);
    expect(t.events).toEqual([]);
    t.broker.advanceTo(T0 + 24_999);
    expect(t.events.map((event) => [event.type, event.tsEvent])).toEqual([['OrderAccepted', T0 + 20_000]]);
    t.broker.advanceTo(T0 + 25_000);
    expect(t.fills(orderId).map((fill) => fill.tsEvent)).toEqual([T0 + 25_000]);
  });

  it('lets a fill win the race against a cancel still in flight', () => {
    const t = makeBroker({ latency: { orderToAckUs: 0, ackToFillUs: 0, cancelUs: 20_000, jitterUs: 0 } });
    t.feed(makeDepth(nifty, T0, [[9995, 300]], [[10005, 650]]));
    const orderId = t.submit({ limitPrice: p(9995), quantity: 65 });
    t.broker.advanceTo(T0);
    t.broker.cancel(orderId);
    t.feed(makeTrade(nifty, T0 + 10_000, 9990, 10));
    t.broker.advanceTo(T0 + 30_000);
    expect(t.types(orderId)).toEqual(['OrderAccepted', 'OrderFilled']);
  });

  it('draws jitter from the seed, so the same seed gives the same times', () => {
    const times = (seed: number) => {
      const t = makeBroker({
        seed,
        latency: { orderToAckUs: 10_000, ackToFillUs: 0, cancelUs: 0, jitterUs: 5_000 },
      });
      for (let i = 0; i < 5; i++) t.submit({ limitPrice: p(9900) });
      t.broker.advanceTo(T0 + 1_000_000);
      return t.events.map((event) => event.tsEvent);
    };
    expect(times(3)).toEqual(times(3));
    expect(times(3)).not.toEqual(times(4));
  });
});

describe('rejections', () => {
  it('rejects with a configured reason at the configured rate', () => {
    const t = makeBroker({ rejection: { rate: 1, reasons: ['exchange: instrument suspended'] } });
    const orderId = t.submit({ limitPrice: p(9900) });
    t.broker.advanceTo(T0);
    expect(t.events).toEqual([
      { type: 'OrderRejected', orderId, tsEvent: T0, reason: 'exchange: instrument suspended' },
    ]);
  });

  it('draws rejections from the seed: the same seed rejects the same orders', () => {
    const rejected = (seed: number) => {
      const t = makeBroker({ seed, rejection: { rate: 0.5, reasons: ['RMS: a', 'RMS: b'] } });
      for (let i = 0; i < 40; i++) t.submit({ limitPrice: p(9900) });
      t.broker.advanceTo(T0);
      return t.events
        .filter((event) => event.type === 'OrderRejected')
        .map((event) => `${event.orderId}:${event.type === 'OrderRejected' && event.reason}`);
    };
    const first = rejected(11);
    expect(first).toEqual(rejected(11));
    expect(first.length).toBeGreaterThan(5);
    expect(first.length).toBeLessThan(35);
  });

  it('refuses an order the paper capital cannot pay for', () => {
    const t = makeBroker({ capital: { INR: 500_000, USD: 0 } });
    const orderId = t.submit({ limitPrice: p(10000) });
    t.broker.advanceTo(T0);
    const event = t.events[0];
    expect(event.type === 'OrderRejected' && event.reason).toBe(
      'RMS: insufficient funds: order needs 6500.00 INR, available 5000.00 INR',
    );
    expect(t.types(orderId)).toEqual(['OrderRejected']);
  });
});

describe('paper capital and margin', () => {
  it('debits premium and charges on a buy and blocks margin on a short option', () => {
    const t = makeBroker({ capital: { INR: 100_000_000, USD: 0 } });
    t.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    t.submit(market(65));
    t.broker.advanceTo(T0);
    const buy = t.fills()[0];
    expect(t.broker.account.cash('INR')).toBe(100_000_000 - 10005 * 65 - buy.charges);
    t.submit(market(130, 'sell'));
    t.broker.advanceTo(T0);
    // Now short 65: 12% of the 24000 strike × 65 = ₹187,200 blocked.
    expect(t.broker.account.blockedMargin('INR')).toBe(18_720_000);
    expect(t.broker.positions()).toEqual([{ symbol: nifty, source: 'manual', quantity: -65 }]);
  });

  it('enforces reduce-only at fill time when the position is already closed', () => {
    const t = makeBroker();
    t.feed(makeDepth(nifty, T0, [[9995, 650]], [[10005, 650]]));
    t.submit(market(65));
    t.broker.advanceTo(T0);
    const first = t.submit({
      type: 'limit',
      side: 'sell',
      limitPrice: p(10100),
      quantity: 65,
      reduceOnly: true,
    });
    const second = t.submit({
      type: 'stop',
      side: 'sell',
      limitPrice: undefined,
      stopPrice: p(9900),
      quantity: 65,
      reduceOnly: true,
    });
    t.broker.advanceTo(T0);
    t.feed(makeTrade(nifty, T0 + 1, 10100, 100));
    expect(t.broker.order(first)?.status).toBe('filled');
    t.feed(makeTrade(nifty, T0 + 2, 9900, 100));
    expect(t.types(second)).toEqual(['OrderAccepted', 'OrderCancelled']);
    expect(t.broker.positions()).toEqual([]);
  });
});

describe('session times', () => {
  it('cancels working orders at the NSE intraday square-off (15:15 IST)', () => {
    const t = makeBroker();
    const orderId = t.submit({ limitPrice: p(9900) });
    t.broker.advanceTo(ist('2026-11-20', '15:14') + 59_999_999);
    expect(t.types(orderId)).toEqual(['OrderAccepted']);
    t.broker.advanceTo(ist('2026-11-20', '15:31'));
    const last = t.events.at(-1);
    expect(last?.type === 'OrderCancelled' && [last.reason, last.tsEvent]).toEqual([
      'intraday square-off',
      ist('2026-11-20', '15:15'),
    ]);
  });

  it('expires at the close when square-off is disabled', () => {
    const defaults = makeBroker().broker.config.markets;
    const u = makeBroker({ markets: { ...defaults, nse: { ...defaults.nse, squareOff: null } } });
    const orderId = u.submit({ limitPrice: p(9900) });
    u.broker.advanceTo(ist('2026-11-20', '15:31'));
    expect(u.types(orderId)).toEqual(['OrderAccepted', 'OrderExpired']);
    expect(u.events.at(-1)?.tsEvent).toBe(ist('2026-11-20', '15:30'));
  });

  it('squares off US positions at 15:50 ET', () => {
    const t = makeBroker();
    t.clock.set(ist('2026-11-20', '22:00') as TimestampUs); // 11:00 ET
    t.feed(makeDepth(tsla, t.clock.nowUs(), [[249, 50]], [[250, 50]]));
    t.submit(market(5, 'buy', { symbol: tsla }));
    t.broker.advanceTo(t.clock.nowUs());
    expect(t.broker.positions()).toEqual([{ symbol: tsla, source: 'manual', quantity: 5 }]);
    const squareOffAt = ist('2026-11-21', '02:20'); // 15:50 ET = 20:50 UTC = 02:20 IST next day
    t.broker.advanceTo(squareOffAt - 1);
    expect(t.broker.positions()).toHaveLength(1);
    t.broker.advanceTo(squareOffAt);
    expect(t.broker.positions()).toEqual([]);
    expect(t.fills().at(-1)?.price).toBe(249);
  });
});
