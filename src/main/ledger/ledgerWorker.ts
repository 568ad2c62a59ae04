import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { builtPaths } from '../platform/appInfo';
import type { NoRequests, WorkerBootData } from '../threads/workerBoot';
import type { LedgerControlRequests, LedgerRequests } from './protocol';
import { RpcPeer } from '../threads/rpc';
import type { Endpoint } from '../threads/rpc';
import { describeLedgerMismatch, mostSpecificMismatch } from './consistency';
import { StartupError } from '../platform/startupChecks';
import { Ledger } from './ledger';
import { analyticsCsv } from './analyticsCsv';
import { ledgerPath } from './ledgerPath';
import { sqliteNativeBinding } from './nativeBinding';

/**
 * The ledger worker: the single SQLite writer (the "single writer" principle). Every request from the core is
 * a synchronous better-sqlite3 transaction, so the reply — the acknowledgement — leaves only after the rows are
 * durable (a batch of orders and order events, fills included, in one synchronous=FULL transaction; journal
 * rows group-committed).
 */
if (!parentPort) throw new Error('ledgerWorker must run as a worker thread');
const boot = workerData as WorkerBootData;

/**
 * Opens the ledger or fails with one line that names the file: a damaged or newer-schema ledger is a
 * start-up fault the trader fixes by hand (README "Troubleshooting"), never something to retry.
 */
function openLedger(): Ledger {
  const file = ledgerPath(boot.dataDir);
  try {
    return Ledger.open(file, { nativeBinding: sqliteNativeBinding(path.dirname(builtPaths.workerDir)) });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new StartupError(message.includes(file) ? message : `ledger ${file}: ${message}`);
  }
}

const ledger = openLedger();

let corePeer: RpcPeer<LedgerRequests, NoRequests> | null = null;
const coreHandlers: {
  [K in keyof LedgerRequests]: (payload: LedgerRequests[K]['payload']) => LedgerRequests[K]['result'];
} = {
  recordOrderWrites: ({ writes }) => ledger.recordOrderWrites(writes),
  loadPositionStates: () => ledger.positionStates(),
  reconcile: ({ brokerPositions, brokerWorkingOrders }) =>
    ledger.reconcile(brokerPositions, brokerWorkingOrders),
  loadWorkingOrders: () => ledger.loadOrders({ openOnly: true }),
  resolveReconciliation: (resolution) => ledger.resolveReconciliation(resolution),
  journal: ({ rows }) => ledger.appendJournal(rows),
  recordBacktestRun: (run) => ledger.recordBacktestRun(run),
};

const main = new RpcPeer<LedgerControlRequests, NoRequests>(
  parentPort as unknown as Endpoint,
  {
    attachCore({ port }: { port: MessagePort }) {
      corePeer?.detach('replaced');
      corePeer = new RpcPeer<LedgerRequests, NoRequests>(port as unknown as Endpoint, coreHandlers, 'core');
    },
    countFills: () => ledger.countFills(),
    orderWriteStats: () => ledger.orderWriteStats(),
    listBacktestRuns: ({ limit }) => ledger.backtestRuns({ limit }),
    analyticsReport: (filter) => ledger.analyticsReport(filter),
    analyticsCsv: ({ table, filter }) => analyticsCsv(ledger.analyticsReport(filter), table, filter),
    shutdown() {
      ledger.close();
    },
  },
  'main',
);

const { startup } = ledger;
main.log(
  'info',
  `ledger open: schema v${startup.schemaVersion}${startup.migrationsApplied.length ? ` (migrated: ${startup.migrationsApplied.join(', ')})` : ''}, ${startup.fills} fills, ${startup.positions} positions`,
);
if (startup.positionsRepaired.length > 0)
  main.log('warn', `ledger rebuilt ${startup.positionsRepaired.length} stored position(s) from the fills`);
if (startup.mismatches.length > 0) {
  const first = mostSpecificMismatch(startup.mismatches);
  main.log(
    'error',
    `ledger failed its check (${startup.mismatches.length} mismatch(es)): trading refused. First: ${first ? describeLedgerMismatch(first) : ''}`,
  );
}
