import type { MessagePort } from 'node:worker_threads';
import type { Fill, Order } from '../../shared/domain/orders';
import type { PositionState } from '../core/oms/positions';
import type { JournalRow } from '../ledger/journal';
import type { BacktestRunRecord, BacktestRunRow } from '../ledger/ledger';
import type { ReconciliationReport } from '../ledger/reconciliation';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { PlaceBracketParams, PlaceOrderParams, ReplayOpenParams } from '../../shared/api/schemas';
import type {
  AttachedGroupView,
  DecisionView,
  EngineModeView,
  EngineStatusView,
  InstrumentView,
  LadderView,
  OrderView,
  PlaceBracketResult,
  PlaceOrderResult,
  PositionView,
  RecordingFileView,
  ReplaySpeedView,
  ReplayStateView,
  SystemStatus,
} from '../../shared/api/views';

/** Requests main makes of the core worker. */
export type CoreRequests = {
  attachLedger: { payload: { port: MessagePort }; result: void };
  listInstruments: { payload: Record<string, never>; result: InstrumentView[] };
  placeOrder: { payload: PlaceOrderParams & { source: 'manual' }; result: PlaceOrderResult };
  cancelOrder: { payload: { orderId: string }; result: { cancelled: boolean } };
  listOrders: { payload: Record<string, never>; result: OrderView[] };
  /** Manual brackets (issue 5): TP/SL in ticks from the entry, converted to prices in the core. */
  placeBracket: { payload: PlaceBracketParams & { source: 'manual' }; result: PlaceBracketResult };
  cancelGroup: { payload: { groupId: string }; result: { cancelled: boolean } };
  listGroups: { payload: Record<string, never>; result: AttachedGroupView[] };
  /** The trader's manual position in `symbol` to the engine's exits (issue 4). */
  handOver: { payload: { symbol: string }; result: EngineStatusView };
  listPositions: { payload: Record<string, never>; result: PositionView[] };
  /** The symbols some window shows a ladder for; the core publishes conflated ladders for these only. */
  setLadderInterest: { payload: { symbols: string[] }; result: void };
  engineStatus: { payload: Record<string, never>; result: EngineStatusView };
  setEngineMode: { payload: { mode: EngineModeView }; result: EngineStatusView };
  killSwitch: { payload: { reason: string }; result: EngineStatusView };
  rearm: { payload: Record<string, never>; result: EngineStatusView };
  recentDecisions: { payload: Record<string, never>; result: DecisionView[] };
  resolveReconciliation: { payload: { note: string }; result: { resolved: number } };
  /** The replay window's replay (src/main/core/replay/replayController.ts); each answers with the state after it. */
  replayListRecordings: { payload: Record<string, never>; result: RecordingFileView[] };
  replayOpen: { payload: ReplayOpenParams; result: ReplayStateView };
  replayPlay: { payload: Record<string, never>; result: ReplayStateView };
  replayPause: { payload: Record<string, never>; result: ReplayStateView };
  replayStep: { payload: Record<string, never>; result: ReplayStateView };
  replaySeek: { payload: { tsUs: number }; result: ReplayStateView };
  replaySetSpeed: { payload: { speed: ReplaySpeedView }; result: ReplayStateView };
  replayWatch: { payload: { symbol: string }; result: ReplayStateView };
  replayClose: { payload: Record<string, never>; result: ReplayStateView };
  replayState: { payload: Record<string, never>; result: ReplayStateView };
  shutdown: { payload: Record<string, never>; result: void };
};

/** Events the core worker publishes to main (already conflated: at most one ladder per symbol per frame). */
export type CoreEvents = {
  ladder: LadderView;
  order: OrderView;
  /** An attached-order group after a change, published once the orders it names are durable. */
  group: AttachedGroupView;
  /** Published only after the ledger acknowledged the fill as durable. */
  fill: Fill;
  positions: PositionView[];
  feed: SystemStatus['feed'];
  reconciliation: NonNullable<SystemStatus['reconciliation']>;
  engine: EngineStatusView;
  decision: DecisionView;
  /** The replay, conflated to at most one state per frame. */
  replayState: ReplayStateView;
};

/** Money context of a fill: the ledger stores P&L in minor currency units × multiplier. */
export interface FillMoneyContext {
  readonly multiplier: number;
  readonly currency: string;
}

/** Requests the core worker makes of the ledger worker over their direct MessagePort. */
export type LedgerRequests = {
  /** Durable (synchronous=FULL) before it resolves: the resolution is the acknowledgement. */
  recordOrder: { payload: { order: Order }; result: void };
  /** An order event (a fill included) and the order after it, in one durable transaction. */
  recordOrderEvent: { payload: { order: Order; event: OrderEvent; context: FillMoneyContext }; result: void };
  /** Positions rebuilt from the fills, for the core's start-up. */
  loadPositionStates: { payload: Record<string, never>; result: PositionState[] };
  /** Compares the ledger's positions with the broker's; a mismatch blocks auto-trading until resolved. */
  reconcile: {
    payload: { brokerPositions: Array<{ symbol: string; quantity: number }> };
    result: ReconciliationReport;
  };
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
  /** Saved backtest runs, newest first (replay.listRuns). */
  listBacktestRuns: { payload: { limit: number }; result: BacktestRunRow[] };
  shutdown: { payload: Record<string, never>; result: void };
};

export type NoRequests = Record<string, never>;

/** Passed to every worker as workerData. */
export interface WorkerBootData {
  readonly dataDir: string;
  readonly settings: unknown;
  /** ws:// URL of the market data feed the core connects to (the built-in exchange by default). */
  readonly feedUrl?: string;
  /** Int32Array over a SharedArrayBuffer: non-zero pulls the engine's kill switch from any thread. */
  readonly killFlag?: Int32Array;
}
