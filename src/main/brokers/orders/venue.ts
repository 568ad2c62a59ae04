import type { Instrument } from '../../../shared/domain/instrument';
import type { Side } from '../../../shared/domain/marketEvents';
import type { Order } from '../../../shared/domain/orders';
import type { OrderModification } from './orderGateway';

/**
 * What an adapter must be able to do at one broker, in the workstation's terms. `RealBroker` builds
 * idempotent submission, fill tracking and reconciliation on top of it once, for every broker.
 */

/** A broker's order as its order book or order stream reports it. */
export interface VenueOrder {
  readonly brokerOrderId: string;
  /** The id we sent, where the broker keeps one (Alpaca's client_order_id). */
  readonly clientOrderId?: string;
  /** Workstation symbol; undefined when the broker names an instrument this session does not know. */
  readonly symbol: string | undefined;
  readonly side: Side;
  readonly quantity: number;
  readonly filledQuantity: number;
  /** Decimal average fill price (broker units); 0 when nothing filled. */
  readonly averagePrice: number;
  readonly limitPrice?: number;
  readonly status: 'pending' | 'working' | 'filled' | 'cancelled' | 'rejected' | 'expired';
  readonly rejectReason?: string;
}

export interface VenuePosition {
  readonly symbol: string;
  /** Signed net quantity in the workstation's units. */
  readonly quantity: number;
}

export interface Venue {
  readonly name: string;
  /** Whether the broker stores our client order id (then a retry with the same id cannot duplicate). */
  readonly keepsClientOrderId: boolean;
  place(order: Order, instrument: Instrument): Promise<{ brokerOrderId: string }>;
  cancel(brokerOrderId: string, order: Order, instrument: Instrument): Promise<void>;
  /** Alpaca replaces an order with a new one on modify: the new broker id is returned then. */
  modify(
    brokerOrderId: string,
    order: Order,
    instrument: Instrument,
    changes: OrderModification,
  ): Promise<{ brokerOrderId?: string }>;
  /** Today's orders (working and finished). */
  listOrders(): Promise<VenueOrder[]>;
  listPositions(): Promise<VenuePosition[]>;
  /** Buying power for new orders, in the account currency (decimal, e.g. rupees or dollars). */
  availableFunds(): Promise<number>;
}
