import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import {
  performanceOf,
  type PerformanceMetrics,
  type TradeOutcome,
} from '../../../shared/analytics/performance';
import { buildReport } from '../run/report';
import { runReplay, type ReplayWindow } from '../run/replayRun';
import { defaultSessionFactory } from '../session/defaultSession';
import type { ReplaySessionFactory } from '../session/replaySession';
import { openSources, type OpenSourceOptions } from '../sources/openSource';
import { pointToOverrides, type ParameterPoint } from './parameterSpace';

/** Everything a worker needs to replay one parameter point (plain data: it crosses to worker threads). */
export interface EvaluationSetup {
  readonly files: readonly string[];
  readonly sourceOptions: OpenSourceOptions;
  readonly presetName: string;
  readonly seed: number;
  /** `--config` overrides under every point. */
  readonly baseOverrides: Readonly<Record<string, unknown>>;
  /**
   * Module exporting `createSessionFactory(): ReplaySessionFactory`, to backtest something other than
   * the built-in engine (and to test the sweep machinery). Default: the engine + paper broker.
   */
  readonly sessionModule?: string;
}

export interface Evaluation {
  readonly metrics: PerformanceMetrics;
  readonly orders: number;
  readonly fills: number;
  /** Each closed trade's outcome in exit order (walk-forward joins them; Monte Carlo resamples their P&L). */
  readonly outcomes: readonly TradeOutcome[];
}

type SessionModule = { createSessionFactory?: () => ReplaySessionFactory };

/**
 * The session to replay with: the built-in engine + paper broker, or a module given by path (chosen by
 * the operator, like a preset file). `require` first (a CommonJS build, or TypeScript where a require
 * hook is registered, as in sweep workers); `import()` for an ES module.
 */
export async function loadSessionFactory(setup: EvaluationSetup): Promise<ReplaySessionFactory> {
  if (setup.sessionModule === undefined) return defaultSessionFactory();
  let loaded: SessionModule;
  try {
    loaded = createRequire(__filename)(setup.sessionModule) as SessionModule;
  } catch {
    loaded = (await import(pathToFileURL(setup.sessionModule).href)) as SessionModule;
  }
  if (typeof loaded.createSessionFactory !== 'function')
    throw new Error(`${setup.sessionModule}: exports no createSessionFactory()`);
  return loaded.createSessionFactory();
}

/** Replays the tape once with the point's parameters and returns the engine's figures. */
export function evaluatePoint(
  setup: EvaluationSetup,
  point: ParameterPoint,
  factory: ReplaySessionFactory,
  window?: ReplayWindow,
): Evaluation {
  const source = openSources(setup.files, setup.sourceOptions);
  try {
    const outcome = runReplay({
      source,
      sessionFactory: factory,
      presetName: setup.presetName,
      overrides: pointToOverrides(point, setup.baseOverrides),
      seed: setup.seed,
      window,
    });
    const report = buildReport(outcome, (symbol) => source.instrument(symbol as never));
    const engine = report.summary.engine;
    return {
      metrics: performanceOf(report.trades),
      orders: engine?.orders ?? 0,
      fills: engine?.fills ?? 0,
      outcomes: report.trades.map(({ netPnl, grossPnl, charges, returnOnNotional }) => ({
        netPnl,
        grossPnl,
        charges,
        returnOnNotional,
      })),
    };
  } finally {
    source.close();
  }
}
