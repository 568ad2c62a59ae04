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
