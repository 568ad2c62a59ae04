/**
 * Relative strength index with Wilder's smoothing (Wilder 1978): average gain and loss seeded with
 * the mean of the first `period` changes, then smoothed like the ATR. 100 when there were no losses.
 */
export class WilderRsi {
  private previous = NaN;
  private gainSum = 0;
  private lossSum = 0;
  private changes = 0;
  private averageGain = NaN;
  private averageLoss = NaN;

  constructor(readonly period: number) {}

  update(close: number): void {
    const previous = this.previous;
    this.previous = close;
    if (Number.isNaN(previous)) return;
    const change = close - previous;
    const gain = change > 0 ? change : 0;
    const loss = change < 0 ? -change : 0;
    this.changes++;
    if (this.changes <= this.period) {
      this.gainSum += gain;
      this.lossSum += loss;
      if (this.changes === this.period) {
        this.averageGain = this.gainSum / this.period;
        this.averageLoss = this.lossSum / this.period;
      }
      return;
    }
    this.averageGain = (this.averageGain * (this.period - 1) + gain) / this.period;
    this.averageLoss = (this.averageLoss * (this.period - 1) + loss) / this.period;
  }

  /** 0–100; NaN until `period` changes have been seen. */
  get value(): number {
    if (Number.isNaN(this.averageGain)) return NaN;
    if (this.averageLoss === 0) return this.averageGain === 0 ? 50 : 100;
    const relativeStrength = this.averageGain / this.averageLoss;
    return 100 - 100 / (1 + relativeStrength);
  }

  reset(): void {
    this.previous = NaN;
    this.gainSum = 0;
    this.lossSum = 0;
    this.changes = 0;
    this.averageGain = NaN;
    this.averageLoss = NaN;
  }
}
