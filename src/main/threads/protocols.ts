import type { MessagePort } from 'node:worker_threads';
import type { Fill, Order } from '../../shared/domain/orders';
import type { PositionState } from '../core/oms/positions';
import type { JournalRow } from '../ledger/journal';
import type { ReconciliationReport } from '../ledger/reconciliation';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { PlaceOrderParams } from '../../shared/api/schemas';
import type {
  DecisionView,
  EngineModeView,
  EngineStatusView,
  InstrumentView,
  LadderView,
  OrderView,
  PlaceOrderResult,
  PositionView,
  SystemStatus,
} from '../../shared/api/views';

/** Requests main makes of the core worker. */
export type CoreRequests = {
  attachLedger: { payload: { port: MessagePort }; result: void };
  listInstruments: { payload: Record<string, never>; result: InstrumentView[] };
  placeOrder: { payload: PlaceOrderParams & { source: 'manual' }; result: PlaceOrderResult };
  cancelOrder: { payload: { orderId: string }; result: { cancelled: boolean } };
  listOrders: { payload: Record<string, never>; result: OrderView[] };
  listPositions: { payload: Record<string, never>; result: PositionView[] };
  /** The symbols some window shows a ladder for; the core publishes conflated ladders for these only. */
  setLadderInterest: { payload: { symbols: string[] }; result: void };
  engineStatus: { payload: Record<string, never>; result: EngineStatusView };
  setEngineMode: { payload: { mode: EngineModeView }; result: EngineStatusView };
  killSwitch: { payload: { reason: string }; result: EngineStatusView };
  rearm: { payload: Record<string, never>; result: EngineStatusView };
  recentDecisions: { payload: Record<string, never>; result: DecisionView[] };
  resolveReconciliation: { payload: { note: string }; result: { resolved: number } };
  shutdown: { payload: Record<string, never>; result: void };
};

/** Events the core worker publishes to main (already conflated: at most one ladder per symbol per frame). */
export type CoreEvents = {
  ladder: LadderView;
  order: OrderView;
  /** Published only after the ledger acknowledged the fill as durable. */
  fill: Fill;
  positions: PositionView[];
  feed: SystemStatus['feed'];
  reconciliation: NonNullable<SystemStatus['reconciliation']>;
  engine: EngineStatusView;
  decision: DecisionView;
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
};

/** Requests main makes of the ledger worker directly. */
export type LedgerControlRequests = {
  attachCore: { payload: { port: MessagePort }; result: void };
  countFills: { payload: Record<string, never>; result: number };
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
