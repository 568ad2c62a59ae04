import { performanceOf } from '../../../shared/analytics/performance';
import type { ReplayResultsView } from '../../../shared/api/views';
import type { ReplayReport } from '../../backtest/run/report';

/**
 * The results panel's figures, taken from the replay report (src/main/backtest/run/report.ts), whose
 * metrics are those of `scalpdesk replay` and the ledger's analytics — nothing recomputed here.
 */
export function replayResultsView(
  runId: string,
  report: ReplayReport,
  saved: Pick<ReplayResultsView, 'saved' | 'saveError'>,
): ReplayResultsView {
  const { summary } = report;
  // The report's engine figures as they are (not its preset and seed); a tape-only run has none.
  const {
    preset: _preset,
    seed: _seed,
    ...engineFigures
  } = summary.engine ?? {
    ...performanceOf([]),
    preset: null,
    seed: 0,
    orders: 0,
    fills: 0,
    decisions: 0,
    entriesBlocked: 0,
    openPositions: 0,
  };
  const problems: string[] = [];
  for (const source of summary.sources) {
    if (source.error !== null) problems.push(source.error.message);
    if (source.warning !== undefined) problems.push(source.warning);
    if (source.skippedRows > 0) {
      const first = source.firstProblems[0];
      problems.push(
        `${source.file}: skipped ${source.skippedRows} of ${source.rows} rows${first ? ` (line ${first.line}: ${first.reason})` : ''}`,
      );
    }
  }
  return {
    runId,
    ...saved,
    events: summary.events,
    tapeTrades: summary.trades,
    ...engineFigures,
    bySignal: report.bySignal.map((row) => ({ ...row })),
    problems,
  };
}
