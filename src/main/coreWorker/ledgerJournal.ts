import type { Instrument } from '../../shared/domain/instrument';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { Order } from '../../shared/domain/orders';
import type { OrderJournal } from '../trading/oms/orderJournal';
import { ThreadUnavailableError } from '../threads/rpc';

export interface DurableWrite {
  /** Sends the row to the ledger; resolves once it is durable. Throws ThreadUnavailableError while the ledger restarts. */
  write(): Promise<void>;
  /** Runs after the ledger acknowledged the write: only now may a window see it. */
  acknowledged(): void;
  readonly description: string;
}

/**
 * The OMS's journal in the live core: every order and order event goes to the ledger worker, one at a time
 * and in order, and only its acknowledgement lets the change reach windows (the "durable before visible"
 * principle: a fill shown to the trader is already durable). While the ledger is down (restarting) writes
 * wait in the queue and are retried, so nothing the OMS produced is dropped.
 */
export class LedgerJournal implements OrderJournal {
  private readonly queue: DurableWrite[] = [];
  private draining = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly record: {
      order(order: Order): Promise<void>;
      orderEvent(order: Order, event: OrderEvent, instrument: Instrument): Promise<void>;
    },
    private readonly onAcknowledged: {
      order(order: Order): void;
      orderEvent(order: Order, event: OrderEvent, instrument: Instrument): void;
    },
    /** Resolves when the ledger is (re)attached; a failed write waits for it and is retried. */
    private readonly ledgerReady: () => Promise<void>,
    private readonly log: (message: string) => void,
  ) {}

  orderCreated(order: Order): void {
    this.enqueue({
      description: `order ${order.orderId}`,
      write: () => this.record.order(order),
      acknowledged: () => this.onAcknowledged.order(order),
    });
  }

  orderEvent(order: Order, event: OrderEvent, instrument: Instrument): void {
    this.enqueue({
      description: `${event.type} of ${order.orderId}`,
      write: () => this.record.orderEvent(order, event, instrument),
      acknowledged: () => this.onAcknowledged.orderEvent(order, event, instrument),
    });
  }

  /**
   * Runs `action` once everything enqueued before it is durable, in order with the writes: how a
   * change that names orders (an attached group) reaches windows no earlier than those orders.
   */
  afterDurable(description: string, action: () => void): void {
    this.enqueue({ description, write: () => Promise.resolve(), acknowledged: action });
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves when every write enqueued so far is durable (e.g. before answering "order placed"). */
  settled(): Promise<void> {
    if (this.queue.length === 0 && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private enqueue(write: DurableWrite): void {
    this.queue.push(write);
    if (!this.draining) void this.drain();
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const next = this.queue[0];
      try {
        await next.write();
      } catch (error) {
        if (error instanceof ThreadUnavailableError) {
          this.log(`ledger unavailable for ${next.description} (${error.message}); retrying when it is back`);
          await this.ledgerReady();
          continue;
        }
        // The ledger refused the row (a bug or a corrupt file): say so loudly; windows never see it.
        this.log(`ledger refused ${next.description}: ${(error as Error).message}`);
        this.queue.shift();
        continue;
      }
      this.queue.shift();
      next.acknowledged();
    }
    this.draining = false;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }
}
