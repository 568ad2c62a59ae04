import { describe, expect, it } from 'vitest';
import { equityCurve, performanceOf } from '../../../src/shared/analytics/performance';
import { distributionOf, monteCarlo, percentile } from '../../../src/main/backtest/analysis/monteCarlo';
import { buildRoundTrips } from '../../../src/main/backtest/analysis/roundTrips';
import { TapeStatistics } from '../../../src/main/backtest/analysis/tapeStats';
import { asFillId, asOrderId, asSymbol } from '../../../src/shared/domain/ids';
import type { Side } from '../../../src/shared/domain/marketEvents';
import type { Fill } from '../../../src/shared/domain/orders';
import { asPrice } from '../../../src/shared/domain/price';
import { asTimestampUs } from '../../../src/shared/domain/time';
import type { RecordedInstrument } from '../../../src/shared/recording/events';
import { makeIndexTick, makeQuote, makeTrade, NIFTY_CE, SESSION_OPEN_US } from './factories';

let fillNumber = 0;
function makeFill(
  side: Side,
  quantity: number,
  price: number,
  tsOffsetUs: number,
  overrides: Partial<Fill> = {},
): Fill {
  fillNumber++;
  return {
    fillId: asFillId(`F-${fillNumber}`),
    orderId: asOrderId(`O-${fillNumber}`),
    symbol: NIFTY_CE,
    side,
    quantity,
    price: asPrice(price),
    tsEvent: asTimestampUs(SESSION_OPEN_US + tsOffsetUs),
    source: 'replay',
    charges: 0,
    liquidity: 'taker',
    ...overrides,
  };
}

const nseOption: RecordedInstrument = { symbol: NIFTY_CE, priceDecimals: 2, tickUnits: 5 };
const lookup = (): RecordedInstrument => nseOption;

describe('round trips', () => {
  it('turns a buy and a sell into one long trade with exact P&L', () => {
    const { trades, open } = buildRoundTrips(
      [makeFill('buy', 65, 12345, 0, { charges: 2000 }), makeFill('sell', 65, 12400, 5e6, { charges: 2100 })],
      { instrument: lookup },
    );
    expect(open).toEqual([]);
    expect(trades).toHaveLength(1);
    // (124.00 - 123.45) × 65 = 35.75; charges ₹20.00 + ₹21.00.
    // Return on the ₹8,024.25 of premium paid: -5.25 / 8024.25.
    expect(trades[0].entryNotional).toBe(8024.25);
    expect(trades[0].returnOnNotional).toBeCloseTo(-5.25 / 8024.25, 8);
    expect(trades[0]).toMatchObject({
      side: 'long',
      quantity: 65,
      entryPrice: 123.45,
      exitPrice: 124,
      grossPnl: 35.75,
      charges: 41,
      netPnl: -5.25,
      holdSeconds: 5,
    });
  });

  it('aggregates partial entries and exits and averages their prices', () => {
    const { trades } = buildRoundTrips(
      [
        makeFill('sell', 65, 10000, 0),
        makeFill('sell', 65, 10010, 1e6),
        makeFill('buy', 100, 9990, 2e6),
        makeFill('buy', 30, 9950, 3e6),
      ],
      { instrument: lookup },
    );
    expect(trades).toHaveLength(1);
    // Short 130 at avg 100.05, covered 100 at 99.90 and 30 at 99.50: (10005 - 9990) × 100 + (10005 - 9950) × 30 = 3150 units = 31.50.
    expect(trades[0]).toMatchObject({ side: 'short', quantity: 130, entryPrice: 100.05, grossPnl: 31.5 });
    expect(trades[0].exitPrice).toBeCloseTo(99.807692, 5);
  });

  it('splits a fill that flips the position into a close and a new trade', () => {
    const { trades, open } = buildRoundTrips(
      [makeFill('buy', 65, 10000, 0), makeFill('sell', 130, 10100, 1e6, { charges: 200 })],
      {
        instrument: lookup,
        lastPrices: new Map([[NIFTY_CE, 10050]]),
      },
    );
    expect(trades).toHaveLength(1);
    expect(trades[0]).toMatchObject({ grossPnl: 65, charges: 1 });
    expect(open).toEqual([{ symbol: NIFTY_CE, quantity: -65, averagePrice: 101, unrealisedPnl: 31.5 }]);
  });

  it('applies the contract multiplier (US options: 100 per contract)', () => {
    const us: RecordedInstrument = {
      symbol: asSymbol('TSLA-2026-11-21-250-C'),
      priceDecimals: 2,
      tickUnits: 1,
      instrument: {
        symbol: asSymbol('TSLA-2026-11-21-250-C'),
        kind: 'option',
        exchange: 'OPRA',
        profile: 'us',
        lotSize: 1,
        multiplier: 100,
        freezeQuantity: 0,
        currency: 'USD',
        priceDecimals: 2,
        tickUnits: 1,
        underlying: asSymbol('TSLA'),
        expiry: '2026-11-21',
        strike: 250,
        right: 'CE',
      },
    };
    const symbol = us.symbol;
    const { trades } = buildRoundTrips(
      [makeFill('buy', 2, 150, 0, { symbol }), makeFill('sell', 2, 175, 1e6, { symbol })],
      { instrument: () => us },
    );
    // $0.25 × 2 contracts × 100 = $50.
    expect(trades[0].grossPnl).toBe(50);
  });

  it('tags trades with the signal and exit rule of their decisions', () => {
    const entry = makeFill('buy', 65, 10000, 0);
    const exit = makeFill('sell', 65, 10100, 1e6);
    const tags = new Map([
      [entry.orderId as string, { signal: 'momentumBurst', exitRule: null }],
      [exit.orderId as string, { signal: null, exitRule: 'takeProfit' }],
    ]);
    const { trades } = buildRoundTrips([entry, exit], { instrument: lookup, tagFor: (id) => tags.get(id) });
    expect(trades[0]).toMatchObject({ signal: 'momentumBurst', exitRule: 'takeProfit' });
  });
});

describe('performance of replayed trades', () => {
  it('builds the equity curve at exit times', () => {
    const { trades } = buildRoundTrips(
      [
        makeFill('buy', 1, 100, 0),
        makeFill('sell', 1, 90, 1e6),
        makeFill('buy', 1, 100, 2e6),
        makeFill('sell', 1, 130, 3e6),
      ],
      { instrument: lookup },
    );
    expect(equityCurve(trades, (trade) => trade.exitTs)).toEqual([
      { tsUs: SESSION_OPEN_US + 1e6, equity: -0.1, drawdown: 0.1 },
      { tsUs: SESSION_OPEN_US + 3e6, equity: 0.2, drawdown: 0 },
    ]);
    expect(performanceOf(trades).netPnl).toBe(0.2);
  });
});

describe('Monte Carlo', () => {
  const pnls = [12, -8, 5, -3, 20, -15, 7, 2, -6, 9];

  it('keeps the final P&L when reshuffling and varies the drawdown', () => {
    const result = monteCarlo(pnls, 'reshuffle', { runs: 500, seed: 3 });
    expect(result.netPnl.p5).toBe(23);
    expect(result.netPnl.p95).toBe(23);
    expect(result.maxDrawdown.best).toBeLessThan(result.maxDrawdown.worst);
    expect(result.probabilityOfLoss).toBe(0);
  });

  it('varies the final P&L when bootstrapping', () => {
    const result = monteCarlo(pnls, 'bootstrap', { runs: 2000, seed: 3 });
    expect(result.netPnl.p5).toBeLessThan(result.netPnl.p95);
    expect(result.netPnl.mean).toBeGreaterThan(0);
    expect(result.probabilityOfLoss).toBeGreaterThan(0);
  });

  it('is the same for the same seed and differs for another', () => {
    expect(monteCarlo(pnls, 'bootstrap', { seed: 9 })).toEqual(monteCarlo(pnls, 'bootstrap', { seed: 9 }));
    expect(monteCarlo(pnls, 'bootstrap', { seed: 9 }).netPnl).not.toEqual(
      monteCarlo(pnls, 'bootstrap', { seed: 10 }).netPnl,
    );
  });

  it('interpolates percentiles between ranks', () => {
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(distributionOf([3, 1, 2])).toMatchObject({ worst: 1, best: 3, p50: 2 });
  });
});

describe('tape statistics', () => {
  it('counts and measures per instrument and reports the single traded one at the top', () => {
    const statistics = new TapeStatistics();
    statistics.observe(makeIndexTick(2410055, 0));
    statistics.observe(makeQuote({ tsOffsetUs: 1 }));
    statistics.observe(makeTrade({ tsOffsetUs: 2, price: asPrice(12345), size: 65 }));
    statistics.observe(makeTrade({ tsOffsetUs: 3, price: asPrice(12400), size: 130 }));
    const summary = statistics.summary(() => nseOption);
    expect(summary).toMatchObject({
      events: 4,
      trades: 2,
      quotes: 1,
      instruments: 2,
      totalVolume: 195,
      sessionHigh: 124,
      sessionLow: 123.45,
    });
    // (123.45 × 65 + 124 × 130) / 195 = 123.816666…
    expect(summary.sessionVwap).toBe(123.816667);
    expect(summary.firstEventAt).toBe('2026-11-24T03:45:00.000000Z');
  });

  it('gives no top-level VWAP when several instruments traded', () => {
    const statistics = new TapeStatistics();
    statistics.observe(makeTrade());
    statistics.observe(makeTrade({ symbol: asSymbol('OTHER') }));
    const summary = statistics.summary(() => nseOption);
    expect(summary.sessionVwap).toBeNull();
    expect(Object.keys(summary.perInstrument)).toEqual(['NIFTY-2026-11-24-24000-CE', 'OTHER']);
  });

  it('keeps VWAP exact past 2^53 of notional', () => {
    const statistics = new TapeStatistics();
    for (let i = 0; i < 4; i++)
      statistics.observe(makeTrade({ price: asPrice(3_000_000_001), size: 1_000_000 }));
    expect(statistics.summary(() => ({ ...nseOption, priceDecimals: 0 })).sessionVwap).toBe(3_000_000_001);
  });
});
