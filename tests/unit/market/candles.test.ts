import { describe, expect, it } from 'vitest';
import type { MarketEvent, Side } from '../../../src/shared/domain/marketEvents';
import type { Symbol } from '../../../src/shared/domain/ids';
import type { Price } from '../../../src/shared/domain/price';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { CandleBuilder, CandleSeries } from '../../../src/main/trading/market/candles';

const S = 1_000_000;
/** 2026-01-06 09:15:00 IST in µs. */
const OPEN = Date.UTC(2026, 0, 6, 3, 45) * 1000;
const SYMBOL = 'NIFTY-2026-01-06-26000-CE' as Symbol;

function makeTrade(tsUs: number, price: number, size = 1, aggressor: Side | 'unknown' = 'buy'): MarketEvent {
  return {
    type: 'trade',
    symbol: SYMBOL,
    tsEvent: tsUs as TimestampUs,
    price: price as Price,
    size,
    aggressor,
  };
}

function makeQuote(tsUs: number, bid: number, ask: number): MarketEvent {
  return {
    type: 'quote',
    symbol: SYMBOL,
    tsEvent: tsUs as TimestampUs,
    bidPrice: bid as Price,
    bidSize: 10,
    askPrice: ask as Price,
    askSize: 10,
  };
}

function builderWith(...events: MarketEvent[]): CandleBuilder {
  const builder = new CandleBuilder();
  builder.track(SYMBOL);
  for (const event of events) builder.onEvent(event);
  return builder;
}

describe('candles from ticks', () => {
  it('aligns bars to interval boundaries: a tick at the boundary opens the next bar', () => {
    const builder = builderWith(
      makeTrade(OPEN, 100),
      makeTrade(OPEN + 4 * S + 999_999, 105),
      makeTrade(OPEN + 5 * S, 95),
    );
    const fiveSecond = builder.candles(SYMBOL, 5);
    expect(fiveSecond.map((bar) => [bar.tsStart - OPEN, bar.open, bar.high, bar.low, bar.close])).toEqual([
      [0, 100, 105, 100, 105],
      [5 * S, 95, 95, 95, 95],
    ]);
    expect(builder.candles(SYMBOL, 60)).toHaveLength(1);
    expect(builder.candles(SYMBOL, 60)[0]).toMatchObject({
      open: 100,
      high: 105,
      low: 95,
      close: 95,
      volume: 3,
    });
    expect(builder.candles(SYMBOL, 1)).toHaveLength(3);
  });

  it('leaves a gap (no bar) for an interval without ticks', () => {
    const builder = builderWith(makeTrade(OPEN, 100), makeTrade(OPEN + 3 * S, 101));
    expect(builder.candles(SYMBOL, 1).map((bar) => (bar.tsStart - OPEN) / S)).toEqual([0, 3]);
  });

  it('drops a tick older than the open bar and counts it; a late tick inside the bar moves high/low, not the close', () => {
    const builder = builderWith(
      makeTrade(OPEN + 1 * S, 100),
      makeTrade(OPEN + 2 * S + 500_000, 102),
      makeTrade(OPEN + 2 * S + 100_000, 90),
      makeTrade(OPEN + 1 * S + 200_000, 200),
    );
    const oneSecond = builder.candles(SYMBOL, 1);
    expect(oneSecond.map((bar) => [bar.open, bar.high, bar.low, bar.close])).toEqual([
      [100, 100, 100, 100],
      [102, 102, 90, 102],
    ]);
    expect(builder.stats(SYMBOL, 1)?.lateTicks).toBe(1);
    // The 5-second bar still holds both seconds, so the tick at 1.2 s is not late there.
    expect(builder.candles(SYMBOL, 5)[0]).toMatchObject({ high: 200, close: 102, volume: 4 });
  });

  it('splits volume by aggressor (volume at the ask / at the bid)', () => {
    const builder = builderWith(
      makeTrade(OPEN, 100, 3, 'buy'),
      makeTrade(OPEN + 10, 100, 2, 'sell'),
      makeTrade(OPEN + 20, 100, 4, 'unknown'),
    );
    expect(builder.candles(SYMBOL, 1)[0]).toMatchObject({ volume: 9, buyVolume: 3, sellVolume: 2 });
  });

  it('builds from the quote mid until the first print, then from prints only (the print replaces a mid bar of its interval)', () => {
    const builder = builderWith(
      makeQuote(OPEN, 100, 110),
      makeQuote(OPEN + 1 * S, 110, 120),
      makeTrade(OPEN + 1 * S + 10, 112),
      makeQuote(OPEN + 2 * S, 200, 210),
      makeQuote(OPEN + 3 * S, 200, 210),
      makeTrade(OPEN + 3 * S + 1, 114),
    );
    expect(
      builder.candles(SYMBOL, 1).map((bar) => [(bar.tsStart - OPEN) / S, bar.source, bar.close]),
    ).toEqual([
      [0, 'mid', 105],
      [1, 'trade', 112],
      [3, 'trade', 114],
    ]);
  });

  it('closes the open bars at the session close and ignores ticks until the next open', () => {
    const close = OPEN + 6 * 3600 * S + 15 * 60 * S; // 15:30 IST
    const day = 24 * 3600 * S;
    const builder = new CandleBuilder({ inSession: (ts) => (ts - OPEN + day) % day < close - OPEN });
    builder.track(SYMBOL);
    builder.onEvent(makeTrade(close - 10 * S, 100));
    builder.onEvent(makeTrade(close + 1 * S, 300));
    builder.onEvent(makeTrade(OPEN - 1 * S, 50));
    const fiveMinute = builder.candles(SYMBOL, 300);
    expect(fiveMinute).toHaveLength(1);
    expect(fiveMinute[0]).toMatchObject({ open: 100, close: 100, high: 100 });
    expect(builder.stats(SYMBOL, 300)?.outOfSessionTicks).toBe(2);
    // The next session's first tick opens a fresh bar.
    builder.onEvent(makeTrade(OPEN + 24 * 3600 * S, 120));
    expect(builder.candles(SYMBOL, 300).map((bar) => bar.open)).toEqual([100, 120]);
  });

  it('hands each changed bar once per drain: the bar that closed and the one that opened', () => {
    const builder = builderWith(makeTrade(OPEN, 100));
    expect(builder.drainChanges().find((update) => update.interval === 1)?.candles).toHaveLength(1);
    expect(builder.drainChanges()).toEqual([]);
    builder.onEvent(makeTrade(OPEN + 500_000, 101));
    builder.onEvent(makeTrade(OPEN + 1 * S, 102));
    const oneSecond = builder.drainChanges().find((update) => update.interval === 1);
    expect(oneSecond?.candles.map((bar) => bar.close)).toEqual([101, 102]);
  });

  it('keeps at most `capacity` bars and answers from/count queries', () => {
    const series = new CandleSeries(1, 3);
    for (let second = 0; second < 5; second += 1) series.onTrade(OPEN + second * S, 100 + second, 1, 'buy');
    expect(series.candles().map((bar) => bar.close)).toEqual([101, 102, 103, 104]);
    expect(series.candles(OPEN + 3 * S).map((bar) => bar.close)).toEqual([103, 104]);
    expect(series.candles(undefined, 1).map((bar) => bar.close)).toEqual([104]);
  });

  it('ignores symbols nobody charts and bar events', () => {
    const builder = new CandleBuilder();
    builder.onEvent(makeTrade(OPEN, 100));
    expect(builder.candles(SYMBOL, 1)).toEqual([]);
    expect(builder.isTracked(SYMBOL)).toBe(false);
  });
});
