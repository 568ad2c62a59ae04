import type { AdaptationChange } from './regime/adaptation';
import type { ClientOrderId, OrderId, Symbol } from '../../../shared/domain/ids';
import type { OptionRight } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { OrderRequest } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import type { OptionsContext } from '../../../shared/options/context';
import type { PackName, RegimeName, SignalName } from './config/schema';

/**
 * The engine's vocabulary (the "deterministic engine" principle): events in, commands out. Everything here is
 * plain data so a recorded session can be replayed and two runs compared deeply.
 */

export type EngineMode = 'off' | 'shadow' | 'paper' | 'live';
export type Direction = 'bullish' | 'bearish';

/** Options context pushed by the chain analytics (every 30–60 s, or on demand). */
export interface OptionsContextEvent {
  readonly type: 'optionsContext';
  readonly tsEvent: TimestampUs;
  readonly context: OptionsContext;
}

/** Per-contract chain statistics (OI and, when the source has them, IV and greeks). */
export interface ContractStatsEvent {
  readonly type: 'contractStats';
  readonly tsEvent: TimestampUs;
  readonly symbol: Symbol;
  readonly openInterest?: number;
  readonly oiChange?: number;
  readonly iv?: number;
  readonly delta?: number;
  readonly gamma?: number;
}

/** Clock tick: the host sends one at least every 200 ms so time exits run without market data. */
export interface ClockTickEvent {
  readonly type: 'clock';
  readonly tsEvent: TimestampUs;
}

/**
 * Operator actions, as events so that a recorded session replays them at the same point in the
 * stream (the methods on Engine are shorthands that build these).
 */
export type EngineControlEvent =
  | { readonly type: 'setMode'; readonly tsEvent: TimestampUs; readonly mode: EngineMode }
  | { readonly type: 'killSwitch'; readonly tsEvent: TimestampUs; readonly reason: string }
  | { readonly type: 'rearm'; readonly tsEvent: TimestampUs }
  /**
   * The market data's health as the host's feed reports it: a reason (stale, reconnecting) or null
   * when live. Ages in market time cannot see a stall of every stream at once, so the feed says it.
   */
  | { readonly type: 'marketDataState'; readonly tsEvent: TimestampUs; readonly outage: string | null }
  | {
      readonly type: 'setSideEnabled';
      readonly tsEvent: TimestampUs;
      readonly right: OptionRight;
      readonly enabled: boolean;
    }
  | {
      readonly type: 'handOver';
      readonly tsEvent: TimestampUs;
      readonly symbol: Symbol;
      /** When the engine has not seen the manual fills, the position to take over. */
      readonly position?: { readonly quantity: number; readonly averagePrice: number };
    }
  /**
   * The trader takes back what the engine holds in `symbol` (its own entry or a position handed over):
   * the engine stops managing it, and the host books it to the trader's manual account.
   */
  | { readonly type: 'handBack'; readonly tsEvent: TimestampUs; readonly symbol: Symbol };

/**
 * The OMS tells the engine which order id it gave an engine request (when the OMS assigns its own ids
 * rather than using the engine's clientOrderId).
 */
export interface OrderBoundEvent {
  readonly type: 'orderBound';
  readonly tsEvent: TimestampUs;
  readonly clientOrderId: ClientOrderId;
  readonly orderId: OrderId;
}

export type EngineEvent =
  | MarketEvent
  | OrderEvent
  | OptionsContextEvent
  | ContractStatsEvent
  | ClockTickEvent
  | EngineControlEvent
  | OrderBoundEvent;

// ---------------------------------------------------------------- commands

export interface PlaceOrderCommand {
  readonly type: 'placeOrder';
  readonly tsEvent: TimestampUs;
  /** The engine's id for the order; the OMS may use it as the OrderId or bind its own (OrderBoundEvent). */
  readonly clientOrderId: ClientOrderId;
  readonly decisionId: string;
  readonly purpose: 'entry' | 'exit';
  /** paper or live: where the host routes the order. */
  readonly mode: EngineMode;
  readonly request: OrderRequest;
}

export interface ModifyOrderCommand {
  readonly type: 'modifyOrder';
  readonly tsEvent: TimestampUs;
  readonly orderId: string;
  readonly decisionId: string;
  readonly changes: { readonly quantity?: number; readonly limitPrice?: Price; readonly stopPrice?: Price };
}

export interface CancelOrderCommand {
  readonly type: 'cancelOrder';
  readonly tsEvent: TimestampUs;
  readonly orderId: string;
  readonly decisionId: string;
  readonly reason: string;
}

export type AlertLevel = 'info' | 'warning' | 'critical';

export interface AlertCommand {
  readonly type: 'alert';
  readonly tsEvent: TimestampUs;
  readonly level: AlertLevel;
  /** Stable machine code, e.g. `dailyLossLimit`, `killSwitch`, `rejectRatePause`, `adaptation`. */
  readonly code: string;
  readonly message: string;
  /** `adaptation`: the change with its reason and bounds (journaled with the alert). */
  readonly adaptation?: AdaptationChange;
}

export interface DecisionCommand {
  readonly type: 'decision';
  readonly record: DecisionRecord;
}

export type EngineCommand =
  PlaceOrderCommand | ModifyOrderCommand | CancelOrderCommand | AlertCommand | DecisionCommand;

// ---------------------------------------------------------------- decision records

/** One gate's verdict on one candidate (the "explainable decisions" principle). */
export interface GateVerdict {
  readonly name: string;
  /** The measured value (null only where the data does not exist, e.g. no options context yet). */
  readonly value: number | string | boolean | null;
  readonly threshold: number | string | boolean | null;
  readonly verdict: 'pass' | 'block' | 'disabled';
  /** Sub-checks of compound gates (spread: percent and percentile; liquidity: OI and depth). */
  readonly checks?: readonly GateCheck[];
  readonly detail?: string;
}

export interface GateCheck {
  readonly name: string;
  readonly value: number | string | boolean | null;
  readonly threshold: number | string | boolean | null;
  readonly pass: boolean;
}

export interface SignalSnapshot {
  readonly name: SignalName;
  readonly direction: Direction;
  /** 0–100. */
  readonly confidence: number;
  /** The numbers the signal fired on. */
  readonly inputs: Readonly<Record<string, number | null>>;
}

export interface VelocitySnapshot {
  readonly changePercent: number | null;
  readonly direction: -1 | 0 | 1;
  readonly speedTicksPerSecond: number | null;
}

/** The indicator values at the decision instant; null only where the data does not exist yet. */
export interface IndicatorSnapshot {
  readonly price: number | null;
  readonly velocity: {
    readonly s5: VelocitySnapshot;
    readonly s15: VelocitySnapshot;
    readonly s30: VelocitySnapshot;
    readonly s60: VelocitySnapshot;
  };
  readonly spike: { readonly active: boolean; readonly direction: number; readonly ageMs: number | null };
  readonly momentumTicks: number;
  readonly consecutiveTicks: number;
  readonly vwap: number | null;
  readonly vwapBands: {
    readonly upper1: number | null;
    readonly lower1: number | null;
    readonly upper2: number | null;
    readonly lower2: number | null;
  };
  readonly sessionHigh: number | null;
  readonly sessionLow: number | null;
  readonly support: number | null;
  readonly resistance: number | null;
  readonly bars1s: BarStudySnapshot;
  readonly bars1m: BarStudySnapshot;
  readonly volumeRatio: number | null;
  readonly sweep: {
    readonly recent: boolean;
    readonly side: string | null;
    readonly levels: number;
    readonly ageMs: number | null;
  };
  readonly bookImbalance: number | null;
  readonly bookRatio: number | null;
  readonly buyPressure: number | null;
  readonly spreadTicks: number | null;
  readonly spreadPercentile: number | null;
  readonly range30s: number | null;
  readonly range30sPercent: number | null;
  readonly indexBias: { readonly bias: -1 | 0 | 1; readonly changePercent: number | null };
  readonly regime: {
    readonly name: RegimeName;
    readonly efficiencyRatio: number | null;
    readonly atrPercentile: number | null;
    readonly sinceMs: number | null;
  };
  readonly contract: ContractSnapshot | null;
}

export interface BarStudySnapshot {
  readonly emaFast: number | null;
  readonly emaSlow: number | null;
  readonly atr: number | null;
  readonly rsi: number | null;
  readonly bars: number;
}

export interface ContractSnapshot {
  readonly symbol: Symbol;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly spreadTicks: number | null;
  readonly spreadPercent: number | null;
  readonly spreadPercentile: number | null;
  readonly openInterest: number | null;
  readonly depthLots: number | null;
  readonly delta: number | null;
  readonly gamma: number | null;
  readonly iv: number | null;
}

export interface SelectionSnapshot {
  readonly symbol: Symbol;
  /** For the underlying (`selection.trade: 'underlying'`): CE long, PE short. */
  readonly right: OptionRight;
  /** Null when the engine trades the underlying. */
  readonly strike: number | null;
  readonly expiry: string | null;
  readonly delta: number | null;
  /** The entry price: the option's premium, or the underlying's ask (long) or bid (short). */
  readonly premium: number;
  readonly spreadPercent: number;
  readonly openInterest: number | null;
  readonly considered: number;
  readonly rejected: Readonly<Record<string, number>>;
}

export interface SizingSnapshot {
  readonly mode: 'fixedLots' | 'riskBudget';
  readonly baseLots: number;
  readonly ivMultiplier: number;
  readonly pcrMultiplier: number;
  readonly packMultiplier: number;
  readonly cappedBy: 'none' | 'maxLots' | 'freezeQuantity';
  readonly lots: number;
  readonly quantity: number;
}

export interface ExitSnapshot {
  readonly rule: string;
  readonly value: number | string | null;
  readonly threshold: number | string | null;
  readonly trailingStage: number;
  readonly stopPrice: number | null;
  readonly entryPrice: number;
  readonly markPrice: number | null;
  readonly quantity: number;
  readonly unrealisedPnl: number;
  readonly heldMs: number;
}

export type DecisionOutcome = 'placed' | 'blocked' | 'shadow' | 'exit';

export interface DecisionRecord {
  readonly decisionId: string;
  readonly kind: 'entry' | 'exit';
  readonly tsEvent: TimestampUs;
  readonly mode: EngineMode;
  readonly underlying: Symbol;
  readonly symbol: Symbol | null;
  readonly right: OptionRight | null;
  readonly outcome: DecisionOutcome;
  readonly signal: SignalSnapshot | null;
  /** All signals that fired on this evaluation, best first (the first is `signal`). */
  readonly signalsConsidered: readonly SignalSnapshot[];
  readonly score: number;
  readonly regime: RegimeName;
  readonly packs: readonly PackName[];
  readonly gates: readonly GateVerdict[];
  /** Names of the gates that blocked, in evaluation order (empty when it passed). */
  readonly blockedBy: readonly string[];
  readonly selection: SelectionSnapshot | null;
  readonly sizing: SizingSnapshot | null;
  readonly exit: ExitSnapshot | null;
  readonly indicators: IndicatorSnapshot;
  readonly optionsContext: OptionsContext | null;
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string };
  /** Orders this decision caused (client order ids). */
  readonly orders: readonly string[];
}
