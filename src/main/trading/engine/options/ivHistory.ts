import type { OptionsContext } from '../../../../shared/options/context';

/** ATM IV samples kept (a ring): several sessions of one chain snapshot a minute. */
export const IV_HISTORY_CAPACITY = 4096;
/** Below this many samples a percentile is noise: the context keeps `ivPercentile` null. */
export const IV_HISTORY_MIN_SAMPLES = 20;

/**
 * IV history for the IV percentile. The chain builders know one snapshot at a time, so the options
 * context arrives with `ivPercentile` null; the engine keeps the ATM IV of every context it is given
 * (the session's chain snapshots, in event order, across the days of a replay) plus any seed from
 * earlier recordings (`EngineConfig.ivHistory`), and fills the percentile in: the share of earlier
 * samples strictly below the current ATM IV (the current one is ranked before it is added). A live
 * session and its replay see the same contexts in the same order, so they rank the same.
 */
export class IvHistory {
  private readonly samples = new Float64Array(IV_HISTORY_CAPACITY);
  private count = 0;
  private next = 0;
  private lastUs = -1;

  constructor(seed: readonly number[] = []) {
    for (const iv of seed) this.add(iv);
  }

  get size(): number {
    return this.count;
  }

  add(iv: number): void {
    if (!(iv > 0) || !Number.isFinite(iv)) return;
    this.samples[this.next] = iv;
    this.next = (this.next + 1) % IV_HISTORY_CAPACITY;
    if (this.count < IV_HISTORY_CAPACITY) this.count++;
  }

  /** Percentile (0–100) of `iv` among the samples; null below the minimum sample count. */
  percentile(iv: number): number | null {
    // The platforms' "IV percentile" (as shared/options/chain/volatility.ts): share strictly below.
    if (this.count < IV_HISTORY_MIN_SAMPLES || !(iv > 0)) return null;
    let below = 0;
    for (let i = 0; i < this.count; i++) if (this.samples[i] < iv) below++;
    return (100 * below) / this.count;
  }

  /**
   * The context with its IV percentile from this history (a context that brings its own is kept as
   * it is), recording its ATM IV once per chain snapshot (`lastUpdated`).
   */
  observe(context: OptionsContext): OptionsContext {
    const fresh = context.lastUpdated !== this.lastUs;
    const rank = context.ivPercentile ?? this.percentile(context.atmIV);
    if (fresh) {
      this.lastUs = context.lastUpdated;
      this.add(context.atmIV);
    }
    if (context.ivPercentile !== null || rank === null) return context;
    return { ...context, ivPercentile: Math.round(rank * 100) / 100 };
  }
}
