import type { CandlesView, FillView } from './views';

/**
 * The replay chart's data: the replayed symbol's bars (built from the tape as it plays) and the
 * replay account's fills in it. `key` names what they belong to — the replay, the tape's start-over
 * (a jump backwards replays from the start) and the symbol: when it changes, what a window holds is
 * stale and it asks again from the start.
 */
export interface ReplayCandlesView {
  readonly key: string;
  /** Null while no replay is open or no symbol is watched. */
  readonly candles: CandlesView | null;
  /** From `fillsFrom` on, oldest first. */
  readonly fills: readonly FillView[];
  /** Every symbol the replay account has a fill in, sorted: where the chart can go to see its trades. */
  readonly tradedSymbols: readonly string[];
}
