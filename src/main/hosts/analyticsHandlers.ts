import type { AnalyticsReportView } from '../../shared/api/analyticsViews';
import type { HandlersOf } from '../../shared/api/define';
import type { ApiContract } from '../../shared/api/contract';
import { backtestRunView } from '../coreWorker/replayWindow/backtestRun';
import type { LedgerControlRequests } from '../ledger/protocol';

/** Saved runs listed beside live days in the analytics window. */
const RUNS_LISTED = 100;

export type LedgerRequest = <K extends keyof LedgerControlRequests>(
  name: K,
  payload: LedgerControlRequests[K]['payload'],
) => Promise<LedgerControlRequests[K]['result']>;

/**
 * The analytics window's methods (issue 13), answered by main from the ledger worker (reads only;
 * the ledger stays the single writer), like the replay window's saved runs.
 */
export function createAnalyticsHandlers(ledger: LedgerRequest): HandlersOf<ApiContract>['analytics'] {
  return {
    getReport: async (filter): Promise<AnalyticsReportView> => {
      const [report, runs] = await Promise.all([
        ledger('analyticsReport', filter),
        ledger('listBacktestRuns', { limit: RUNS_LISTED }),
      ]);
      return {
        ...report,
        runs: runs
          .map(backtestRunView)
          .filter((run) => run.currency === null || run.currency === report.currency),
      };
    },
    exportCsv: ({ table, filter }) => ledger('analyticsCsv', { table, filter }),
  };
}
