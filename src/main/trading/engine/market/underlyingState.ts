import type { EngineParams } from '../config/schema';
import { VELOCITY_WINDOW_SECONDS } from '../config/schema';
import type { DepthEvent, QuoteEvent, Side, TradeEvent } from '../../../../shared/domain/marketEvents';
import { BarSeries } from '../indicators/barSeries';
import { SessionVwap } from '../indicators/vwap';
import { SpreadPercentile } from '../indicators/spreadPercentile';
import { SweepDetector } from '../indicators/sweepDetector';
import { SwingLevels } from '../../../../shared/analytics/swingLevels';
import {
  COLUMN_BUY_VOLUME,
  COLUMN_DOWNTICKS,
  COLUMN_SELL_VOLUME,
  COLUMN_UPTICKS,
  COLUMN_VOLUME,
  TimeBuckets,
} from '../indicators/timeBuckets';
import { RegimeDetector } from '../regime/regimeDetector';

/** Index of each velocity window in the bucket windows (then the volume baseline). */
export const WINDOW_5S = 0;
export const WINDOW_15S = 1;
export const WINDOW_30S = 2;
export const WINDOW_60S = 3;
export const WINDOW_BASELINE = 4;

export function windowIndexOf(seconds: number): number {
  const index = (VELOCITY_WINDOW_SECONDS as readonly number[]).indexOf(seconds);
  if (index < 0)
    throw new RangeError(`no indicator window of ${seconds} s (have ${VELOCITY_WINDOW_SECONDS.join(', ')})`);
  return index;
}

const SECOND_US = 1_000_000;
const MINUTE_US = 60 * SECOND_US;
const RANGE_WINDOW_US = 30 * SECOND_US;
/** Volume ratio needs this much history for the baseline to mean anything. */
const MIN_BASELINE_SECONDS = 10;

/**
 * Everything the engine knows about the underlying (and, as a second instance, the index used for
 * bias): the tape in 100 ms buckets, 1 s and 1 min bars with EMA/ATR/RSI, session VWAP and range,
 * swings, sweeps, the book and the regime. Updated in O(1) per event (O(window) once per closed bar)
 * from preallocated state; derived values are computed when a signal, gate or snapshot reads them.
 */
export class UnderlyingState {
  readonly buckets: TimeBuckets;
  readonly bars1s: BarSeries;
  readonly bars1m: BarSeries;
  readonly vwap = new SessionVwap();
  readonly swings: SwingLevels;
  readonly sweeps: SweepDetector;
  readonly spreads: SpreadPercentile;
  readonly regime: RegimeDetector;

  lastPrice = NaN;
  lastUpdateUs = -1;
  lastTradeUs = -1;
  lastQuoteUs = -1;
  /** A print has arrived (index values are not prints). */
  private printed = false;
  sessionHigh = NaN;
  sessionLow = NaN;
  bestBid = NaN;
  bestAsk = NaN;
  bidSize = 0;
  askSize = 0;
  depthBidSize = 0;
  depthAskSize = 0;
  depthLevels = 0;
  /** Signed run of consecutive same-direction price changes (+3 = three upticks in a row). */
  consecutiveTicks = 0;

  /** High/low of the 1 s bars closed within the last 30 s (the open bar is added when read). */
  private closedRangeHigh = NaN;
  private closedRangeLow = NaN;

  lastSpikeUs = -1;
  lastSpikeDirection = 0;

  /** +1 above the VWAP touch band, −1 below, 0 before the first print. */
  private vwapSide = 0;
  lastVwapSupportTouchUs = -1;
  lastVwapResistanceTouchUs = -1;
  lastLowerBandTouchUs = -1;
  lastUpperBandTouchUs = -1;

  /** Nearest swing levels around the last closed 1 s bar's close (refreshed per closed bar). */
  resistance = NaN;
  support = NaN;
  lastBreakUpUs = -1;
  lastBreakUpLevel = NaN;
  lastBreakDownUs = -1;
  lastBreakDownLevel = NaN;

  private readonly touchUnits: number;
  private readonly spikeAtrMultiple: number;

  constructor(
    params: EngineParams,
    readonly tickUnits: number,
  ) {
    const indicators = params.indicators;
    this.buckets = new TimeBuckets([...VELOCITY_WINDOW_SECONDS, indicators.volumeBaselineSeconds]);
    const barCapacity = Math.max(
      64,
      params.regime.efficiencyWindowBars + 2,
      2 * indicators.swingStrengthBars + 2,
      RANGE_WINDOW_US / SECOND_US + 2,
    );
    this.bars1s = new BarSeries(SECOND_US, barCapacity, indicators);
    this.bars1m = new BarSeries(MINUTE_US, 120, indicators);
    this.swings = new SwingLevels(indicators.swingStrengthBars);
    this.sweeps = new SweepDetector(indicators.sweepMinLevels, tickUnits);
    this.spreads = new SpreadPercentile(indicators.spreadPercentileSamples);
    this.regime = new RegimeDetector(params.regime);
    this.touchUnits = params.signals.vwapRejection.touchTicks * tickUnits;
    this.spikeAtrMultiple = indicators.spikeAtrMultiple;
  }

  /** Moves time forward: bucket windows and bar closes. Called for every event and clock tick. */
  advanceTime(tsUs: number): void {
    this.buckets.advance(tsUs);
    if (this.bars1s.roll(tsUs)) this.onSecondBarClosed(tsUs);
    this.bars1m.roll(tsUs);
  }

  /**
   * The stream has carried index values only — no quote, no depth, no print — as an index does over a
   * broker (OpenAlgo streams NSE_INDEX as LTP): its book and volume studies can never be defined.
   */
  get valuesOnly(): boolean {
    return this.lastQuoteUs < 0 && !this.printed && this.lastUpdateUs >= 0;
  }

  onTrade(event: TradeEvent): void {
    const price = event.price as number;
    const ts = event.tsEvent as number;
    let aggressor: Side | 'unknown' = event.aggressor;
    if (aggressor === 'unknown') aggressor = this.inferAggressor(price);
    this.sweeps.onTrade(ts, price, aggressor);
    this.lastTradeUs = ts;
    this.printed = true;
    this.onPrice(
      ts,
      price,
      event.size,
      aggressor === 'buy' ? event.size : 0,
      aggressor === 'sell' ? event.size : 0,
    );
  }

  /** Index ticks: a price without volume. */
  onIndexValue(tsUs: number, value: number): void {
    this.lastTradeUs = tsUs;
    this.onPrice(tsUs, value, 0, 0, 0);
  }

  onQuote(event: QuoteEvent): void {
    this.bestBid = event.bidPrice;
    this.bestAsk = event.askPrice;
    this.bidSize = event.bidSize;
    this.askSize = event.askSize;
    this.lastQuoteUs = event.tsEvent;
    this.lastUpdateUs = event.tsEvent;
    if (this.depthLevels <= 1) {
      this.depthBidSize = event.bidSize;
      this.depthAskSize = event.askSize;
      this.depthLevels = 1;
    }
    this.spreads.add((event.askPrice - event.bidPrice) / this.tickUnits);
  }

  onDepth(event: DepthEvent): void {
    const bids = event.bids;
    const asks = event.asks;
    let bidTotal = 0;
    let askTotal = 0;
    for (let i = 0; i < bids.length && i < 5; i++) bidTotal += bids[i].size;
    for (let i = 0; i < asks.length && i < 5; i++) askTotal += asks[i].size;
    this.depthBidSize = bidTotal;
    this.depthAskSize = askTotal;
    this.depthLevels = bids.length < asks.length ? bids.length : asks.length;
    if (bids.length > 0 && asks.length > 0) {
      this.bestBid = bids[0].price;
      this.bidSize = bids[0].size;
      this.bestAsk = asks[0].price;
      this.askSize = asks[0].size;
      this.spreads.add((asks[0].price - bids[0].price) / this.tickUnits);
    }
    this.lastQuoteUs = event.tsEvent;
    this.lastUpdateUs = event.tsEvent;
  }

  /** Lee–Ready: at or through the quote tells the side; inside the spread the tick rule does. */
  private inferAggressor(price: number): Side | 'unknown' {
    if (this.bestAsk === this.bestAsk && price >= this.bestAsk) return 'buy';
    if (this.bestBid === this.bestBid && price <= this.bestBid) return 'sell';
    if (this.lastPrice === this.lastPrice) {
      if (price > this.lastPrice) return 'buy';
      if (price < this.lastPrice) return 'sell';
      if (this.consecutiveTicks > 0) return 'buy';
      if (this.consecutiveTicks < 0) return 'sell';
    }
    return 'unknown';
  }

  private onPrice(ts: number, price: number, volume: number, buyVolume: number, sellVolume: number): void {
    this.advanceTime(ts);
    const previous = this.lastPrice;
    if (previous === previous) {
      if (price > previous) this.consecutiveTicks = this.consecutiveTicks > 0 ? this.consecutiveTicks + 1 : 1;
      else if (price < previous)
        this.consecutiveTicks = this.consecutiveTicks < 0 ? this.consecutiveTicks - 1 : -1;
    }
    this.buckets.record(price, volume, buyVolume, sellVolume);
    this.bars1s.add(ts, price, volume);
    this.bars1m.add(ts, price, volume);
    this.vwap.update(price, volume);
    if (!(price <= this.sessionHigh)) this.sessionHigh = price;
    if (!(price >= this.sessionLow)) this.sessionLow = price;
    this.lastPrice = price;
    this.lastUpdateUs = ts;
    this.trackVwapTouches(ts, price);
    this.trackBreaks(ts, price);
    this.trackSpike(ts, price);
  }

  private trackVwapTouches(ts: number, price: number): void {
    const vwap = this.vwap.value;
    const band = this.touchUnits;
    if (price > vwap + band) this.vwapSide = 1;
    else if (price < vwap - band) this.vwapSide = -1;
    else if (this.vwapSide > 0) this.lastVwapSupportTouchUs = ts;
    else if (this.vwapSide < 0) this.lastVwapResistanceTouchUs = ts;
    const twoSigma = 2 * this.vwap.deviation;
    if (twoSigma > 0) {
      if (price <= vwap - twoSigma) this.lastLowerBandTouchUs = ts;
      else if (price >= vwap + twoSigma) this.lastUpperBandTouchUs = ts;
    }
  }

  private trackBreaks(ts: number, price: number): void {
    if (price > this.resistance) {
      this.lastBreakUpUs = ts;
      this.lastBreakUpLevel = this.resistance;
      this.resistance = NaN;
    } else if (price < this.support) {
      this.lastBreakDownUs = ts;
      this.lastBreakDownLevel = this.support;
      this.support = NaN;
    }
  }

  private trackSpike(ts: number, price: number): void {
    const atr = this.bars1s.atr.value;
    if (!(atr > 0)) return;
    const past = this.buckets.priceWindowAgo(WINDOW_5S);
    const move = price - past;
    if (Math.abs(move) >= this.spikeAtrMultiple * atr) {
      this.lastSpikeUs = ts;
      this.lastSpikeDirection = move > 0 ? 1 : -1;
    }
  }

  private onSecondBarClosed(tsUs: number): void {
    const bars = this.bars1s;
    this.swings.onBarClosed(bars);
    const close = bars.closes[bars.slotBack(0)];
    this.resistance = this.swings.resistanceAbove(close);
    this.support = this.swings.supportBelow(close);
    let high = NaN;
    let low = NaN;
    const oldestStart = tsUs - RANGE_WINDOW_US;
    for (let back = 0; ; back++) {
      const slot = bars.slotBack(back);
      if (slot < 0 || bars.starts[slot] < oldestStart) break;
      if (!(bars.highs[slot] <= high)) high = bars.highs[slot];
      if (!(bars.lows[slot] >= low)) low = bars.lows[slot];
    }
    this.closedRangeHigh = high;
    this.closedRangeLow = low;
    this.regime.onBarClosed(bars, tsUs);
  }

  // ---- derived values (read by signals, gates, exits and snapshots) ----

  /** Percent change of the price over window `windowIndex`; NaN before the window has history. */
  changePercent(windowIndex: number): number {
    const past = this.buckets.priceWindowAgo(windowIndex);
    return past > 0 ? ((this.lastPrice - past) / past) * 100 : NaN;
  }

  /** Ticks per second over window `windowIndex`. */
  speedTicksPerSecond(windowIndex: number): number {
    const past = this.buckets.priceWindowAgo(windowIndex);
    return (this.lastPrice - past) / this.tickUnits / VELOCITY_WINDOW_SECONDS[windowIndex];
  }

  /** Share (0–1) of aggressive volume that bought, over window `windowIndex`; NaN without volume. */
  buyPressure(windowIndex: number): number {
    const buy = this.buckets.sum(windowIndex, COLUMN_BUY_VOLUME);
    const sell = this.buckets.sum(windowIndex, COLUMN_SELL_VOLUME);
    return buy + sell > 0 ? buy / (buy + sell) : NaN;
  }

  aggressiveVolume(windowIndex: number): number {
    return (
      this.buckets.sum(windowIndex, COLUMN_BUY_VOLUME) + this.buckets.sum(windowIndex, COLUMN_SELL_VOLUME)
    );
  }

  /** Upticks minus downticks over window `windowIndex`. */
  momentumTicks(windowIndex: number): number {
    return this.buckets.sum(windowIndex, COLUMN_UPTICKS) - this.buckets.sum(windowIndex, COLUMN_DOWNTICKS);
  }

  /** Share (0–1) of price changes in the window that went up; NaN without changes. */
  upTickShare(windowIndex: number): number {
    const up = this.buckets.sum(windowIndex, COLUMN_UPTICKS);
    const down = this.buckets.sum(windowIndex, COLUMN_DOWNTICKS);
    return up + down > 0 ? up / (up + down) : NaN;
  }

  volume(windowIndex: number): number {
    return this.buckets.sum(windowIndex, COLUMN_VOLUME);
  }

  /** Volume rate over 5 s against the rolling baseline rate; NaN until the baseline has 10 s or no volume. */
  volumeRatio(): number {
    const baselineBuckets = this.buckets.coveredBuckets(WINDOW_BASELINE);
    if (baselineBuckets * 0.1 < MIN_BASELINE_SECONDS) return NaN;
    const baselineVolume = this.buckets.sum(WINDOW_BASELINE, COLUMN_VOLUME);
    if (!(baselineVolume > 0)) return NaN;
    const recentBuckets = this.buckets.coveredBuckets(WINDOW_5S);
    const recentRate = this.buckets.sum(WINDOW_5S, COLUMN_VOLUME) / recentBuckets;
    return recentRate / (baselineVolume / baselineBuckets);
  }

  /** (top-5 bid − top-5 ask) / (sum): +1 all bids, −1 all asks; NaN without a book. */
  bookImbalance(): number {
    const total = this.depthBidSize + this.depthAskSize;
    return total > 0 ? (this.depthBidSize - this.depthAskSize) / total : NaN;
  }

  /** Top-5 bid size over top-5 ask size. */
  bookRatio(): number {
    return this.depthAskSize > 0
      ? this.depthBidSize / this.depthAskSize
      : this.depthBidSize > 0
        ? Infinity
        : NaN;
  }

  spreadTicks(): number {
    return (this.bestAsk - this.bestBid) / this.tickUnits;
  }

  /** High − low over the last 30 s (closed 1 s bars plus the open one), in price units. */
  range30s(): number {
    let high = this.closedRangeHigh;
    let low = this.closedRangeLow;
    if (this.bars1s.hasCurrent) {
      if (!(this.bars1s.currentHigh <= high)) high = this.bars1s.currentHigh;
      if (!(this.bars1s.currentLow >= low)) low = this.bars1s.currentLow;
    }
    return high - low;
  }

  range30sPercent(): number {
    return this.lastPrice > 0 ? (this.range30s() / this.lastPrice) * 100 : NaN;
  }

  resetSession(): void {
    this.buckets.reset();
    this.bars1s.reset();
    this.bars1m.reset();
    this.vwap.reset();
    this.swings.reset();
    this.sweeps.reset();
    this.spreads.reset();
    this.regime.reset();
    this.lastPrice = NaN;
    this.sessionHigh = NaN;
    this.sessionLow = NaN;
    this.consecutiveTicks = 0;
    this.closedRangeHigh = NaN;
    this.closedRangeLow = NaN;
    this.vwapSide = 0;
    this.resistance = NaN;
    this.support = NaN;
    this.lastBreakUpUs = -1;
    this.lastBreakDownUs = -1;
    this.lastSpikeUs = -1;
    this.lastVwapSupportTouchUs = -1;
    this.lastVwapResistanceTouchUs = -1;
    this.lastLowerBandTouchUs = -1;
    this.lastUpperBandTouchUs = -1;
  }
}
