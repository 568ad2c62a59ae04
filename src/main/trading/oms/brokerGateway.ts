import type { OrderId } from '../../../shared/domain/ids';
import type { Order, OrderType } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';

/**
 * What the OMS needs of a broker (paper or real). Commands only: the broker answers later with
 * OrderEvents through the callback the composition root wires to `OrderManager.onOrderEvent`. A
 * broker must not call back synchronously from inside these methods.
 */
export interface BrokerGateway {
  readonly capabilities: BrokerCapabilities;
  submit(order: Order): void;
  cancel(orderId: OrderId): void;
  modify(orderId: OrderId, changes: OrderModification): void;
}

export interface BrokerCapabilities {
  /** Order types the broker accepts natively; the OMS emulates stop and stopLimit locally when they are missing. */
  readonly orderTypes: readonly OrderType[];
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
  concurrentExitOrders: true,
};

/** Alpaca options: market and limit only, and no second resting exit against one position. */
export const ALPACA_OPTIONS_CAPABILITIES: BrokerCapabilities = {
  orderTypes: ['market', 'limit'],
  concurrentExitOrders: false,
};
