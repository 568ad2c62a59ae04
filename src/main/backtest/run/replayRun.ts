import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent } from '../../../shared/recording/events';
import { TapeStatistics, type TapeSummary } from '../analysis/tapeStats';
import type { EventSource, SourceReport } from '../sources/eventSource';
import type {
  DecisionRecordPolicy,
  ReplaySession,
  ReplaySessionFactory,
  ReplaySessionResult,
} from '../session/replaySession';

export interface ReplayWindow {
  /** Events before this time are skipped (not fed to the session). */
  readonly fromUs?: number;
  /** Events at or after this time end the run. */
  readonly toUs?: number;
}

export interface ReplayRunInput {
  readonly source: EventSource;
  /** Builds what trades on the tape; absent for a tape-only run. */
  readonly sessionFactory?: ReplaySessionFactory;
  readonly presetName?: string;
  readonly overrides?: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly window?: ReplayWindow;
  /** Full decision records kept for the report (default 'sampled'). */
  readonly decisionRecords?: DecisionRecordPolicy;
  /** Called every `progressEvery` events with the fraction of input bytes consumed. */
  readonly onProgress?: (fraction: number, events: number) => void;
  readonly progressEvery?: number;
  /** Sees every replayed event after the session (e.g. a recording writer saving an import). */
  readonly tap?: (event: RecordedEvent) => void;
}

export interface ReplayOutcome {
  readonly tape: TapeSummary;
  /** One-minute closes per symbol, for the report's price charts. */
  readonly priceSeries: Readonly<Record<string, [number, number][]>>;
  readonly sources: readonly SourceReport[];
  readonly session: ReplaySessionResult | null;
  readonly seed: number;
}

/**
 * Runs a whole tape as fast as possible: every event goes through the tape statistics and, when
 * there is one, the session (engine + paper broker), in tape order, on this thread. No wall time,
 * no randomness except what the session derives from `seed`: the same input gives the same outcome.
 */
export function runReplay(input: ReplayRunInput): ReplayOutcome {
  const { source } = input;
  const seed = input.seed ?? 1;
  const statistics = new TapeStatistics();
  const session: ReplaySession | null = input.sessionFactory
    ? input.sessionFactory({
        instrument: (symbol: Symbol) => source.instrument(symbol),
        instruments: source.instruments(),
        seed,
        presetName: input.presetName ?? 'Balanced',
        overrides: input.overrides ?? {},
        meta: source.meta(),
        decisionRecords: input.decisionRecords,
      })
    : null;
  const fromUs = input.window?.fromUs ?? -Infinity;
  const toUs = input.window?.toUs ?? Infinity;
  const progressEvery = input.progressEvery ?? 65_536;
  let count = 0;
  for (let event: RecordedEvent | null = source.next(); event !== null; event = source.next()) {
    if (event.tsEvent < fromUs) continue;
    if (event.tsEvent >= toUs) break;
    statistics.observe(event);
    if (session !== null) session.onEvent(event);
    if (input.tap) input.tap(event);
    count++;
    if (input.onProgress && count % progressEvery === 0) {
      const { done, total } = source.progress();
      input.onProgress(total > 0 ? done / total : 0, count);
    }
  }
  return {
    tape: statistics.summary((symbol) => source.instrument(symbol as Symbol)),
    priceSeries: statistics.priceSeries((symbol) => source.instrument(symbol as Symbol)),
    sources: source.reports(),
    session: session === null ? null : session.finish(),
    seed,
  };
}
