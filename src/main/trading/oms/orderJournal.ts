import type { Instrument } from '../../../shared/domain/instrument';
import type { Order } from '../../../shared/domain/orders';
import type { OrderEvent } from '../../../shared/domain/orderEvents';

/**
 * Where the OMS hands every order and order event so they reach the ledger (the "durable before visible"
 * principle). In the workstation this posts to the ledger worker, whose answer is the durability
 * acknowledgement; a fill is shown to a window only after that answer. Implementations must not throw back
 * into the OMS for I/O reasons: queue and report instead.
 */
export interface OrderJournal {
  /** A new order (status `new`), before it is sent anywhere. */
  orderCreated(order: Order): void;
  /** An event applied to an order; `order` is the order after the event; `instrument` gives multiplier and currency for fills. */
  orderEvent(order: Order, event: OrderEvent, instrument: Instrument): void;
}

/** Keeps everything in memory, in order (tests, replay runs without a ledger). */
export class MemoryOrderJournal implements OrderJournal {
  readonly entries: Array<
    { kind: 'created'; order: Order } | { kind: 'event'; order: Order; event: OrderEvent }
  > = [];
  orderCreated(order: Order): void {
    this.entries.push({ kind: 'created', order });
  }
  orderEvent(order: Order, event: OrderEvent): void {
    this.entries.push({ kind: 'event', order, event });
  }
  events(): OrderEvent[] {
    return this.entries.flatMap((entry) => (entry.kind === 'event' ? [entry.event] : []));
  }
}
