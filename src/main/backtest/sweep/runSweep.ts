import {
  performanceOf,
  type PerformanceMetrics,
  type TradeOutcome,
} from '../../../shared/analytics/performance';
import { monteCarlo, type MonteCarloResult } from '../analysis/monteCarlo';
import { isoMicros } from '../analysis/tapeStats';
import type { ReplaySessionFactory } from '../session/replaySession';
import { openSources } from '../sources/openSource';
import { evaluatePoint, loadSessionFactory, type Evaluation, type EvaluationSetup } from './evaluate';
import {
  gridPoints,
  gridSize,
  randomPoints,
  type ParameterAxis,
  type ParameterPoint,
} from './parameterSpace';
import { rankResults, type RankMetric, type SweepResult } from './ranking';
import type { SweepTask } from './sweepWorker';
import type { QueueExecutorOptions } from '../distributed/queueExecutor';
import { measureSpan, planFolds, type FoldPlanOptions } from './walkForward';
import { runPool, type PoolReply } from './workerPool';

export interface SweepOptions {
  readonly setup: EvaluationSetup;
  readonly axes: readonly ParameterAxis[];
  readonly search: 'grid' | 'random';
  /** Points drawn by random search. */
  readonly samples?: number;
  readonly searchSeed: number;
  readonly metric: RankMetric;
  /** Worker threads; 0 or 1 runs in this thread. */
  readonly workers: number;
  /** Worker entry (see sweepWorkerEntry); required when workers > 1. */
  readonly workerEntry?: string;
  readonly walkForward?: FoldPlanOptions & { readonly timeZone?: string };
  readonly monteCarloRuns?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Run the replays as jobs on a BullMQ queue (`--queue redis://…`) instead of local threads; workers
   * are `scalpdesk worker` processes on any machine. Same results either way.
   */
  readonly queue?: Omit<QueueExecutorOptions, 'onResult'>;
}

export interface FoldResult {
  readonly foldNumber: number;
  readonly train: { readonly from: string; readonly to: string };
  readonly test: { readonly from: string; readonly to: string };
  readonly bestPoint: ParameterPoint | null;
  readonly trainMetrics: PerformanceMetrics | null;
  readonly testMetrics: PerformanceMetrics | null;
}

export interface WalkForwardResult {
  readonly unit: 'day' | 'segment';
  readonly folds: readonly FoldResult[];
  /** All out-of-sample trades of all folds together. */
  readonly outOfSample: PerformanceMetrics;
}

export interface SweepOutcome {
  readonly points: number;
  readonly gridSize: number;
  readonly ranked: readonly SweepResult[];
  readonly walkForward: WalkForwardResult | null;
  /** On the best point's trades over the whole tape. */
  readonly monteCarlo: { readonly reshuffle: MonteCarloResult; readonly bootstrap: MonteCarloResult } | null;
}

type Reply = PoolReply<Evaluation>;

/** Runs tasks on the worker pool, or in this thread when asked to (or when there is only one). */
async function evaluateAll(
  options: SweepOptions,
  tasks: readonly SweepTask[],
  progress: { done: number; total: number },
): Promise<Reply[]> {
  const tick = (): void => {
    progress.done++;
    options.onProgress?.(progress.done, progress.total);
  };
  if (options.queue !== undefined) {
    const { runJobsOnQueue } = await import('../distributed/queueExecutor');
    const { files, ...setup } = options.setup;
    const replies = await runJobsOnQueue(
      tasks.map((task) => ({ kind: 'sweep-task', files, body: { setup, task } })),
      { ...options.queue, onResult: tick },
    );
    return replies as Reply[];
  }
  if (options.workers <= 1 || tasks.length <= 1 || options.workerEntry === undefined) {
    let factory: ReplaySessionFactory | Error;
    try {
      factory = await loadSessionFactory(options.setup);
    } catch (error) {
      factory = error instanceof Error ? error : new Error(String(error));
    }
    return tasks.map((task, index) => {
      let reply: Reply;
      try {
        if (factory instanceof Error) throw factory;
        reply = { index, ok: true, result: evaluatePoint(options.setup, task.point, factory, task.window) };
      } catch (error) {
        reply = { index, ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      tick();
      return reply;
    });
  }
  return runPool<SweepTask, Evaluation, EvaluationSetup>(tasks, {
    entry: options.workerEntry,
    workerData: options.setup,
    concurrency: options.workers,
    onResult: tick,
  });
}

function toResult(
  pointNumber: number,
  point: ParameterPoint,
  reply: Reply,
): SweepResult & { readonly pnls: readonly number[] } {
  return reply.ok
    ? {
        pointNumber,
        point,
        metrics: reply.result.metrics,
        orders: reply.result.orders,
        fills: reply.result.fills,
        error: null,
        pnls: reply.result.outcomes.map((outcome) => outcome.netPnl),
      }
    : { pointNumber, point, metrics: null, orders: 0, fills: 0, error: reply.error, pnls: [] };
}

const window = (range: { fromUs: number; toUs: number }): { from: string; to: string } => ({
  from: isoMicros(range.fromUs),
  to: isoMicros(range.toUs),
});

/**
 * Parameter sweep (grid or seeded random search) across worker threads, ranked by one metric; with
 * walk-forward folds and a Monte Carlo of the winner when asked. Deterministic: the points, their
 * order, each replay (seeded) and the ranking (ties by point number) do not depend on thread timing.
 */
export async function runSweep(options: SweepOptions): Promise<SweepOutcome> {
  const size = gridSize(options.axes);
  const points =
    options.search === 'grid'
      ? gridPoints(options.axes)
      : randomPoints(options.axes, options.samples ?? 50, options.searchSeed);
  let folds: ReturnType<typeof planFolds> | null = null;
  if (options.walkForward) {
    const source = openSources(options.setup.files, options.setup.sourceOptions);
    try {
      folds = planFolds(
        measureSpan(() => source.next(), options.walkForward.timeZone),
        options.walkForward,
      );
    } finally {
      source.close();
    }
  }
  const progress = { done: 0, total: points.length + (folds ? folds.folds.length * (points.length + 1) : 0) };

  const fullReplies = await evaluateAll(
    options,
    points.map((point) => ({ point })),
    progress,
  );
  const full = points.map((point, i) => toResult(i + 1, point, fullReplies[i]));
  const ranked = rankResults(full, options.metric);

  let walkForward: WalkForwardResult | null = null;
  if (folds !== null) {
    const trainTasks = folds.folds.flatMap((fold) => points.map((point) => ({ point, window: fold.train })));
    const trainReplies = await evaluateAll(options, trainTasks, progress);
    const winners = folds.folds.map((fold, f) => {
      const results = points.map((point, i) => toResult(i + 1, point, trainReplies[f * points.length + i]));
      return rankResults(results, options.metric)[0];
    });
    const testTasks = folds.folds.map((fold, f) => ({ point: winners[f].point, window: fold.test }));
    const testReplies = await evaluateAll(options, testTasks, progress);
    const outOfSample: TradeOutcome[] = [];
    const foldResults = folds.folds.map((fold, f): FoldResult => {
      const test = testReplies[f];
      if (test.ok) {
        outOfSample.push(...test.result.outcomes);
      }
      return {
        foldNumber: fold.foldNumber,
        train: window(fold.train),
        test: window(fold.test),
        bestPoint: winners[f].metrics ? winners[f].point : null,
        trainMetrics: winners[f].metrics,
        testMetrics: test.ok ? test.result.metrics : null,
      };
    });
    walkForward = {
      unit: folds.unit,
      folds: foldResults,
      outOfSample: performanceOf(outOfSample),
    };
  }

  let carlo: SweepOutcome['monteCarlo'] = null;
  const best = ranked[0] as (SweepResult & { pnls: readonly number[] }) | undefined;
  if (options.monteCarloRuns !== undefined && best !== undefined && best.metrics !== null) {
    carlo = {
      reshuffle: monteCarlo(best.pnls, 'reshuffle', {
        runs: options.monteCarloRuns,
        seed: options.searchSeed,
      }),
      bootstrap: monteCarlo(best.pnls, 'bootstrap', {
        runs: options.monteCarloRuns,
        seed: options.searchSeed,
      }),
    };
  }
  return {
    points: points.length,
    gridSize: size,
    ranked: ranked.map(({ pointNumber, point, metrics, orders, fills, error }) => ({
      pointNumber,
      point,
      metrics,
      orders,
      fills,
      error,
    })),
    walkForward,
    monteCarlo: carlo,
  };
}
