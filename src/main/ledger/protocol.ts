import type { MessagePort } from 'node:worker_threads';
import type { Order } from '../../shared/domain/orders';
import type { PositionState } from '../trading/oms/positions';
import type { AnalyticsCsvView } from '../../shared/api/analyticsViews';
import type { AnalyticsTable } from './analyticsCsv';
import type { AnalyticsFilter, LedgerAnalyticsReport } from './analyticsReport';
import type { JournalRow } from './journal';
import type { OrderWrite, OrderWriteOutcome, OrderWriteStats } from './orderWrites';
import type { BacktestRunRecord, BacktestRunRow } from './ledger';
import type { ReconciliationReport } from './reconciliation';
import type { BrokerWorkingOrder } from './workingOrderReconciliation';

/** Requests the core worker makes of the ledger worker over their direct MessagePort. */
export type LedgerRequests = {
  /**
   * The OMS's orders and order events (fills included) queued together, in order, in ONE durable
   * transaction (synchronous=FULL): the resolution acknowledges every write of the batch. Per write,
   * null or why the ledger refused that one row (the rest still commit).
   */
  recordOrderWrites: { payload: { writes: OrderWrite[] }; result: OrderWriteOutcome[] };
  /** Positions rebuilt from the fills, for the core's start-up. */
  loadPositionStates: { payload: Record<string, never>; result: PositionState[] };
  /** Compares the ledger's positions with the broker's; a mismatch blocks auto-trading until resolved. */
  reconcile: {
    payload: {
      brokerPositions: Array<{ symbol: string; quantity: number }>;
      brokerWorkingOrders?: BrokerWorkingOrder[];
    };
    result: ReconciliationReport;
  };
  /** Orders in a working status (new, submitted, accepted, partially filled), oldest first, for the core's start-up. */
  loadWorkingOrders: { payload: Record<string, never>; result: Order[] };
  resolveReconciliation: { payload: { actor: string; note: string }; result: number };
  /** Bulk rows (decisions, alerts, signals), group-committed within 50 ms. */
  journal: { payload: { rows: JournalRow[] }; result: void };
  /** A finished replay's summary into backtest_runs (the replay window saves every run). */
  recordBacktestRun: { payload: BacktestRunRecord; result: void };
};

/** Requests main makes of the ledger worker directly. */
export type LedgerControlRequests = {
  attachCore: { payload: { port: MessagePort }; result: void };
  countFills: { payload: Record<string, never>; result: number };
  /** Order-write batches (transactions) and writes committed since the ledger opened (tests, bench). */
  orderWriteStats: { payload: Record<string, never>; result: OrderWriteStats };
  /** Saved backtest runs, newest first (replay.listRuns). */
  listBacktestRuns: { payload: { limit: number }; result: BacktestRunRow[] };
  /** The analytics window's report (analytics.getReport). */
  analyticsReport: { payload: AnalyticsFilter; result: LedgerAnalyticsReport };
  /** One table of that report as CSV (analytics.exportCsv). */
  analyticsCsv: { payload: { table: AnalyticsTable; filter: AnalyticsFilter }; result: AnalyticsCsvView };
  shutdown: { payload: Record<string, never>; result: void };
};
