/** Spreads are counted in ticks up to this; anything wider shares the last bin. */
export const MAX_SPREAD_TICKS = 63;

/**
 * Rolling percentile of the spread in ticks over the last `samples` quotes. Spreads are small
 * integers, so a histogram (one counter per tick width) plus a ring of the samples it holds gives O(1)
 * updates and an O(MAX_SPREAD_TICKS) rank that is only computed when a gate or snapshot asks.
 */
export class SpreadPercentile {
  private readonly ring: Int32Array;
  private readonly histogram = new Int32Array(MAX_SPREAD_TICKS + 1);
  private count = 0;
  private next = 0;

  constructor(readonly samples: number) {
    this.ring = new Int32Array(samples);
  }

  add(spreadTicks: number): void {
    const bin =
      spreadTicks <= 0 ? 0 : spreadTicks >= MAX_SPREAD_TICKS ? MAX_SPREAD_TICKS : Math.round(spreadTicks);
    if (this.count === this.samples) this.histogram[this.ring[this.next]]--;
    else this.count++;
    this.ring[this.next] = bin;
    this.histogram[bin]++;
    this.next = this.next + 1 === this.samples ? 0 : this.next + 1;
  }

  /** Percentile rank (0–100) of `spreadTicks` among the kept samples (mid-rank for ties); NaN when empty. */
  rank(spreadTicks: number): number {
    if (this.count === 0) return NaN;
    const bin =
      spreadTicks <= 0 ? 0 : spreadTicks >= MAX_SPREAD_TICKS ? MAX_SPREAD_TICKS : Math.round(spreadTicks);
    let below = 0;
    for (let i = 0; i < bin; i++) below += this.histogram[i];
    return (100 * (below + 0.5 * this.histogram[bin])) / this.count;
  }

  get size(): number {
    return this.count;
  }

  reset(): void {
    this.histogram.fill(0);
    this.count = 0;
    this.next = 0;
  }
}
