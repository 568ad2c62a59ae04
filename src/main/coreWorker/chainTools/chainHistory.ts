import type { ChainHistoryView, ChainSampleView } from '../../../shared/api/chainViews';

/**
 * Market time between two samples of a chain's summary. 10 s gives 360 points an hour: enough for
 * the session charts to show the intraday shape, few enough to keep every series in memory.
 */
export const CHAIN_SAMPLE_INTERVAL_US = 10_000_000;
/** Samples kept per series: a whole NSE session (6 h 15 m) at the interval above, with room to spare. */
export const CHAIN_HISTORY_CAPACITY = 2_500;
/** Series sampled at once; the one asked for least recently is dropped first. */
export const CHAIN_HISTORY_MAX_SERIES = 8;

interface SeriesHistory {
  readonly underlying: string;
  readonly expiry: string;
  samples: ChainSampleView[];
  lastUsedUs: number;
}

/**
 * The session's chain samples per underlying and expiry, bounded in both directions: at most
 * CHAIN_HISTORY_CAPACITY samples per series and CHAIN_HISTORY_MAX_SERIES series.
 */
export class ChainHistory {
  private readonly series = new Map<string, SeriesHistory>();

  constructor(
    private readonly intervalUs = CHAIN_SAMPLE_INTERVAL_US,
    private readonly capacity = CHAIN_HISTORY_CAPACITY,
  ) {}

  /** Starts (or keeps) sampling a series; `nowUs` orders the series by when they were last wanted. */
  track(key: string, underlying: string, expiry: string, nowUs: number): void {
    const existing = this.series.get(key);
    if (existing) {
      existing.lastUsedUs = nowUs;
      return;
    }
    if (this.series.size >= CHAIN_HISTORY_MAX_SERIES) {
      const oldest = [...this.series.entries()].sort((a, b) => a[1].lastUsedUs - b[1].lastUsedUs)[0];
      this.series.delete(oldest[0]);
    }
    this.series.set(key, { underlying, expiry, samples: [], lastUsedUs: nowUs });
  }

  tracked(): ReadonlyArray<{ readonly key: string; readonly underlying: string; readonly expiry: string }> {
    return [...this.series.entries()].map(([key, { underlying, expiry }]) => ({ key, underlying, expiry }));
  }

  /** True when the series is tracked and its last sample is an interval old (market time) or missing. */
  due(key: string, nowUs: number): boolean {
    const history = this.series.get(key);
    if (!history) return false;
    const last = history.samples.at(-1);
    return last === undefined || nowUs - last.tsUs >= this.intervalUs;
  }

  /** Adds a sample unless it is not newer than the last one (the same quote fetched twice). */
  record(key: string, sample: ChainSampleView): void {
    const history = this.series.get(key);
    if (!history) return;
    const last = history.samples.at(-1);
    if (last !== undefined && sample.tsUs <= last.tsUs) return;
    history.samples.push(sample);
    // Drop in blocks of a tenth so the copy is rare rather than per sample.
    if (history.samples.length > this.capacity)
      history.samples = history.samples.slice(-Math.floor(this.capacity * 0.9));
  }

  atmIvs(key: string): number[] {
    return (this.series.get(key)?.samples ?? []).flatMap((sample) =>
      sample.atmIv === null ? [] : [sample.atmIv],
    );
  }

  view(key: string, underlying: string, expiry: string): ChainHistoryView {
    return {
      underlying,
      expiry,
      series: key,
      intervalUs: this.intervalUs,
      capacity: this.capacity,
      samples: this.series.get(key)?.samples ?? [],
    };
  }
}
