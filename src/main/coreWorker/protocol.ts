import type { MessagePort } from 'node:worker_threads';
import type { Fill } from '../../shared/domain/orders';
import type {
  ModifyLegParams,
  ModifyOrderParams,
  PlaceBracketParams,
  PlaceOrderParams,
  ReplayOpenParams,
} from '../../shared/api/schemas';
import type {
  AttachedGroupView,
  BulkActionResult,
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
  /** The ladder's drag (issue 11): amends a manual working order through the OMS. */
  modifyOrder: { payload: ModifyOrderParams; result: { modified: true } };
  modifyLeg: { payload: ModifyLegParams; result: { modified: true } };
  cancelAll: { payload: Record<string, never>; result: BulkActionResult };
  flattenAll: { payload: Record<string, never>; result: BulkActionResult };
  flattenSymbol: { payload: { symbol: string }; result: BulkActionResult };
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
  /** The replay window's replay (src/main/coreWorker/replayWindow/replayController.ts); each answers with the state after it. */
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
