import type { BookLevel } from '../domain/marketEvents';
import type { InstrumentKind, OptionRight } from '../domain/instrument';
import type { Fill, Order, OrderSource, OrderStatus } from '../domain/orders';

/** What windows see. Prices are integer minor units; each view carries its price format. */

export interface SystemInfo {
  readonly name: 'scalpdesk';
  readonly version: string;
  readonly host: 'electron' | 'browser' | 'test';
  readonly dataDir: string;
  readonly broker: string;
  readonly marketProfile: string;
  /** ws:// URL of the market data feed the core is connected to. */
  readonly marketFeed: string;
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
  readonly feed: { readonly state: 'connecting' | 'connected' | 'disconnected'; readonly detail?: string };
  /** Set when the ledger's reconciliation with the broker disagreed; auto-trading is blocked until resolved. */
  readonly reconciliation?: { readonly ok: boolean; readonly detail: string };
}

export interface InstrumentView {
  readonly symbol: string;
  readonly kind: InstrumentKind;
  readonly priceDecimals: number;
  readonly tickUnits: number;
  readonly lotSize: number;
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
}

export interface PlaceOrderResult {
  readonly orderId: string;
  readonly status: OrderStatus;
  readonly rejectReason?: string;
}

export type OrderView = Order;
export type FillView = Fill;

export type EngineModeView = 'off' | 'shadow' | 'paper' | 'live';

/** The automatic engine at a glance (auto-trade window, status bar). */
export interface EngineStatusView {
  readonly mode: EngineModeView;
  readonly killed: boolean;
  readonly regime: string;
  readonly packs: readonly string[];
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string };
  readonly underlying: string;
  readonly positions: ReadonlyArray<{
    readonly symbol: string;
    readonly quantity: number;
    readonly averagePrice: number;
    readonly unrealisedPnl: number;
    readonly trailingStageName: string;
    readonly stopPrice: number | null;
  }>;
  readonly workingOrders: number;
  readonly risk: {
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
