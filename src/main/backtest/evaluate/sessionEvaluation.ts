import { performanceOf, type PerformanceMetrics } from '../../../shared/analytics/performance';
import type { ClosedTrade } from '../analysis/roundTrips';
import { buildReport } from '../run/report';
import { runReplay } from '../run/replayRun';
import { createEngineSessionFactory } from '../session/engineSession';
import { openSources } from '../sources/openSource';

/**
 * One session to evaluate: plain data, so it can be sent to a worker thread or a queue and run in
 * any process. The evaluation is a pure function of the recording's bytes, the preset, the
 * parameter overrides and the paper broker's seed.
 */
export interface SessionTask {
  /** A recording (*.sdrec), one trading day. */
  readonly file: string;
  readonly presetName: string;
  /** Preset params (and `paperBroker`) over the preset, as `--config` gives them. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** The paper broker's seed (latency, rejections, slippage). */
  readonly seed: number;
}

export interface SessionEvaluation {
  readonly file: string;
  /** The recording's trading day (its meta), or null when it does not say. */
  readonly day: string | null;
  readonly events: number;
  readonly metrics: PerformanceMetrics;
  readonly trades: readonly ClosedTrade[];
  readonly decisions: number;
  readonly entriesBlocked: number;
  /** Positions still open at the end of the tape (marked, not closed; not in the trades). */
  readonly openPositions: number;
  /** The preset's daily loss limit in major currency units, after overrides. */
  readonly dailyLossLimit: number | null;
}

/** Replays one recording as its own session (engine + OMS + paper broker from a clean state). */
export function evaluateSession(task: SessionTask): SessionEvaluation {
  const source = openSources([task.file], {});
  try {
    let dailyLossLimit: number | null = null;
    const outcome = runReplay({
      source,
      sessionFactory: createEngineSessionFactory({
        onPreset: (preset) => {
          dailyLossLimit = preset.params.risk.dailyLossLimit;
        },
      }),
      presetName: task.presetName,
      overrides: task.overrides,
      seed: task.seed,
    });
    const report = buildReport(outcome, (symbol) => source.instrument(symbol as never));
    const engine = report.summary.engine;
    const day = source.meta()?.day;
    return {
      file: task.file,
      day: typeof day === 'string' ? day : null,
      events: report.summary.events,
      metrics: performanceOf(report.trades),
      trades: report.trades,
      decisions: engine?.decisions ?? 0,
      entriesBlocked: engine?.entriesBlocked ?? 0,
      openPositions: engine?.openPositions ?? 0,
      dailyLossLimit,
    };
  } finally {
    source.close();
  }
}
