import type { IdGenerator, OrderId, Symbol } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Fill, Order, OrderSource, OrderType } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';
import type { Clock } from '../../../shared/domain/time';

/**
 * The one seam between the trading kernel and whoever holds the orders: the paper broker in the
 * kernel, or a real broker adapter. The OMS sends commands; the broker answers later with order
 * events through the `BrokerEvents` it was built with. Every status change a broker reports must be
 * a row of the order transition table (`oms/orderTransitions.ts`): the OMS applies each event
 * through that table and refuses anything else.
 *
 * Commands never call back synchronously: an acknowledgement, fill or cancel is delivered from a
 * later `advanceTo` / `onMarketEvent` (paper) or from the adapter's own I/O (real broker).
 */
export interface Broker {
  readonly capabilities: BrokerCapabilities;
  /** Sends an order the OMS has moved to `submitted`. Throws only when the order cannot be sent at all. */
  place(order: Order): void;
  /** Asks to cancel a working order; the answer is an OrderCancelled (or a fill that overtook it). */
  cancel(orderId: OrderId): void;
  /**
   * Asks to change a working order's price or quantity in place. Only called when
   * `capabilities.modify` is true; otherwise the OMS cancels and replaces. The answer is OrderModified.
   */
  modify(orderId: OrderId, changes: OrderModification): void;

  /** Market data in event time. The paper broker matches on it; a real broker may ignore it. */
  onMarketEvent(event: MarketEvent): void;
  /** Market time moved on without an event: work due by then (acks, session close) runs. */
  advanceTo(tsUs: number): void;

  /** Buying power for new orders in minor units of `currency`. */
  availableFunds(currency: string): number;
  /** Reconciliation: the broker's own open positions, signed. */
  positions(): BrokerPosition[];
  /** Reconciliation: the broker's copy of every order still working (not in a terminal status). */
  workingOrders(): Order[];
  /**
   * Start-up after a restart or crash: the orders the ledger still holds as working (`submitted`,
   * `accepted`, `partiallyFilled`). The paper broker books them again; a real broker matches them
   * against its own order book. What happened to them meanwhile (a fill, an expiry at the session
   * close, a cancel) is reported as order events like any other, never dropped.
   */
  restoreWorkingOrders(orders: readonly Order[]): void;
  /**
   * A position moved between sources inside the workstation (`OrderManager.transferPosition`): the
   * fills that booked it. A broker keeping positions per source (paper) books them too; a real broker
   * holds one net position, which the move does not change.
   */
  bookTransfer?(fills: readonly Fill[]): void;
  /**
   * The workstation's market data is unusable (`reason`) or live again (null). A broker that fills
   * against that data (paper) fills nothing meanwhile; a real broker fills on its own market.
   */
  setMarketDataOutage?(reason: string | null): void;
}

/** Where a broker sends what happens to its orders. */
export interface BrokerEvents {
  /**
   * Every order event (accepted, rejected, filled — partial or whole —, cancelled, expired,
   * modified), in the order they happened.
   */
  orderEvent(event: OrderEvent): void;
  /** Orders the broker created itself (an RMS square-off), announced before their first event. */
  brokerOrder(order: Order): void;
}

/** What a desk gives a broker it builds: time, ids, instruments and where to send events. */
export interface BrokerContext {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly instruments: (symbol: Symbol) => Instrument | undefined;
  readonly events: BrokerEvents;
}

/** Builds a broker for one desk: the desk supplies the context, the caller chooses the broker. */
export type BrokerFactory<B extends Broker = Broker> = (context: BrokerContext) => B;

export interface BrokerPosition {
  readonly symbol: Symbol;
  readonly source: OrderSource;
  /** Signed: positive long, negative short. */
  readonly quantity: number;
}

/**
 * What a broker holds natively; the OMS emulates the rest:
 * - stops: a `stop` / `stopLimit` type missing from `orderTypes` becomes a virtual stop the core
 *   watches and fires as a market (or limit) order;
 * - brackets and OCO: legs rest at the broker as ordinary orders the OMS pairs up when
 *   `concurrentExitOrders` holds and the leg types are native; otherwise the legs are virtual;
 * - modify: in place when `modify` holds; otherwise cancel and replace with a new order.
 */
export interface BrokerCapabilities {
  /** Order types the broker accepts natively. */
  readonly orderTypes: readonly OrderType[];
  /** Whether a working order's price and quantity can be changed in place. */
  readonly modify: boolean;
  /**
   * Whether a position can carry a resting take-profit limit and a resting stop at the same time.
   * Alpaca options cannot (the second sell is refused because the first holds the contracts, and
   * there is no bracket/OCO for options), so brackets and OCO run as virtual legs in the core.
   */
  readonly concurrentExitOrders: boolean;
}

export interface OrderModification {
  /** New total order quantity (filled part included), as exchanges define a modify. */
  readonly quantity?: number;
  readonly limitPrice?: Price;
  readonly stopPrice?: Price;
}

/** A broker that has every order type and lets exit orders rest side by side (NSE brokers via OpenAlgo, the paper broker's default). */
export const FULL_CAPABILITIES: BrokerCapabilities = {
  orderTypes: ['market', 'limit', 'stop', 'stopLimit'],
  modify: true,
  concurrentExitOrders: true,
};

/** Alpaca options: market and limit only, in-place replace, and no second resting exit against one position. */
export const ALPACA_OPTIONS_CAPABILITIES: BrokerCapabilities = {
  orderTypes: ['market', 'limit'],
  modify: true,
  concurrentExitOrders: false,
};
