import type { RecordedEvent } from '../../../shared/recording/events';
import { localDate } from '../../../shared/domain/instruments/timeZones';
import type { ReplayWindow } from '../run/replayRun';

/**
 * Walk-forward folds: optimise on `train` consecutive segments of the tape, test the winner on the
 * next `test` segments, roll forward by `test`. Segments are session days when the tape has enough of
 * them, otherwise equal slices of its time range (one long session still gets an out-of-sample test).
 */
export interface Fold {
  readonly foldNumber: number;
  readonly train: Required<ReplayWindow>;
  readonly test: Required<ReplayWindow>;
}

export interface TapeSpan {
  /** Session days present (YYYY-MM-DD in the tape's zone) with their first and last event. */
  readonly days: ReadonlyArray<{ readonly day: string; readonly firstUs: number; readonly lastUs: number }>;
  readonly firstUs: number;
  readonly lastUs: number;
}

/** One pass over the tape to find its days (in `timeZone`, UTC by default). */
export function measureSpan(next: () => RecordedEvent | null, timeZone = 'UTC'): TapeSpan {
  const days: { day: string; firstUs: number; lastUs: number }[] = [];
  let firstUs = Infinity;
  let lastUs = -Infinity;
  // A day changes at most once per event; checking it only when the hour changes keeps this cheap.
  let hourKey = -1;
  let current: { day: string; firstUs: number; lastUs: number } | undefined;
  for (let event = next(); event !== null; event = next()) {
    const ts = event.tsEvent;
    if (ts < firstUs) firstUs = ts;
    if (ts > lastUs) lastUs = ts;
    const hour = Math.floor(ts / 3_600_000_000);
    if (hour !== hourKey || current === undefined) {
      hourKey = hour;
      const day = localDate(timeZone, ts);
      if (current?.day !== day) {
        current = days.find((entry) => entry.day === day);
        if (current === undefined) {
          current = { day, firstUs: ts, lastUs: ts };
          days.push(current);
        }
      }
    }
    current.firstUs = Math.min(current.firstUs, ts);
    current.lastUs = Math.max(current.lastUs, ts);
  }
  days.sort((a, b) => (a.day < b.day ? -1 : 1));
  return { days, firstUs, lastUs };
}

export interface FoldPlanOptions {
  /** Segments to optimise on. */
  readonly train: number;
  /** Segments to test on. */
  readonly test: number;
  /** Equal time slices when the tape has fewer days than train + test. */
  readonly segments: number;
}

export class WalkForwardError extends Error {
  override name = 'WalkForwardError';
}

export function planFolds(
  span: TapeSpan,
  options: FoldPlanOptions,
): { unit: 'day' | 'segment'; folds: Fold[] } {
  const { train, test } = options;
  if (!(train >= 1 && test >= 1)) throw new WalkForwardError('--train and --test must be at least 1');
  if (span.firstUs > span.lastUs) throw new WalkForwardError('the tape is empty');
  let bounds: [number, number][];
  let unit: 'day' | 'segment';
  if (span.days.length >= train + test) {
    unit = 'day';
    // Each day runs to the start of the next, so nothing between two sessions is left out.
    bounds = span.days.map((day, i) => [
      day.firstUs,
      i + 1 < span.days.length ? span.days[i + 1].firstUs : day.lastUs + 1,
    ]);
  } else {
    unit = 'segment';
    const count = options.segments;
    if (count < train + test)
      throw new WalkForwardError(`${count} segments cannot hold ${train} to train and ${test} to test`);
    const width = (span.lastUs + 1 - span.firstUs) / count;
    bounds = Array.from({ length: count }, (_, i) => [
      Math.round(span.firstUs + i * width),
      i + 1 === count ? span.lastUs + 1 : Math.round(span.firstUs + (i + 1) * width),
    ]);
  }
  const folds: Fold[] = [];
  for (let start = 0; start + train + test <= bounds.length; start += test) {
    folds.push({
      foldNumber: folds.length + 1,
      train: { fromUs: bounds[start][0], toUs: bounds[start + train - 1][1] },
      test: { fromUs: bounds[start + train][0], toUs: bounds[start + train + test - 1][1] },
    });
  }
  return { unit, folds };
}
