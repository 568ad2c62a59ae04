import type { MessagePort } from 'node:worker_threads';
import type { Fill, Order, Position } from '../../shared/domain/orders';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { PlaceOrderParams } from '../../shared/api/schemas';
import type {
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
};

/** Requests the core worker makes of the ledger worker over their direct MessagePort. */
export type LedgerRequests = {
  /** Durable (synchronous=FULL) before it resolves: the resolution is the acknowledgement. */
  recordOrder: { payload: { order: Order }; result: void };
  recordOrderEvent: { payload: { order: Order; event: OrderEvent }; result: void };
  recordFill: { payload: { fill: Fill; order: Order }; result: void };
  /** Positions rebuilt from the fills, for the core's start-up reconciliation. */
  loadPositions: { payload: Record<string, never>; result: Position[] };
  loadOrders: { payload: { openOnly: boolean }; result: Order[] };
  /** Bulk rows (decisions, ticks), group-committed. */
  journal: { payload: { rows: JournalRow[] }; result: void };
};

export interface JournalRow {
  readonly table: 'decisions' | 'signals' | 'alerts' | 'ticks';
  readonly tsEvent: number;
  readonly data: unknown;
}

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
}
