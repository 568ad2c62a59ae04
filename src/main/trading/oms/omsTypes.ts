import type { OrderId, Symbol } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { Side } from '../../../shared/domain/marketEvents';
import type { Order, OrderRequest, OrderSource, Position } from '../../../shared/domain/orders';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Price } from '../../../shared/domain/price';
import type { AttachedGroupView, LegSpec } from './attachedOrders';
import type { RejectCode } from './preTradeChecks';

export type InstrumentLookup = (symbol: Symbol) => Instrument | undefined;

/** Money available for new orders (the paper account, or a real broker's reported funds). */
export interface FundsProvider {
  availableFunds(currency: string): number;
}

export type OmsUpdate =
  | { readonly type: 'order'; readonly order: Order; readonly event: OrderEvent | null }
  | { readonly type: 'position'; readonly position: Position }
  | { readonly type: 'group'; readonly group: AttachedGroupView };

export type PlaceOrderOutcome =
  | {
      readonly ok: true;
      /** One id per slice sent or queued; empty for an emulated (virtual) stop. */
      readonly orderIds: OrderId[];
      /** Set when the order became an attached group (bracket, OCO, trailing or virtual stop). */
      readonly groupId?: string;
      readonly adjustments: string[];
      /** Slices waiting for the order-rate window. */
      readonly throttled: number;
    }
  | {
      readonly ok: false;
      readonly orderId: OrderId | null;
      readonly code: RejectCode;
      readonly reason: string;
    };

export type ModifyOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface BracketRequest {
  readonly entry: OrderRequest;
  readonly takeProfit?: Price;
  readonly stopLoss?: {
    readonly stopPrice: Price;
    readonly limitPrice?: Price;
    readonly trailUnits?: number;
  };
}

export interface OcoRequest {
  readonly symbol: Symbol;
  readonly side: Side;
  readonly quantity: number;
  readonly source: OrderSource;
  readonly legs: readonly [LegSpec, LegSpec];
  /** Exits of an open position (default): legs shrink with the position and never open one. */
  readonly reduceOnly?: boolean;
  readonly tag?: string;
}

export interface TrailingStopRequest {
  readonly symbol: Symbol;
  /** Side of the stop order: sell to protect a long. */
  readonly side: Side;
  readonly quantity: number;
  readonly source: OrderSource;
  readonly trailUnits: number;
  readonly tag?: string;
}

export function refuseUnknownInstrument(symbol: Symbol): PlaceOrderOutcome {
  return { ok: false, orderId: null, code: 'unknownInstrument', reason: `unknown instrument ${symbol}` };
}
