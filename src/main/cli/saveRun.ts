import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Ledger, type BacktestRunRecord } from '../ledger/ledger';
import { ledgerPath } from '../ledger/ledgerPath';

/**
 * Writes a run into the ledger's backtest_runs, where the replay and analytics windows list it. The CLI
 * opens the ledger file itself: with the app closed it is the only writer; with the app open, SQLite's
 * WAL and the ledger's 5 s busy timeout (Ledger.open) let the two writers take turns.
 */
export function saveBacktestRun(
  dataDir: string,
  kind: string,
  record: (runId: string) => BacktestRunRecord,
): { runId: string; file: string } | { error: string } {
  const file = ledgerPath(path.resolve(dataDir));
  const runId = `${kind}-${randomUUID()}`;
  let ledger: Ledger | undefined;
  try {
    ledger = Ledger.open(file);
    ledger.recordBacktestRun(record(runId));
    return { runId, file };
  } catch (error) {
    return { error: `${file}: ${(error as Error).message}` };
  } finally {
    ledger?.close();
  }
}
