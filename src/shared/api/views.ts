import type { PerformanceMetrics } from '../analytics/performance';
import type { BookLevel } from '../domain/marketEvents';
import type { InstrumentKind, OptionRight } from '../domain/instrument';
import type { Fill, Order, OrderSource, OrderStatus } from '../domain/orders';
import type { HotkeyBindings } from '../domain/hotkeys';
import type { LadderSettingsView } from './ladderSettingsViews';
import type { ConnectionStatusView } from './connectionViews';

/**
 * What windows see. Prices are integer price units; each view carries its price format. Money (P&L,
 * charges) is in the currency's minor units (paise, cents) and each view carries its currency: only
 * the renderer turns either into text.
 */

export interface SystemInfo {
  readonly name: 'scalpdesk';
  readonly version: string;
  readonly host: 'electron' | 'browser' | 'test';
  readonly dataDir: string;
  readonly broker: string;
  readonly marketProfile: string;
  /** ws:// URL of the market data feed the core is connected to. */
  readonly marketFeed: string;
  /** settings.json `hotkeys` over the defaults, already checked (what it could not use is left out). */
  readonly hotkeys: HotkeyBindings;
  readonly ladder: LadderSettingsView;
}

export type WorkerState = 'starting' | 'running' | 'crashed' | 'restarting' | 'stopped';

export interface WorkerStatus {
  readonly name: 'core' | 'ledger';
  readonly state: WorkerState;
  readonly restarts: number;
  /** Last error, present after a crash. */
  readonly detail?: string;
}

export interface SystemStatus {
  readonly workers: readonly WorkerStatus[];
  /** `stale`: connected, but no data (not even a heartbeat reply) for the configured time. */
  readonly feed: {
    readonly state: 'connecting' | 'connected' | 'stale' | 'disconnected';
    readonly detail?: string;
  };
  /** Set when the ledger's reconciliation with the broker disagreed; auto-trading is blocked until resolved. */
  readonly reconciliation?: { readonly ok: boolean; readonly detail: string };
  /** Each connection to a real broker (absent on the built-in market). */
  readonly connections?: readonly ConnectionStatusView[];
}

export interface InstrumentView {
  readonly symbol: string;
  readonly kind: InstrumentKind;
  readonly priceDecimals: number;
  readonly tickUnits: number;
  readonly lotSize: number;
  /** Largest quantity the exchange takes in one order (whole lots); 0 = no limit. */
  readonly freezeQuantity: number;
  readonly multiplier: number;
  readonly currency: string;
  readonly underlying?: string;
  readonly expiry?: string;
  readonly strike?: number;
  readonly right?: OptionRight;
}

export interface LadderView {
  readonly symbol: string;
  readonly tsEvent: number;
  readonly bids: readonly BookLevel[];
  readonly asks: readonly BookLevel[];
  readonly lastPrice: number | null;
  readonly lastSize: number;
  readonly priceDecimals: number;
  readonly tickUnits: number;
  /** Increases with every published update; a window can tell it skipped conflated ones. */
  readonly sequence: number;
  /** Session statistics the core keeps per symbol (issue 11): the index strip and the ladder read them. */
  readonly session: LadderSessionView;
  /**
   * Volume traded at each price this session, split by the side that was hit: `atBid` traded on the
   * bid (a seller crossed), `atAsk` on the offer (a buyer crossed). The prices nearest the last trade
   * only (at most VOLUME_AT_PRICE_LEVELS), in no particular order.
   */
  readonly volumeAtPrice: readonly VolumeAtPriceView[];
}

export interface LadderSessionView {
  /** First trade (or index value) the core saw this session: what change is measured from. */
  readonly open: number | null;
  /** Volume-weighted average of this session's trades, in price units; null before a sized trade. */
  readonly vwap: number | null;
  readonly volume: number;
  readonly lastAggressor: 'buy' | 'sell' | 'unknown' | null;
  /** Market time (µs) of the last trade or index value. */
  readonly tsLastTrade: number | null;
}

export interface VolumeAtPriceView {
  readonly price: number;
  readonly atBid: number;
  readonly atAsk: number;
}

/** How many prices of volume-at-price a ladder view carries (the ladder shows about 40 rows). */
export const VOLUME_AT_PRICE_LEVELS = 160;

/** One bar; prices in price units, `tsStart` in µs since the epoch (aligned to the interval). */
export interface CandleView {
  readonly tsStart: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
  readonly buyVolume: number;
  readonly sellVolume: number;
  /** `mid` for a bar built from quote mids (an instrument that has not traded). */
  readonly source: 'trade' | 'mid';
}

/**
 * Bars of one symbol at one interval. From `market.getCandles`: the bars asked for, oldest first.
 * From `market.onCandles`: the bars changed since the previous update (the open bar, and any bar
 * finished meanwhile), at most one update per frame.
 */
export interface CandlesView {
  readonly symbol: string;
  readonly interval: number;
  /** `symbol@interval`, the stream's key. */
  readonly series: string;
  readonly candles: readonly CandleView[];
  readonly priceDecimals: number;
  readonly tickUnits: number;
  /** The exchange's time zone (IANA), in which a chart labels its time axis. */
  readonly timeZone: string;
}

export interface PositionView {
  readonly symbol: string;
  readonly source: OrderSource;
  readonly quantity: number;
  /** Average open price in price units (may be fractional). */
  readonly averagePrice: number;
  /** Mark used for unrealised P&L, in price units; null until the market has printed. */
  readonly markPrice: number | null;
  /** P&L and charges in minor currency units (paise, cents). */
  readonly realisedPnl: number;
  readonly unrealisedPnl: number;
  readonly charges: number;
  readonly priceDecimals: number;
  readonly currency: string;
  /**
   * Where the mark came from: `bid` for a long and `ask` for a short (the price the position could be
   * closed at now), `last` only while the book has no quote on that side, null with no mark at all.
   */
  readonly markSource: 'bid' | 'ask' | 'last' | null;
  /** Market time (µs) the position was opened from flat; null when unknown (restored after a restart). */
  readonly tsOpened: number | null;
}

/** What a bulk action did: how many orders it cancelled or sent. */
export interface BulkActionResult {
  readonly cancelledOrders: number;
  readonly flattenOrders: number;
  /** Set when the engine held positions: it flattens those itself, and its kill switch was pulled. */
  readonly engineKilled: boolean;
  /** Refusals of flatten orders (a pre-trade check), each `symbol: reason`. */
  readonly problems: readonly string[];
}

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly rejectReason?: string;
}

export type OrderView = Order;
export type FillView = Fill;

// ---------------------------------------------------------------- attached orders (issue 5)

export interface PlaceBracketResult {
  /** The group holding the entry and its exits; null when the bracket was refused before it formed. */
  readonly groupId: string | null;
  /** The entry order (one id per freeze slice); the rejected entry's id when it was refused. */
  readonly orderIds: readonly string[];
  /** Status of the entry order at the moment it was durable (usually `submitted`). */
  readonly status: OrderStatus;
  /** True when some exit is held and triggered by Scalpdesk, because the broker cannot hold it. */
  readonly emulated: boolean;
  readonly rejectReason?: string;
}

/** Bracket (entry + TP + SL), OCO pair, trailing stop, or a stop the broker cannot hold. */
export type AttachedKindView = 'bracket' | 'oco' | 'trailingStop' | 'virtualStop';
export type AttachedGroupStateView = 'pendingEntry' | 'active' | 'done' | 'cancelled';
export type AttachedLegStateView = 'pending' | 'armed' | 'triggered' | 'done' | 'cancelled';

export interface AttachedLegView {
  readonly legId: string;
  readonly role: 'takeProfit' | 'stopLoss' | 'leg';
  /** `limit` exits in the trade's favour (take-profit), `stop` against it. */
  readonly kind: 'limit' | 'stop';
  /**
   * True when the leg is held in the core, which watches trades and sends the exit when the price
   * is reached; false when it rests at the broker as an ordinary order.
   */
  readonly emulated: boolean;
  /** Trigger (stop) or limit price in price units; a trailing stop's current price. */
  readonly price: number;
  readonly limitPrice: number | null;
  readonly trailUnits: number | null;
  /** What the leg must exit in total, what it exited, and the rest. */
  readonly quantity: number;
  readonly filledQuantity: number;
  readonly openQuantity: number;
  readonly state: AttachedLegStateView;
  /** Orders of this leg: resting at the broker, or sent when an emulated leg triggered. */
  readonly orderIds: readonly string[];
}

/** An attached-order group as windows see it (a copy of the OMS's group, with the price format). */
export interface AttachedGroupView {
  readonly groupId: string;
  readonly kind: AttachedKindView;
  readonly symbol: string;
  /** Side of the exit legs (sell protects a long). */
  readonly side: 'buy' | 'sell';
  readonly source: OrderSource;
  readonly state: AttachedGroupStateView;
  readonly entryOrderIds: readonly string[];
  readonly entryFilled: number;
  readonly legs: readonly AttachedLegView[];
  /** True when any leg is emulated locally: held and triggered by Scalpdesk, not at the broker. */
  readonly emulated: boolean;
  readonly priceDecimals: number;
  readonly tickUnits: number;
  /**
   * Increases with every change of the group. `orders.listGroups` reads the order manager directly
   * and can be ahead of the changes still on their way through `onGroup`: keep the highest revision.
   */
  readonly revision: number;
}

export type EngineModeView = 'off' | 'shadow' | 'paper' | 'live';

/** The automatic engine at a glance (auto-trade window, status bar). */
export interface EngineStatusView {
  readonly mode: EngineModeView;
  readonly killed: boolean;
  readonly regime: string;
  readonly packs: readonly string[];
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string };
  readonly underlying: string;
  /** Currency of the money below (the underlying's), in minor units like every view. */
  readonly currency: string;
  readonly positions: ReadonlyArray<{
    readonly symbol: string;
    /** `handedOver`: a manual position the trader gave to the engine's exits (engine.handOver). */
    readonly ownership: 'auto' | 'handedOver';
    readonly quantity: number;
    readonly averagePrice: number;
    /** Minor currency units. */
    readonly unrealisedPnl: number;
    readonly trailingStageName: string;
    readonly stopPrice: number | null;
  }>;
  readonly workingOrders: number;
  readonly risk: {
    /** Realised plus unrealised P&L of the engine today, in minor currency units. */
    readonly dayPnl: number;
    readonly tradesToday: number;
    readonly consecutiveLosses: number;
    readonly dayLockedReason: string | null;
  };
  /** Why auto-trading is refused right now (an unresolved reconciliation), or null. */
  readonly blockedBy: string | null;
}

/** One engine decision as windows show it: the signal, every gate's verdict, the outcome. */
export interface DecisionView {
  readonly decisionId: string;
  readonly kind: 'entry' | 'exit';
  readonly tsEvent: number;
  readonly symbol: string | null;
  readonly outcome: string;
  readonly signal: string | null;
  readonly score: number;
  readonly regime: string;
  readonly blockedBy: readonly string[];
  readonly gates: ReadonlyArray<{
    readonly name: string;
    readonly verdict: string;
    readonly value: number | string | boolean | null;
    readonly threshold: number | string | boolean | null;
  }>;
  readonly exitRule: string | null;
}

// ---------------------------------------------------------------- replay (issue 6)

export type ReplaySpeedView = 1 | 2 | 5 | 10 | 60 | 'max';
/**
 * `idle`: nothing open. `ready`: opened, nothing played. `seeking`: a jump is playing the events up to
 * its target (the engine sees every one). `finished`: the tape ran out; results are in.
 */
export type ReplayStatusView = 'idle' | 'ready' | 'playing' | 'paused' | 'seeking' | 'finished';

/** One file in <dataDir>/recordings; `replay.open({ path: name })` opens it. */
export interface RecordingFileView {
  readonly name: string;
  readonly path: string;
  /** Session day from the recording's meta, else from the file name; null when neither says. */
  readonly day: string | null;
  readonly sizeBytes: number;
  readonly modifiedUs: number;
  /** From the index footer; null when the file has none (still being recorded, or the recorder crashed). */
  readonly events: number | null;
  readonly firstEventUs: number | null;
  readonly lastEventUs: number | null;
  /** Why the file cannot be read as a recording (a bad header), if it cannot. */
  readonly problem?: string;
}

/** What was opened; fixed for the life of a replay. */
export interface ReplayTapeView {
  readonly name: string;
  readonly format: 'rec' | 'csv' | 'lobster' | 'nse-chain';
  readonly preset: string;
  readonly seed: number;
  /** Zone of the tape's session (the recording's meta), for showing and entering times; 'UTC' if unknown. */
  readonly timeZone: string;
  readonly day: string | null;
  /** Tape time of the first event, and of the last when known up front (a recording's index). */
  readonly startUs: number | null;
  readonly endUs: number | null;
  readonly totalEvents: number | null;
  /** Every symbol on the tape, sorted: what the ladder can follow. */
  readonly symbols: readonly string[];
}

/** One row of the per-signal table (the replay report's `bySignal`). Money in minor currency units. */
export interface ReplaySignalRowView {
  readonly name: string;
  readonly trades: number;
  readonly netPnl: number;
  readonly winRate: number | null;
  readonly expectancy: number | null;
}

/**
 * The results panel: the engine's figures of the run (src/main/backtest/run/report.ts, the same as
 * `scalpdesk replay` prints; the performance figures by src/shared/analytics/performance.ts). Money
 * (P&L, charges, averages, expectancy, drawdown) in minor units of `currency`.
 */
export interface ReplayResultsView extends PerformanceMetrics {
  readonly runId: string;
  /** The tape's currency (its instruments'); '' when the tape names no instrument. */
  readonly currency: string;
  /** The run's summary in the ledger's backtest_runs: written, being written, or failed (saveError). */
  readonly saved: 'pending' | 'saved' | 'failed';
  readonly saveError?: string;
  readonly events: number;
  readonly tapeTrades: number;
  readonly orders: number;
  readonly fills: number;
  readonly decisions: number;
  readonly entriesBlocked: number;
  readonly openPositions: number;
  readonly bySignal: readonly ReplaySignalRowView[];
  /** A damaged file (replayed up to the damage), skipped import rows, a recording not closed cleanly. */
  readonly problems: readonly string[];
}

/** The replay account so far (source 'replay': never mixed with live positions). */
export interface ReplayAccountView {
  readonly decisions: number;
  readonly orders: number;
  readonly fills: number;
  /** Open quantity per symbol, signed (long > 0), non-zero only. */
  readonly positions: ReadonlyArray<{ readonly symbol: string; readonly quantity: number }>;
}

/** The replay as windows see it, published conflated (at most one update per frame). */
export interface ReplayStateView {
  readonly status: ReplayStatusView;
  /** The file being replayed (absolute path), null when idle. */
  readonly file: string | null;
  readonly tape: ReplayTapeView | null;
  readonly speed: ReplaySpeedView;
  /** Tape time of the last event played; null before the first. */
  readonly positionUs: number | null;
  /** Tape time of the next event; null at the end. */
  readonly nextEventUs: number | null;
  /** The target of a jump in progress (status `seeking`). */
  readonly seekingToUs: number | null;
  readonly eventNumber: number;
  /** 0–1: events played of the total when the index says, else bytes of the input read. */
  readonly progress: number;
  /** The symbol whose replayed book `ladder` is. */
  readonly symbol: string | null;
  readonly ladder: LadderView | null;
  readonly account: ReplayAccountView;
  readonly results: ReplayResultsView | null;
  /** Increases with every published state. */
  readonly sequence: number;
}

/** A saved backtest run (the ledger's backtest_runs), as the replay window's table lists it. */
export interface BacktestRunView {
  readonly runId: string;
  readonly kind: string;
  readonly status: string;
  readonly createdUs: number;
  readonly finishedUs: number | null;
  /** `replay-window` or `cli`. */
  readonly origin: string | null;
  /** File name(s) replayed, comma-separated. */
  readonly file: string | null;
  readonly preset: string | null;
  readonly seed: number | null;
  readonly events: number | null;
  readonly trades: number | null;
  /** Minor units of `currency`. */
  readonly netPnl: number | null;
  /** Null for runs saved without it (older builds, the CLI). */
  readonly currency: string | null;
  readonly winRate: number | null;
}
