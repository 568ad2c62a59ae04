import type { Side } from '../../../../shared/domain/marketEvents';

/**
 * Sweep detection: one aggressive order that takes several price levels prints as a run of same-side
 * trades with the same timestamp at successively worse prices (exchanges report each level hit as its
 * own print). A run spanning at least `minLevels` distinct ticks is a sweep.
 */
export class SweepDetector {
  private runTs = -1;
  private runSide: Side | 'unknown' = 'unknown';
  private runLow = 0;
  private runHigh = 0;
  private runReported = false;

  lastSweepUs = -1;
  lastSweepSide: Side = 'buy';
  lastSweepLevels = 0;
  sweepCount = 0;

  constructor(
    readonly minLevels: number,
    readonly tickUnits: number,
  ) {}

  /** Returns true when this print completes a sweep. */
  onTrade(tsUs: number, price: number, aggressor: Side | 'unknown'): boolean {
    if (aggressor === 'unknown') return false;
    if (tsUs !== this.runTs || aggressor !== this.runSide) {
      this.runTs = tsUs;
      this.runSide = aggressor;
      this.runLow = price;
      this.runHigh = price;
      this.runReported = false;
      return false;
    }
    if (price < this.runLow) this.runLow = price;
    if (price > this.runHigh) this.runHigh = price;
    const levels = Math.round((this.runHigh - this.runLow) / this.tickUnits) + 1;
    if (this.runReported || levels < this.minLevels) return false;
    this.runReported = true;
    this.lastSweepUs = tsUs;
    this.lastSweepSide = aggressor;
    this.lastSweepLevels = levels;
    this.sweepCount++;
    return true;
  }

  reset(): void {
    this.runTs = -1;
    this.runReported = false;
    this.lastSweepUs = -1;
    this.sweepCount = 0;
  }
}
