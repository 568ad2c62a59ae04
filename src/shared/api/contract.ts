import { method, subscription } from './define';
import { brokerSaveParamsSchema } from './brokerSchemas';
import type { BrokerSettingsView, ConnectionCheckView } from './brokerViews';
import {
  cancelGroupParamsSchema,
  cancelOrderParamsSchema,
  candlesParamsSchema,
  emptyParamsSchema,
  engineModeParamsSchema,
  flattenParamsSchema,
  getCandlesParamsSchema,
  handOverParamsSchema,
  killSwitchParamsSchema,
  ladderParamsSchema,
  modifyLegParamsSchema,
  modifyOrderParamsSchema,
  placeBracketParamsSchema,
  placeOrderParamsSchema,
  replayListRunsParamsSchema,
  replayOpenParamsSchema,
  replaySeekParamsSchema,
  replaySpeedParamsSchema,
  replayWatchParamsSchema,
  resolveReconciliationParamsSchema,
} from './schemas';
import { listFillsParamsSchema } from './fillSchemas';
import { replayCandlesParamsSchema } from './replayChartSchemas';
import type { ReplayCandlesView } from './replayChartViews';
import type {
  AttachedGroupView,
  BacktestRunView,
  BulkActionResult,
  CandlesView,
  DecisionView,
  EngineStatusView,
  FillView,
  InstrumentView,
  LadderView,
  OrderView,
  PlaceBracketResult,
  PlaceOrderResult,
  PositionView,
  RecordingFileView,
  ReplayStateView,
  SystemInfo,
  SystemStatus,
} from './views';
import {
  engineGetConfigParamsSchema,
  engineGetDecisionParamsSchema,
  engineSaveConfigParamsSchema,
} from './autoSchemas';
import type {
  AutoPanelView,
  DecisionRecordView,
  EngineConfigView,
  PresetVersionView,
  SaveConfigResultView,
} from './autoViews';
import { analyticsExportParamsSchema, analyticsFilterSchema } from './analyticsSchemas';
import type { AnalyticsCsvView, AnalyticsReportView } from './analyticsViews';
import {
  chainGetParamsSchema,
  chainHistoryParamsSchema,
  chainImportParamsSchema,
  chainStreamParamsSchema,
} from './chainSchemas';
import type { ChainHistoryView, ChainImportResult, ChainView } from './chainViews';

/**
 * The one API contract between windows and main (the "one typed API" principle). Every transport (Electron
 * IPC through the preload, WebSocket in browser mode, in-memory in tests) carries exactly this. Wire name of
 * a member: `service.member`, e.g. `orders.place`. A subscription's delivery says whether a new subscriber
 * gets the latest event at once (`latest`) and whether the stream is per value of a params field (`keyedBy`);
 * main's fan-out follows it.
 */
export const apiContract = {
  system: {
    getInfo: method(emptyParamsSchema)<SystemInfo>(),
    getStatus: method(emptyParamsSchema)<SystemStatus>(),
    onStatus: subscription(emptyParamsSchema, { latest: true })<SystemStatus>(),
    /** The trader confirms a ledger/broker position mismatch is dealt with; unblocks auto-trading. */
    resolveReconciliation: method(resolveReconciliationParamsSchema)<{ readonly resolved: number }>(),
  },
  market: {
    listInstruments: method(emptyParamsSchema)<InstrumentView[]>(),
    onLadder: subscription(ladderParamsSchema, { keyedBy: 'symbol', latest: true })<LadderView>(),
    /** Candles built in the core from the live feed (issue 12): 1 s, 5 s, 15 s, 1 m and 5 m bars. */
    getCandles: method(getCandlesParamsSchema)<CandlesView>(),
    /** The changed bars of one symbol at one interval, conflated to one update per frame. */
    onCandles: subscription(candlesParamsSchema, { keyedBy: 'series' })<CandlesView>(),
  },
  orders: {
    place: method(placeOrderParamsSchema)<PlaceOrderResult>(),
    cancel: method(cancelOrderParamsSchema)<{ readonly cancelled: boolean }>(),
    /** Amends a working order's price or quantity through the OMS (the ladder's drag); same order id. */
    modify: method(modifyOrderParamsSchema)<{ readonly modified: true }>(),
    /** Cancels every working order and attached group, of every source (F7, the kill switch). */
    cancelAll: method(emptyParamsSchema)<BulkActionResult>(),
    /** Moves a manual group's TP or SL leg to a new price (a position's exits, editable). */
    modifyLeg: method(modifyLegParamsSchema)<{ readonly modified: true }>(),
    list: method(emptyParamsSchema)<OrderView[]>(),
    onOrder: subscription(emptyParamsSchema)<OrderView>(),
    onFill: subscription(emptyParamsSchema)<FillView>(),
    /** This session's durable fills (since the core started), oldest first; one symbol's with `symbol`. */
    listFills: method(listFillsParamsSchema)<FillView[]>(),
    /**
     * Entry plus take-profit and/or stop-loss, given in ticks from the entry (issue 5). Answers once
     * the entry is durable; the exits arm as the entry fills.
     */
    placeBracket: method(placeBracketParamsSchema)<PlaceBracketResult>(),
    /** Cancels a group's working entry and exits. */
    cancelGroup: method(cancelGroupParamsSchema)<{ readonly cancelled: boolean }>(),
    /** Every attached-order group of the live desk (brackets, OCO, trailing and emulated stops). */
    listGroups: method(emptyParamsSchema)<AttachedGroupView[]>(),
    /** A group on every change, after the orders it names are durable. */
    onGroup: subscription(emptyParamsSchema)<AttachedGroupView>(),
  },
  engine: {
    getStatus: method(emptyParamsSchema)<EngineStatusView>(),
    setMode: method(engineModeParamsSchema)<EngineStatusView>(),
    /** Flatten all engine positions, cancel its orders, stop entering; works even mid-decision. */
    killSwitch: method(killSwitchParamsSchema)<EngineStatusView>(),
    rearm: method(emptyParamsSchema)<EngineStatusView>(),
    recentDecisions: method(emptyParamsSchema)<DecisionView[]>(),
    /** Hands the trader's manual position in a symbol to the engine's exits (issue 4); paper/live mode only. */
    handOver: method(handOverParamsSchema)<EngineStatusView>(),
    /**
     * The reverse (issue 13): the trader takes back what the engine holds in a symbol; the engine stops
     * managing it and it is the trader's manual position again. Same params as handOver.
     */
    handBack: method(handOverParamsSchema)<EngineStatusView>(),
    onStatus: subscription(emptyParamsSchema, { latest: true })<EngineStatusView>(),
    onDecision: subscription(emptyParamsSchema)<DecisionView>(),
    /** Every preset version: the built-in ones and those the trader saved in the data folder (issue 13). */
    listPresets: method(emptyParamsSchema)<PresetVersionView[]>(),
    /** A preset version's fields, each with its range from the preset schema. */
    getConfig: method(engineGetConfigParamsSchema)<EngineConfigView>(),
    /** Validates an edit, saves it as the preset's next version, and runs it when the engine is idle. */
    saveConfig: method(engineSaveConfigParamsSchema)<SaveConfigResultView>(),
    /** Gate board, open auto positions and session figures of the auto-trade window. */
    getPanel: method(emptyParamsSchema)<AutoPanelView>(),
    onPanel: subscription(emptyParamsSchema, { latest: true })<AutoPanelView>(),
    /** A recent decision's full record (the engine keeps the last 200 in memory; the ledger keeps all). */
    getDecision: method(engineGetDecisionParamsSchema)<DecisionRecordView>(),
  },
  positions: {
    list: method(emptyParamsSchema)<PositionView[]>(),
    onPositions: subscription(emptyParamsSchema, { latest: true })<PositionView[]>(),
    /**
     * Cancels every working manual order and closes every manual position at market (F6). Engine
     * positions are the engine's: when it holds any, its kill switch is pulled so it flattens them itself.
     */
    flattenAll: method(emptyParamsSchema)<BulkActionResult>(),
    /** Cancels the trader's working orders in one symbol and closes the manual position there. */
    flatten: method(flattenParamsSchema)<BulkActionResult>(),
  },
  /**
   * The replay window (issue 6): one replay at a time, in the core worker, with the engine and the
   * paper broker on a separate replay account. Every control answers with the state after it.
   */
  replay: {
    /** The files in <dataDir>/recordings, newest first. */
    listRecordings: method(emptyParamsSchema)<RecordingFileView[]>(),
    /** A recording by name, or an absolute path to a recording or an import; replaces any open replay. */
    open: method(replayOpenParamsSchema)<ReplayStateView>(),
    play: method(emptyParamsSchema)<ReplayStateView>(),
    pause: method(emptyParamsSchema)<ReplayStateView>(),
    /** Plays exactly one event (pausing first). */
    step: method(emptyParamsSchema)<ReplayStateView>(),
    /** Moves so the next event is the first at or after `tsUs` (tape time, µs since the epoch). */
    seek: method(replaySeekParamsSchema)<ReplayStateView>(),
    setSpeed: method(replaySpeedParamsSchema)<ReplayStateView>(),
    /** Which symbol's replayed book the state carries. */
    watch: method(replayWatchParamsSchema)<ReplayStateView>(),
    close: method(emptyParamsSchema)<ReplayStateView>(),
    getState: method(emptyParamsSchema)<ReplayStateView>(),
    /** The replay chart: the watched symbol's bars and the replay account's fills (issue 12). */
    getCandles: method(replayCandlesParamsSchema)<ReplayCandlesView>(),
    /** Conflated: at most one state per frame; the current state at once. */
    onState: subscription(emptyParamsSchema, { latest: true })<ReplayStateView>(),
    /** Saved runs (the ledger's backtest_runs), newest first. */
    listRuns: method(replayListRunsParamsSchema)<BacktestRunView[]>(),
  },
  /** The analytics window (issue 13): figures of the ledger's trades, by the one metrics module. */
  analytics: {
    getReport: method(analyticsFilterSchema)<AnalyticsReportView>(),
    /** One table of the report as CSV. */
    exportCsv: method(analyticsExportParamsSchema)<AnalyticsCsvView>(),
  },
  /** The option chain window (issue 13): a live or imported chain with its analytics, and the session's samples. */
  chain: {
    getChain: method(chainGetParamsSchema)<ChainView>(),
    /** The live chain of one underlying and expiry, about once a second while a window watches it. */
    onChain: subscription(chainStreamParamsSchema, { keyedBy: 'series', latest: true })<ChainView>(),
    /** The summary sampled on market time this session (bounded), for the over-time views. */
    getHistory: method(chainHistoryParamsSchema)<ChainHistoryView>(),
    /** An NSE option-chain JSON or CSV file's text, in parts; replaces the previous import. */
    importFile: method(chainImportParamsSchema)<ChainImportResult>(),
  },
  /** The Broker settings window (#/broker): answered by main; keys never travel back to a window. */
  broker: {
    getSettings: method(emptyParamsSchema)<BrokerSettingsView>(),
    save: method(brokerSaveParamsSchema)<BrokerSettingsView>(),
    /** Authentication, market data and order-entry reachability of the saved broker; places nothing. */
    testConnection: method(emptyParamsSchema)<ConnectionCheckView[]>(),
  },
} as const;

export type ApiContract = typeof apiContract;
