import type { PerformanceMetrics } from '../../shared/analytics/performance';
import type { ANALYTICS_TABLES } from '../../shared/api/analyticsSchemas';
import type { AnalyticsCsvView, BreakdownRowView } from '../../shared/api/analyticsViews';
import type { AnalyticsFilter, LedgerAnalyticsReport } from './analyticsReport';
import { toCsv } from './csv';

export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

const METRIC_COLUMNS: ReadonlyArray<keyof PerformanceMetrics> = [
  'trades',
  'wins',
  'losses',
  'breakeven',
  'winRate',
  'grossPnl',
  'charges',
  'netPnl',
  'averageWinner',
  'averageLoser',
  'rewardToRisk',
  'expectancy',
  'profitFactor',
  'maxDrawdown',
  'sharpe',
];

const TRADE_COLUMNS = [
  'tradeId',
  'day',
  'symbol',
  'side',
  'source',
  'signal',
  'regime',
  'exitRule',
  'entryTsUs',
  'exitTsUs',
  'holdSeconds',
  'quantity',
  'grossPnl',
  'charges',
  'netPnl',
];

/**
 * One table of the analytics report as CSV, exactly the rows and figures the window shows (money in
 * minor units of the report's currency, like the ledger's own exports).
 */
export function analyticsCsv(
  report: LedgerAnalyticsReport,
  table: AnalyticsTable,
  filter: AnalyticsFilter,
): AnalyticsCsvView {
  const breakdown = (key: string, rows: readonly BreakdownRowView[]): AnalyticsCsvView =>
    csvView(
      [key, ...METRIC_COLUMNS],
      rows.map((row) => ({ [key]: row.key, ...row.metrics })),
    );
  const csvView = (
    columns: readonly string[],
    rows: ReadonlyArray<Record<string, unknown>>,
  ): AnalyticsCsvView => ({
    fileName: `scalpdesk-${table}-${report.currency}${filter.from ? `-${filter.from}` : ''}${filter.to ? `-to-${filter.to}` : ''}.csv`,
    csv: toCsv(columns, rows),
    rows: rows.length,
  });
  const { breakdowns } = report;
  switch (table) {
    case 'trades':
      return csvView(TRADE_COLUMNS, report.trades as unknown as Array<Record<string, unknown>>);
    case 'daily':
      return breakdown('day', report.daily);
    case 'bySignal':
      return breakdown('signal', breakdowns.bySignal);
    case 'byRegime':
      return breakdown('regime', breakdowns.byRegime);
    case 'bySide':
      return breakdown('side', breakdowns.bySide);
    case 'byHour':
      return breakdown('hour', breakdowns.byHour);
    case 'bySource':
      return breakdown('source', breakdowns.bySource);
    case 'byExitRule':
      return breakdown('exitRule', breakdowns.byExitRule);
    case 'byGate':
      return csvView(
        ['gate', 'evaluated', 'passed', 'blocked', ...METRIC_COLUMNS],
        breakdowns.byGate.map(({ metrics, ...row }) => ({ ...row, ...metrics })),
      );
  }
}
