import type { Symbol } from './ids';
import type { Price } from './price';
import type { TimestampUs } from './time';

export type Side = 'buy' | 'sell';
export const DEPTH_LEVELS = 5;

export interface BookLevel {
  readonly price: Price;
  readonly size: number;
}

/** A print. `aggressor` is the side that crossed the spread (buy = lifted the offer). */
export interface TradeEvent {
  readonly type: 'trade';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly price: Price;
  readonly size: number;
  readonly aggressor: Side | 'unknown';
}

/** Top of book (L1). */
export interface QuoteEvent {
  readonly type: 'quote';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly bidPrice: Price;
  readonly bidSize: number;
  readonly askPrice: Price;
  readonly askSize: number;
}

/** Best levels each side, best first (index 0). Up to DEPTH_LEVELS per side. */
export interface DepthEvent {
  readonly type: 'depth';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
}

/** Index value (no book, no size). */
export interface IndexTickEvent {
  readonly type: 'index';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  readonly value: Price;
}

export interface BarEvent {
  readonly type: 'bar';
  readonly symbol: Symbol;
  readonly tsEvent: TimestampUs;
  /** Bar length in seconds. */
  readonly intervalSeconds: number;
  readonly open: Price;
  readonly high: Price;
  readonly low: Price;
  readonly close: Price;
  readonly volume: number;
}

export type MarketEvent = TradeEvent | QuoteEvent | DepthEvent | IndexTickEvent | BarEvent;
