/**
 * Average true range, Wilder's smoothing (J. Welles Wilder, "New Concepts in Technical Trading
 * Systems", 1978): the first value is the mean of `period` true ranges, then
 * atr = (atr × (period − 1) + trueRange) / period.
 */
export class WilderAtr {
  private previousClose = NaN;
  private seedSum = 0;
  private samples = 0;
  /** NaN until `period` bars have been seen (a field, read in place on the per-tick path). */
  value = NaN;

  constructor(readonly period: number) {}

  update(high: number, low: number, close: number): void {
    const previous = this.previousClose;
    const trueRange = Number.isNaN(previous)
      ? high - low
      : Math.max(high - low, Math.abs(high - previous), Math.abs(low - previous));
    this.previousClose = close;
    this.samples++;
    if (this.samples < this.period) {
      this.seedSum += trueRange;
    } else if (this.samples === this.period) {
      this.value = (this.seedSum + trueRange) / this.period;
    } else {
      this.value = (this.value * (this.period - 1) + trueRange) / this.period;
    }
  }

  reset(): void {
    this.previousClose = NaN;
    this.seedSum = 0;
    this.samples = 0;
    this.value = NaN;
  }
}
