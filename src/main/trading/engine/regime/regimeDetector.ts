import type { RegimeName } from '../config/schema';
import type { EngineParams } from '../config/schema';
import type { BarSeries } from '../indicators/barSeries';

/** Relative band within which two ATR values rank as equal. */
const ATR_TIE_BAND = 0.05;

/**
 * Regime of the underlying, re-classified on every closed 1 s bar (docs/engine.md, "Regimes"):
 *
 * - volatile when the current ATR(1 s) ranks at or above `volatileEnterAtrPercentile` among the last
 *   `atrHistoryBars` ATR values (it stays volatile until the rank falls below the lower
 *   `volatileExitAtrPercentile`; ATRs within ±5 % of each other rank as ties);
 * - otherwise trend when Kaufman's efficiency ratio over `efficiencyWindowBars` closes
 *   (|net move| / Σ|bar-to-bar moves|, 1 = a straight line, ~0 = chop) is at or above
 *   `trendEnterEfficiency` (it stays trend until the ratio falls below `trendExitEfficiency`);
 * - otherwise range.
 *
 * The two enter/exit pairs are the hysteresis bands; on top, a new classification must persist for
 * `minDwellSeconds` before the regime switches, so the router does not flap on one noisy bar. Until
 * enough bars exist the regime is `unknown`.
 */
export class RegimeDetector {
  private readonly atrHistory: Float64Array;
  private atrCount = 0;
  regime: RegimeName = 'unknown';
  regimeSinceUs = 0;
  efficiencyRatio = NaN;
  atrPercentile = NaN;
  private pending: RegimeName = 'unknown';
  private pendingSinceUs = 0;
  switches = 0;

  constructor(private readonly params: EngineParams['regime']) {
    this.atrHistory = new Float64Array(params.atrHistoryBars);
  }

  /** Minimum bars of ATR history before the percentile is trusted. */
  static readonly MIN_ATR_SAMPLES = 30;

  onBarClosed(bars: BarSeries, tsUs: number): void {
    const atr = bars.atr.value;
    if (atr === atr) {
      this.atrHistory[this.atrCount % this.atrHistory.length] = atr;
      this.atrCount++;
      const n = this.atrCount < this.atrHistory.length ? this.atrCount : this.atrHistory.length;
      // Values within ±ATR_TIE_BAND of the current ATR count as ties (mid-rank): on a flat tape the ATR
      // creeps by fractions of a tick, and a strict rank would read that creep as the 100th percentile.
      const low = atr * (1 - ATR_TIE_BAND);
      const high = atr * (1 + ATR_TIE_BAND);
      let below = 0;
      let equal = 0;
      for (let i = 0; i < n; i++) {
        const value = this.atrHistory[i];
        if (value < low) below++;
        else if (value <= high) equal++;
      }
      this.atrPercentile = (100 * (below + 0.5 * equal)) / n;
    }
    const window = this.params.efficiencyWindowBars;
    const newest = bars.slotBack(0);
    const oldest = bars.slotBack(window);
    if (newest >= 0 && oldest >= 0) {
      let path = 0;
      for (let back = 0; back < window; back++) {
        path += Math.abs(bars.closes[bars.slotBack(back)] - bars.closes[bars.slotBack(back + 1)]);
      }
      const net = Math.abs(bars.closes[newest] - bars.closes[oldest]);
      this.efficiencyRatio = path > 0 ? net / path : 0;
    }
    if (this.efficiencyRatio !== this.efficiencyRatio || this.atrCount < RegimeDetector.MIN_ATR_SAMPLES)
      return;
    const proposed = this.classify();
    if (this.regime === 'unknown') {
      this.switchTo(proposed, tsUs);
      return;
    }
    if (proposed === this.regime) {
      this.pending = this.regime;
      return;
    }
    if (proposed !== this.pending) {
      this.pending = proposed;
      this.pendingSinceUs = tsUs;
    }
    if (tsUs - this.pendingSinceUs >= this.params.minDwellSeconds * 1_000_000) this.switchTo(proposed, tsUs);
  }

  private classify(): RegimeName {
    const p = this.params;
    const volatileThreshold =
      this.regime === 'volatile' ? p.volatileExitAtrPercentile : p.volatileEnterAtrPercentile;
    if (this.atrPercentile >= volatileThreshold) return 'volatile';
    const trendThreshold = this.regime === 'trend' ? p.trendExitEfficiency : p.trendEnterEfficiency;
    return this.efficiencyRatio >= trendThreshold ? 'trend' : 'range';
  }

  private switchTo(regime: RegimeName, tsUs: number): void {
    this.regime = regime;
    this.regimeSinceUs = tsUs;
    this.pending = regime;
    this.switches++;
  }

  reset(): void {
    this.atrCount = 0;
    this.regime = 'unknown';
    this.pending = 'unknown';
    this.efficiencyRatio = NaN;
    this.atrPercentile = NaN;
  }
}
