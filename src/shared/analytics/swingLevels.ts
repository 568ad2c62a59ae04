const LEVELS_KEPT = 8;

/**
 * Closed bars, newest last, as SwingLevels reads them: the engine's ring of 1 s bars (BarSeries) and
 * a chart's candles both fit.
 */
export interface SwingBars {
  readonly highs: ArrayLike<number>;
  readonly lows: ArrayLike<number>;
  /** Index into highs/lows of the closed bar `back` bars ago (0 = newest); -1 when there is no such bar. */
  slotBack(back: number): number;
}

/**
 * Support and resistance from recent swings: a closed bar whose high is above the highs of the
 * `strength` bars before it and not below those after it is a swing high (Bill Williams' fractal with
 * a configurable width); the mirror for lows. The newest LEVELS_KEPT of each are kept; the resistance
 * for a price is the lowest kept swing high above it, the support the highest swing low below it.
 * O(strength) per closed bar, O(LEVELS_KEPT) per query, no allocation. The engine's swing gate and
 * the chart's support/resistance lines both read it, so the trader sees the levels the engine uses.
 */
export class SwingLevels {
  readonly highs = new Float64Array(LEVELS_KEPT);
  readonly lows = new Float64Array(LEVELS_KEPT);
  private highCount = 0;
  private lowCount = 0;

  constructor(readonly strength: number) {}

  /** Call after each closed bar of `bars`. */
  onBarClosed(bars: SwingBars): void {
    const k = this.strength;
    const candidate = bars.slotBack(k);
    if (candidate < 0 || bars.slotBack(2 * k) < 0) return;
    const high = bars.highs[candidate];
    const low = bars.lows[candidate];
    let isHigh = true;
    let isLow = true;
    for (let i = 1; i <= k && (isHigh || isLow); i++) {
      const before = bars.slotBack(k + i);
      const after = bars.slotBack(k - i);
      if (bars.highs[before] >= high || bars.highs[after] > high) isHigh = false;
      if (bars.lows[before] <= low || bars.lows[after] < low) isLow = false;
    }
    if (isHigh) this.highs[this.highCount++ % LEVELS_KEPT] = high;
    if (isLow) this.lows[this.lowCount++ % LEVELS_KEPT] = low;
  }

  /** Lowest swing high strictly above `price`; NaN when none is kept. */
  resistanceAbove(price: number): number {
    let best = NaN;
    const n = this.highCount < LEVELS_KEPT ? this.highCount : LEVELS_KEPT;
    for (let i = 0; i < n; i++) {
      const level = this.highs[i];
      if (level > price && !(level >= best)) best = level;
    }
    return best;
  }

  /** Highest swing low strictly below `price`; NaN when none is kept. */
  supportBelow(price: number): number {
    let best = NaN;
    const n = this.lowCount < LEVELS_KEPT ? this.lowCount : LEVELS_KEPT;
    for (let i = 0; i < n; i++) {
      const level = this.lows[i];
      if (level < price && !(level <= best)) best = level;
    }
    return best;
  }

  reset(): void {
    this.highCount = 0;
    this.lowCount = 0;
  }
}
