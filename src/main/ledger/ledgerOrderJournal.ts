import type { Instrument } from '../../shared/domain/instrument';
import type { Order } from '../../shared/domain/orders';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { OrderJournal } from '../trading/oms/orderJournal';
import type { Ledger } from './ledger';

/**
 * The OMS journal written straight into a Ledger on the same thread: for replay and backtest runs
 * and for tests. In the workstation the core worker posts the same two calls to the ledger worker
 * instead, and waits for its answer before showing a fill.
 */
export class LedgerOrderJournal implements OrderJournal {
  constructor(
    private readonly ledger: Ledger,
    private readonly sessionId: string | null = null,
  ) {}

  orderCreated(order: Order): void {
    this.ledger.recordOrder(order, this.sessionId);
  }

  orderEvent(order: Order, event: OrderEvent, instrument: Instrument): void {
    this.ledger.recordOrderEvent(order, event, {
      multiplier: instrument.multiplier,
      currency: instrument.currency,
      sessionId: this.sessionId,
    });
  }
}
