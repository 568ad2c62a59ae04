/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the simple average of the first
 * `period` values (the usual charting convention, so values match a trader's chart once warm).
 */
export class Ema {
  private readonly alpha: number;
  private seedSum = 0;
  private samples = 0;
  /** NaN until `period` values have been seen (a field, read in place on the per-tick path). */
  value = NaN;

  constructor(readonly period: number) {
    this.alpha = 2 / (period + 1);
  }

  update(value: number): void {
    this.samples++;
    if (this.samples < this.period) {
      this.seedSum += value;
      return;
    }
    if (this.samples === this.period) {
      this.value = (this.seedSum + value) / this.period;
      return;
    }
    this.value += this.alpha * (value - this.value);
  }

  get ready(): boolean {
    return this.samples >= this.period;
  }

  reset(): void {
    this.seedSum = 0;
    this.samples = 0;
    this.value = NaN;
  }
}
