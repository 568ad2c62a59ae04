import { performanceOf } from '../../../shared/analytics/performance';
import type { ReplayResultsView } from '../../../shared/api/views';
import type { ReplayReport } from '../../backtest/run/report';
import { majorToMinor } from '../../trading/engine/risk/money';

const minorOrNull = (major: number | null | undefined): number | null =>
  major === null || major === undefined ? null : majorToMinor(major);

/**
 * The results panel's figures, taken from the replay report (src/main/backtest/run/report.ts), whose
 * metrics are those of `scalpdesk replay` and the ledger's analytics — nothing recomputed here. The
 * report states money in major units; the view carries minor units and the currency, like every view.
 */
export function replayResultsView(
  runId: string,
  report: ReplayReport,
  saved: Pick<ReplayResultsView, 'saved' | 'saveError'>,
  currency: string,
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
    currency,
    events: summary.events,
    tapeTrades: summary.trades,
    ...engineFigures,
    // The report's money is in major units; every view carries minor units of `currency`.
    grossPnl: majorToMinor(engineFigures.grossPnl),
    charges: majorToMinor(engineFigures.charges),
    netPnl: majorToMinor(engineFigures.netPnl),
    averageWinner: minorOrNull(engineFigures.averageWinner),
    averageLoser: minorOrNull(engineFigures.averageLoser),
    expectancy: minorOrNull(engineFigures.expectancy),
    maxDrawdown: majorToMinor(engineFigures.maxDrawdown),
    bySignal: report.bySignal.map((row) => ({
      name: row.name,
      trades: row.trades,
      netPnl: majorToMinor(row.netPnl),
      winRate: row.winRate,
      expectancy: minorOrNull(row.expectancy),
    })),
    problems,
  };
}
