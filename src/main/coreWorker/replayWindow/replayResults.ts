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
  const engine = summary.engine;
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
    orders: engine?.orders ?? 0,
    fills: engine?.fills ?? 0,
    decisions: engine?.decisions ?? 0,
    entriesBlocked: engine?.entriesBlocked ?? 0,
    openPositions: engine?.openPositions ?? 0,
    trades: engine?.trades ?? 0,
    wins: engine?.wins ?? 0,
    losses: engine?.losses ?? 0,
    grossPnl: majorToMinor(engine?.grossPnl ?? 0),
    charges: majorToMinor(engine?.charges ?? 0),
    netPnl: majorToMinor(engine?.netPnl ?? 0),
    winRate: engine?.winRate ?? null,
    expectancy: minorOrNull(engine?.expectancy),
    profitFactor: engine?.profitFactor ?? null,
    maxDrawdown: majorToMinor(engine?.maxDrawdown ?? 0),
    sharpe: engine?.sharpe ?? null,
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
