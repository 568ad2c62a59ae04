import { WilderAtr } from './atr';
import { Ema } from './ema';
import { WilderRsi } from './rsi';

export interface BarStudyPeriods {
  readonly emaFastPeriod: number;
  readonly emaSlowPeriod: number;
  readonly atrPeriod: number;
  readonly rsiPeriod: number;
}

/**
 * Time bars of one interval (1 s or 1 min) built from prices as they arrive, with the closed bars kept
 * in a ring of preallocated typed arrays and EMA/ATR/RSI updated once per closed bar. Intervals with no
 * price are skipped rather than filled with flat bars, so a quiet minute does not drag the ATR down
 * (the chart convention for tick-built bars). Nothing is allocated after construction.
 */
export class BarSeries {
  readonly opens: Float64Array;
  readonly highs: Float64Array;
  readonly lows: Float64Array;
  readonly closes: Float64Array;
  readonly volumes: Float64Array;
  readonly starts: Float64Array;
  /** Number of closed bars ever (the newest closed bar is at index (closedCount − 1) % capacity). */
  closedCount = 0;

  hasCurrent = false;
  currentStartUs = 0;
  currentOpen = 0;
  currentHigh = 0;
  currentLow = 0;
  currentClose = 0;
  currentVolume = 0;

  readonly emaFast: Ema;
  readonly emaSlow: Ema;
  readonly atr: WilderAtr;
  readonly rsi: WilderRsi;

  constructor(
    readonly intervalUs: number,
    readonly capacity: number,
    periods: BarStudyPeriods,
  ) {
    this.opens = new Float64Array(capacity);
    this.highs = new Float64Array(capacity);
    this.lows = new Float64Array(capacity);
    this.closes = new Float64Array(capacity);
    this.volumes = new Float64Array(capacity);
    this.starts = new Float64Array(capacity);
    this.emaFast = new Ema(periods.emaFastPeriod);
    this.emaSlow = new Ema(periods.emaSlowPeriod);
    this.atr = new WilderAtr(periods.atrPeriod);
    this.rsi = new WilderRsi(periods.rsiPeriod);
  }

  /** Closes the current bar if `tsUs` is past its interval. Returns true when a bar closed. */
  roll(tsUs: number): boolean {
    if (!this.hasCurrent || tsUs < this.currentStartUs + this.intervalUs) return false;
    const slot = this.closedCount % this.capacity;
    this.opens[slot] = this.currentOpen;
    this.highs[slot] = this.currentHigh;
    this.lows[slot] = this.currentLow;
    this.closes[slot] = this.currentClose;
    this.volumes[slot] = this.currentVolume;
    this.starts[slot] = this.currentStartUs;
    this.closedCount++;
    this.hasCurrent = false;
    this.emaFast.update(this.currentClose);
    this.emaSlow.update(this.currentClose);
    this.atr.update(this.currentHigh, this.currentLow, this.currentClose);
    this.rsi.update(this.currentClose);
    return true;
  }

  /** Adds a price to the bar containing `tsUs` (call `roll` first). */
  add(tsUs: number, price: number, volume: number): void {
    if (!this.hasCurrent) {
      this.hasCurrent = true;
      this.currentStartUs = tsUs - (tsUs % this.intervalUs);
      this.currentOpen = price;
      this.currentHigh = price;
      this.currentLow = price;
      this.currentClose = price;
      this.currentVolume = volume;
      return;
    }
    if (price > this.currentHigh) this.currentHigh = price;
    if (price < this.currentLow) this.currentLow = price;
    this.currentClose = price;
    this.currentVolume += volume;
  }

  /** Ring slot of the closed bar `back` bars ago (0 = newest); -1 when there is no such bar. */
  slotBack(back: number): number {
    if (back >= this.closedCount || back >= this.capacity) return -1;
    return (this.closedCount - 1 - back) % this.capacity;
  }

  get availableBars(): number {
    return this.closedCount < this.capacity ? this.closedCount : this.capacity;
  }

  reset(): void {
    this.closedCount = 0;
    this.hasCurrent = false;
    this.emaFast.reset();
    this.emaSlow.reset();
    this.atr.reset();
    this.rsi.reset();
  }
}
