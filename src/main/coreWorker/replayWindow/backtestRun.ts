import path from 'node:path';
import type { BacktestRunView } from '../../../shared/api/views';
import type { BacktestRunRecord, BacktestRunRow } from '../../ledger/ledger';
import type { ReplayReport } from '../../backtest/run/report';
import { majorToMinor } from '../../trading/engine/risk/money';

/** How a replay was started, stored as the run's params in backtest_runs. */
export interface ReplayRunParams {
  readonly origin: 'replay-window' | 'cli';
  readonly files: readonly string[];
  readonly format: string;
  readonly preset: string;
  readonly seed: number;
  /** The tape's currency, for showing the run's money; absent in runs saved by older builds. */
  readonly currency?: string;
}

/** The kind of row a replay writes into backtest_runs. */
export const REPLAY_RUN_KIND = 'replay';
/** The kind of row `scalpdesk sweep --save` writes: the ranked points, the best one's figures first. */
export const SWEEP_RUN_KIND = 'sweep';

/** How a sweep was started, stored as the run's params. */
export interface SweepRunParams {
  readonly origin: 'cli';
  readonly files: readonly string[];
  readonly preset: string;
  readonly seed: number;
  readonly search: string;
  readonly metric: string;
  readonly parameters: readonly string[];
  /** The queue it ran on (password left out), or null for local threads. */
  readonly queue: string | null;
}

/** A sweep's row: its params and the JSON `scalpdesk sweep` prints (best point, top rows, folds). */
export function sweepRunRecord(
  runId: string,
  params: SweepRunParams,
  result: { readonly failedPoints: number; readonly points: number } & Record<string, unknown>,
  finishedUs: number,
): BacktestRunRecord {
  return {
    runId,
    kind: SWEEP_RUN_KIND,
    status: result.failedPoints === result.points ? 'failed' : 'finished',
    params,
    result,
    finishedUs,
  };
}

/**
 * A replay's row for the ledger's backtest_runs: the params it ran with and, as the result, the same
 * summary `scalpdesk replay` prints plus the per-signal and per-exit-rule tables (the full trade list
 * stays in the report file: a run's row should stay small). Status `damaged` when an input file
 * stopped early (replayed up to the damage), else `finished`.
 */
export function replayRunRecord(
  runId: string,
  params: ReplayRunParams,
  report: ReplayReport,
  finishedUs: number,
): BacktestRunRecord {
  const damaged = report.summary.sources.some((source) => source.error !== null);
  return {
    runId,
    kind: REPLAY_RUN_KIND,
    status: damaged ? 'damaged' : 'finished',
    params,
    result: { summary: report.summary, bySignal: report.bySignal, byExitRule: report.byExitRule },
    finishedUs,
  };
}

type Json = Record<string, unknown>;

const objectAt = (value: unknown, key: string): Json | null => {
  if (typeof value !== 'object' || value === null) return null;
  const inner = (value as Json)[key];
  return typeof inner === 'object' && inner !== null && !Array.isArray(inner) ? (inner as Json) : null;
};
const numberAt = (value: Json | null, key: string): number | null =>
  typeof value?.[key] === 'number' ? (value[key] as number) : null;
const stringAt = (value: Json | null, key: string): string | null =>
  typeof value?.[key] === 'string' ? (value[key] as string) : null;

/**
 * A saved run as the replay window's table shows it. The stored JSON is read defensively: rows written
 * by other kinds of run, or by older builds, give nulls rather than errors.
 */
export function backtestRunView(row: BacktestRunRow): BacktestRunView {
  const params = typeof row.params === 'object' && row.params !== null ? (row.params as Json) : null;
  const summary = objectAt(row.result, 'summary');
  // A sweep's figures are its best point's; a replay's its engine summary.
  const engine =
    row.kind === SWEEP_RUN_KIND
      ? objectAt(objectAt(row.result, 'best'), 'metrics')
      : objectAt(summary, 'engine');
  const netPnl = numberAt(engine, 'netPnl');
  const files = Array.isArray(params?.files)
    ? params.files.filter((file): file is string => typeof file === 'string')
    : [];
  return {
    runId: row.runId,
    kind: row.kind,
    status: row.status,
    createdUs: row.createdUs,
    finishedUs: row.finishedUs,
    origin: stringAt(params, 'origin'),
    file: files.length > 0 ? files.map((file) => path.basename(file)).join(', ') : null,
    preset: stringAt(params, 'preset'),
    seed: numberAt(params, 'seed'),
    events: numberAt(summary, 'events'),
    trades: numberAt(engine, 'trades'),
    // The stored summary is the report's, in major units; the view carries minor units like every view.
    netPnl: netPnl === null ? null : majorToMinor(netPnl),
    currency: stringAt(params, 'currency'),
    winRate: numberAt(engine, 'winRate'),
  };
}
