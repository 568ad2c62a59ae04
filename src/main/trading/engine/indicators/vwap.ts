/**
 * Session VWAP with volume-weighted standard-deviation bands (±1σ, ±2σ). Sums are kept relative to the
 * session's first price so that Σ(p − p0)²·v does not lose the variance to cancellation (prices in minor
 * units are ~10^6; squared and times volume they would exceed 2^53). Index streams carry no volume; for
 * them the same sums are kept with weight 1 per tick (a time-of-print average), used only when the
 * session has seen no volume at all. `value` and `deviation` are fields refreshed on every update, so
 * readers on the per-tick path read numbers in place instead of calling a getter that returns a boxed
 * double.
 */
export class SessionVwap {
  private origin = NaN;
  private weightedSum = 0;
  private weightedSquares = 0;
  private volume = 0;
  private tickSum = 0;
  private tickSquares = 0;
  private ticks = 0;
  /** NaN before the first print. */
  value = NaN;
  /** Standard deviation of price around the VWAP (same weighting); NaN before the first print. */
  deviation = NaN;

  update(price: number, volume: number): void {
    if (this.origin !== this.origin) this.origin = price;
    const offset = price - this.origin;
    if (volume > 0) {
      this.weightedSum += offset * volume;
      this.weightedSquares += offset * offset * volume;
      this.volume += volume;
    }
    this.tickSum += offset;
    this.tickSquares += offset * offset;
    this.ticks++;
    let mean: number;
    let meanSquare: number;
    if (this.volume > 0) {
      mean = this.weightedSum / this.volume;
      meanSquare = this.weightedSquares / this.volume;
    } else {
      mean = this.tickSum / this.ticks;
      meanSquare = this.tickSquares / this.ticks;
    }
    this.value = this.origin + mean;
    const variance = meanSquare - mean * mean;
    this.deviation = variance > 0 ? Math.sqrt(variance) : 0;
  }

  get totalVolume(): number {
    return this.volume;
  }

  reset(): void {
    this.origin = NaN;
    this.weightedSum = 0;
    this.weightedSquares = 0;
    this.volume = 0;
    this.tickSum = 0;
    this.tickSquares = 0;
    this.ticks = 0;
    this.value = NaN;
    this.deviation = NaN;
  }
}
