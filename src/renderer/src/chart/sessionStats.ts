import { SwingLevels } from '../../../shared/analytics/swingLevels';
import type { CandleView } from '../../../shared/api/views';
import type { VwapPoint, VwapSums } from './chartMaths';
import { addToVwap, NO_VWAP, vwapPoint } from './chartMaths';

/** Bars each side of a swing on the chart: a pivot must stand out from 3 bars before and after it. */
export const CHART_SWING_STRENGTH = 3;

export interface SwingLines {
  /** Price units; null where there is none. */
  readonly resistance: number | null;
  readonly support: number | null;
}

/**
 * The session overlays of one chart, kept incrementally so a frame costs only its changed bars: the
 * VWAP point of every closed bar, the session high and low, and the engine's fractal swings
 * (SwingLevels, shared with the engine) on the chart's interval. Every bar but the newest is closed;
 * the newest is folded in on each query, never kept. `reset` when the bars are replaced (another
 * symbol or interval, a gap in the updates).
 */
export class SessionStats {
  /** One per closed bar. */
  private points: VwapPoint[] = [];
  private sums: VwapSums = NO_VWAP;
  private high = -Infinity;
  private low = Infinity;
  private highs: number[] = [];
  private lows: number[] = [];
  private swings: SwingLevels;
  private readonly closedBars = {
    highs: this.highs,
    lows: this.lows,
    slotBack: (back: number): number => (back < this.highs.length ? this.highs.length - 1 - back : -1),
  };

  constructor(private readonly swingStrength = CHART_SWING_STRENGTH) {
    this.swings = new SwingLevels(swingStrength);
  }

  reset(): void {
    this.points = [];
    this.sums = NO_VWAP;
    this.high = -Infinity;
    this.low = Infinity;
    this.highs.length = 0;
    this.lows.length = 0;
    this.swings = new SwingLevels(this.swingStrength);
  }

  /** Folds in the bars that closed since the last call: all of `bars` but the newest. */
  advance(bars: readonly CandleView[]): void {
    for (let index = this.points.length; index < bars.length - 1; index++) {
      const bar = bars[index];
      this.sums = addToVwap(this.sums, bar);
      this.points.push(vwapPoint(this.sums));
      if (bar.high > this.high) this.high = bar.high;
      if (bar.low < this.low) this.low = bar.low;
      this.highs.push(bar.high);
      this.lows.push(bar.low);
      this.swings.onBarClosed(this.closedBars);
    }
  }

  /** The VWAP at bar `index` of `bars` (after `advance(bars)`). */
  vwapAt(bars: readonly CandleView[], index: number): VwapPoint {
    return index < this.points.length ? this.points[index] : vwapPoint(addToVwap(this.sums, bars[index]));
  }

  /** Session high and low in price units, the newest bar included; null with no bars. */
  range(bars: readonly CandleView[]): { high: number; low: number } | null {
    const last = bars.at(-1);
    if (last === undefined) return null;
    return { high: Math.max(this.high, last.high), low: Math.min(this.low, last.low) };
  }

  /** The nearest swing high above and swing low below the newest close. */
  swingLines(bars: readonly CandleView[]): SwingLines {
    const last = bars.at(-1);
    if (last === undefined) return { resistance: null, support: null };
    const resistance = this.swings.resistanceAbove(last.close);
    const support = this.swings.supportBelow(last.close);
    return {
      resistance: Number.isNaN(resistance) ? null : resistance,
      support: Number.isNaN(support) ? null : support,
    };
  }
}
