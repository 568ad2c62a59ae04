import type { Instrument } from '../../shared/domain/instrument';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { Order } from '../../shared/domain/orders';
import type { OrderWrite, OrderWriteOutcome } from '../ledger/orderWrites';
import type { OrderJournal } from '../trading/oms/orderJournal';
import { ThreadUnavailableError } from '../threads/rpc';

/**
 * At most this many entries go to the ledger in one request: one message and one transaction stay
 * small enough that the ledger's other requests (journal rows, reconciliation) are not held up long.
 * A burst of 500 rejected orders (1,000 writes) still takes one or two round trips, not 1,000.
 */
export const MAX_BATCH_ENTRIES = 1_000;

/** A queued entry: a ledger write, or (write null) an action that must follow the writes before it. */
interface JournalEntry {
  readonly write: OrderWrite | null;
  readonly description: string;
  /** Runs after the ledger acknowledged the write: only now may a window see it. */
  acknowledged(): void;
}

export interface LedgerJournalOptions {
  readonly ledger: {
    /** One durable transaction per call; throws ThreadUnavailableError while the ledger restarts. */
    recordOrderWrites(writes: OrderWrite[]): Promise<OrderWriteOutcome[]>;
    /** Resolves when the ledger is (re)attached; a batch that found it gone waits for it and is sent again. */
    ready(): Promise<void>;
  };
  readonly onAcknowledged: {
    order(order: Order): void;
    orderEvent(order: Order, event: OrderEvent, instrument: Instrument): void;
  };
  readonly log: (message: string) => void;
}

/**
 * The OMS's journal in the live core: every order and order event goes to the ledger worker in order,
 * and only its acknowledgement lets the change reach windows (the "durable before visible" principle:
 * a fill shown to the trader is already durable).
 *
 * Writes are batched: what is queued in one turn of the event loop, and what queues while a batch is
 * at the ledger, goes as ONE request that the ledger commits in ONE transaction. So a burst of
 * rejected orders costs one fsync, not one per row, and a valid order behind them is not delayed by
 * a thousand round trips (issue 10). Nothing is acknowledged before its batch committed, and
 * `settled()` waits only for what was queued before it. While the ledger is down (restarting) a batch
 * waits and is sent again, so nothing the OMS produced is dropped.
 */
export class LedgerJournal implements OrderJournal {
  private readonly queue: JournalEntry[] = [];
  private draining = false;
  /** Entries ever queued, and of those how many are done (acknowledged, or refused and logged). */
  private enqueued = 0;
  private finished = 0;
  private waiters: Array<{ readonly upTo: number; readonly resolve: () => void }> = [];

  constructor(private readonly options: LedgerJournalOptions) {}

  orderCreated(order: Order): void {
    this.enqueue({
      description: `order ${order.orderId}`,
      write: { kind: 'order', order },
      acknowledged: () => this.options.onAcknowledged.order(order),
    });
  }

  orderEvent(order: Order, event: OrderEvent, instrument: Instrument): void {
    this.enqueue({
      description: `${event.type} of ${order.orderId}`,
      write: {
        kind: 'orderEvent',
        order,
        event,
        context: { multiplier: instrument.multiplier, currency: instrument.currency },
      },
      acknowledged: () => this.options.onAcknowledged.orderEvent(order, event, instrument),
    });
  }

  /**
   * Runs `action` once everything enqueued before it is durable, in order with the writes: how a
   * change that names orders (an attached group) reaches windows no earlier than those orders.
   */
  afterDurable(description: string, action: () => void): void {
    this.enqueue({ description, write: null, acknowledged: action });
  }

  /** Entries queued and not yet acknowledged. */
  get pending(): number {
    return this.enqueued - this.finished;
  }

  /**
   * Resolves when every write enqueued so far is durable (e.g. before answering "order placed"):
   * writes queued after this call never hold it up.
   */
  settled(): Promise<void> {
    const upTo = this.enqueued;
    if (this.finished >= upTo) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ upTo, resolve }));
  }

  private enqueue(entry: JournalEntry): void {
    this.queue.push(entry);
    this.enqueued++;
    if (this.draining) return;
    this.draining = true;
    // After the current turn of the event loop: a burst of API calls arrives as messages handled in
    // one turn, and everything they queued then leaves as one batch.
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH_ENTRIES);
      const writes = batch.flatMap((entry) => (entry.write === null ? [] : [entry.write]));
      const outcomes = await this.commit(writes, batch);
      const refused: string[] = [];
      let written = 0;
      for (const entry of batch) {
        const refusal = entry.write === null ? null : (outcomes[written++] ?? null);
        if (refusal === null) this.acknowledge(entry);
        // The ledger refused the row (a bug or a damaged file): said loudly; windows never see it.
        else refused.push(`${entry.description}: ${refusal}`);
      }
      if (refused.length > 0)
        this.options.log(
          refused.length === 1
            ? `ledger refused ${refused[0]}`
            : `ledger refused ${refused.length} writes; first ${refused[0]}`,
        );
      this.finished += batch.length;
      this.releaseWaiters();
    }
    this.draining = false;
  }

  /** Sends one batch; while the ledger is away it waits for it and sends the same batch again. */
  private async commit(writes: OrderWrite[], batch: readonly JournalEntry[]): Promise<OrderWriteOutcome[]> {
    if (writes.length === 0) return [];
    for (;;) {
      try {
        return await this.options.ledger.recordOrderWrites(writes);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        if (!(error instanceof ThreadUnavailableError)) return writes.map(() => message);
        this.options.log(
          `ledger unavailable for ${batch.length} write(s) from ${batch[0]?.description ?? ''} (${message}); retrying when it is back`,
        );
        await this.options.ledger.ready();
      }
    }
  }

  /** A window listener that throws must not stop the journal (later writes would never be acknowledged). */
  private acknowledge(entry: JournalEntry): void {
    try {
      entry.acknowledged();
    } catch (error) {
      this.options.log(
        `acknowledging ${entry.description} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }

  private releaseWaiters(): void {
    const done = this.waiters.filter((waiter) => waiter.upTo <= this.finished);
    if (done.length === 0) return;
    this.waiters = this.waiters.filter((waiter) => waiter.upTo > this.finished);
    for (const waiter of done) waiter.resolve();
  }
}
