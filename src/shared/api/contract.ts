import { method, subscription } from './define';
import {
  cancelOrderParamsSchema,
  emptyParamsSchema,
  engineModeParamsSchema,
  killSwitchParamsSchema,
  ladderParamsSchema,
  placeOrderParamsSchema,
  resolveReconciliationParamsSchema,
} from './schemas';
import type {
  DecisionView,
  EngineStatusView,
  FillView,
  InstrumentView,
  LadderView,
  OrderView,
  PlaceOrderResult,
  PositionView,
  SystemInfo,
  SystemStatus,
} from './views';

/**
 * The one API contract between windows and main (DESIGN principle 2). Every transport (Electron IPC
 * through the preload, WebSocket in browser mode, in-memory in tests) carries exactly this.
 * Wire name of a member: `service.member`, e.g. `orders.place`.
 */
export const apiContract = {
  system: {
    getInfo: method(emptyParamsSchema)<SystemInfo>(),
    getStatus: method(emptyParamsSchema)<SystemStatus>(),
    onStatus: subscription(emptyParamsSchema)<SystemStatus>(),
    /** The trader confirms a ledger/broker position mismatch is dealt with; unblocks auto-trading. */
    resolveReconciliation: method(resolveReconciliationParamsSchema)<{ readonly resolved: number }>(),
  },
  market: {
    listInstruments: method(emptyParamsSchema)<InstrumentView[]>(),
    onLadder: subscription(ladderParamsSchema)<LadderView>(),
  },
  orders: {
    place: method(placeOrderParamsSchema)<PlaceOrderResult>(),
    cancel: method(cancelOrderParamsSchema)<{ readonly cancelled: boolean }>(),
    list: method(emptyParamsSchema)<OrderView[]>(),
    onOrder: subscription(emptyParamsSchema)<OrderView>(),
    onFill: subscription(emptyParamsSchema)<FillView>(),
  },
  engine: {
    getStatus: method(emptyParamsSchema)<EngineStatusView>(),
    setMode: method(engineModeParamsSchema)<EngineStatusView>(),
    /** Flatten all engine positions, cancel its orders, stop entering; works even mid-decision. */
    killSwitch: method(killSwitchParamsSchema)<EngineStatusView>(),
    rearm: method(emptyParamsSchema)<EngineStatusView>(),
    recentDecisions: method(emptyParamsSchema)<DecisionView[]>(),
    onStatus: subscription(emptyParamsSchema)<EngineStatusView>(),
    onDecision: subscription(emptyParamsSchema)<DecisionView>(),
  },
  positions: {
    list: method(emptyParamsSchema)<PositionView[]>(),
    onPositions: subscription(emptyParamsSchema)<PositionView[]>(),
  },
} as const;

export type ApiContract = typeof apiContract;
