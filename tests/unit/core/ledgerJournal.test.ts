import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../../src/shared/domain/orders';
import { LedgerJournal, MAX_BATCH_ENTRIES } from '../../../src/main/coreWorker/ledgerJournal';
import type { LedgerJournalOptions } from '../../../src/main/coreWorker/ledgerJournal';
import type { Ledger } from '../../../src/main/ledger/ledger';
import type { OrderWrite, OrderWriteOutcome } from '../../../src/main/ledger/orderWrites';
import { ThreadUnavailableError } from '../../../src/main/threads/rpc';
import { makeDesk, makeFill, makeNseOption, makeOrder, makeOrderRequest, makeQuote } from '../oms/factories';
import { openLedger, tempDataDir } from '../ledger/ledgerFixtures';

const REJECTED_ORDERS = 500;

/** Yields to the event loop until `condition` holds (the journal drains on setImmediate). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

/** A promise whose settling the test can observe without awaiting it. */
function tracked(promise: Promise<void>): { readonly done: () => boolean; readonly promise: Promise<void> } {
  let done = false;
  return { done: () => done, promise: promise.then(() => void (done = true)) };
}

/**
 * The core's journal over a real ledger (SQLite in a temp dir) on this thread: each
 * `recordOrderWrites` call stands for one request to the ledger worker, and what the journal
 * acknowledged (what windows would see) is kept in order.
 */
function journalOver(
  ledger: Ledger,
  send: LedgerJournalOptions['ledger']['recordOrderWrites'] = async (writes) =>
    ledger.recordOrderWrites(writes),
  ready: () => Promise<void> = () => Promise.resolve(),
): { journal: LedgerJournal; requests: OrderWrite[][]; acknowledged: string[]; logs: string[] } {
  const requests: OrderWrite[][] = [];
  const acknowledged: string[] = [];
  const logs: string[] = [];
  const journal = new LedgerJournal({
    ledger: {
      recordOrderWrites: (writes) => {
        requests.push(writes);
        return send(writes);
      },
      ready,
    },
    onAcknowledged: {
      order: (order) => acknowledged.push(`${order.orderId} new`),
      orderEvent: (order, event) => acknowledged.push(`${order.orderId} ${event.type}`),
    },
    log: (message) => logs.push(message),
  });
  return { journal, requests, acknowledged, logs };
}

describe('LedgerJournal: order writes go to the ledger in batches', () => {
  it('writes 500 rejected orders and a valid one in a handful of transactions, the valid one acknowledged after all of them', async () => {
    const ledger = openLedger(tempDataDir());
    const { journal, requests, acknowledged } = journalOver(ledger);
    const desk = makeDesk({ alsoJournal: journal });
    const symbol = makeNseOption().symbol;
    desk.feed(makeQuote(symbol, desk.clock.nowUs() + 1, 9995, 650, 10005, 650));
    await journal.settled();
    const before = ledger.orderWriteStats();

    // As ManualTrading does for each orders.place: the OMS decides, then the reply waits for settled().
    const rejectReplies: Array<Promise<void>> = [];
    for (let i = 0; i < REJECTED_ORDERS; i++) {
      const outcome = desk.oms.placeOrder(makeOrderRequest({ quantity: 66 }));
      expect(outcome).toMatchObject({ ok: false, code: 'lotMultiple' });
      rejectReplies.push(journal.settled());
    }
    const valid = desk.oms.placeOrder(makeOrderRequest());
    if (!valid.ok) throw new Error(`the valid order was rejected: ${valid.reason}`);
    let statusesAtValidReply: Map<OrderStatus, number> | null = null;
    await journal.settled().then(() => {
      statusesAtValidReply = new Map();
      for (const order of ledger.loadOrders())
        statusesAtValidReply.set(order.status, (statusesAtValidReply.get(order.status) ?? 0) + 1);
    });
    await Promise.all(rejectReplies);

    // Two writes per reject (the order, its rejection) and the valid order's: one request and one
    // transaction per batch of up to MAX_BATCH_ENTRIES, not one per row (1,000+ before).
    const writes = requests.reduce((sum, batch) => sum + batch.length, 0);
    expect(writes).toBeGreaterThan(2 * REJECTED_ORDERS);
    expect(requests.length).toBeLessThanOrEqual(3);
    expect(requests.length).toBe(Math.ceil(writes / MAX_BATCH_ENTRIES));
    expect(ledger.orderWriteStats()).toEqual({
      transactions: before.transactions + requests.length,
      writes: before.writes + writes,
    });
    // When the valid order's reply could leave, every reject before it was already durable.
    expect(statusesAtValidReply).not.toBeNull();
    expect((statusesAtValidReply as unknown as Map<OrderStatus, number>).get('rejected')).toBe(
      REJECTED_ORDERS,
    );
    const validOrderId = valid.orderIds[0];
    expect(ledger.loadOrders().find((order) => order.orderId === validOrderId)?.status).toMatch(
      /submitted|accepted/,
    );
    expect(ledger.orderEvents(validOrderId).length).toBeGreaterThan(0);
    // Windows saw every write, in the order the OMS made them, the valid order last.
    expect(acknowledged.filter((entry) => entry.endsWith('OrderRejected'))).toHaveLength(REJECTED_ORDERS);
    expect(acknowledged.at(-1)).toMatch(new RegExp(`^${validOrderId} `));
    expect(ledger.verify().ok).toBe(true);
  });

  it('acknowledges nothing before its batch commits, and settled() waits only for writes queued before it', async () => {
    const ledger = openLedger(tempDataDir());
    const held: Array<{ writes: OrderWrite[]; commit(): void }> = [];
    const { journal, acknowledged } = journalOver(
      ledger,
      (writes) =>
        new Promise<OrderWriteOutcome[]>((resolve) =>
          held.push({ writes, commit: () => resolve(ledger.recordOrderWrites(writes)) }),
        ),
    );
    const first = makeOrder();
    journal.orderCreated(first);
    const firstSettled = tracked(journal.settled());
    await until(() => held.length === 1);
    expect(acknowledged).toEqual([]);
    expect(ledger.loadOrders()).toEqual([]);

    const second = makeOrder('new', { orderId: `${first.orderId}-later` as typeof first.orderId });
    journal.orderCreated(second);
    const secondSettled = tracked(journal.settled());
    held[0].commit();
    await firstSettled.promise;
    // The second write left as its own batch and is still at the ledger: the first caller did not wait for it.
    await until(() => held.length === 2);
    expect(secondSettled.done()).toBe(false);
    expect(acknowledged).toEqual([`${first.orderId} new`]);

    held[1].commit();
    await secondSettled.promise;
    expect(acknowledged).toEqual([`${first.orderId} new`, `${second.orderId} new`]);
    expect(ledger.loadOrders().map((order) => order.orderId)).toEqual([first.orderId, second.orderId]);
  });

  it('sends a batch again once a restarting ledger is back, and acknowledges it only then', async () => {
    const ledger = openLedger(tempDataDir());
    let attempts = 0;
    let ledgerBack: () => void = () => undefined;
    const { journal, acknowledged, logs } = journalOver(
      ledger,
      async (writes) => {
        attempts++;
        if (attempts === 1) throw new ThreadUnavailableError('ledger thread is not attached');
        return ledger.recordOrderWrites(writes);
      },
      () => new Promise<void>((resolve) => (ledgerBack = resolve)),
    );
    const order = makeOrder();
    journal.orderCreated(order);
    const settled = tracked(journal.settled());
    await until(() => logs.length === 1);
    expect(logs[0]).toMatch(/ledger unavailable for 1 write\(s\) from order order-1/);
    expect(acknowledged).toEqual([]);
    expect(settled.done()).toBe(false);

    ledgerBack();
    await settled.promise;
    expect(attempts).toBe(2);
    expect(acknowledged).toEqual(['order-1 new']);
    expect(ledger.loadOrders()).toHaveLength(1);
  });

  it('drops and names a write the ledger refuses; the rest of its batch is still recorded', async () => {
    const ledger = openLedger(tempDataDir());
    const { journal, requests, acknowledged, logs } = journalOver(ledger);
    const order = makeOrder('submitted');
    const fill = makeFill({ orderId: order.orderId });
    journal.orderCreated(order);
    // A fractional microsecond cannot go into the STRICT INTEGER column: the ledger refuses this one
    // event, and its savepoint undoes the order row it had already updated.
    journal.orderEvent(
      {
        ...order,
        status: 'filled',
        filledQuantity: fill.quantity,
        filledNotional: fill.quantity * fill.price,
      },
      {
        type: 'OrderFilled',
        orderId: order.orderId,
        tsEvent: (fill.tsEvent + 0.5) as typeof fill.tsEvent,
        fill,
      },
      makeNseOption(),
    );
    const other = makeOrder('new', { orderId: `${order.orderId}-other` as typeof order.orderId });
    journal.orderCreated(other);
    await journal.settled();

    expect(requests).toHaveLength(1);
    expect(logs).toEqual([expect.stringMatching(/^ledger refused OrderFilled of order-1: /)]);
    expect(acknowledged).toEqual(['order-1 new', `${other.orderId} new`]);
    expect(ledger.countFills()).toBe(0);
    expect(ledger.orderEvents(order.orderId)).toEqual([]);
    expect(ledger.loadOrders().map((row) => [row.orderId, row.status])).toEqual([
      ['order-1', 'submitted'],
      [other.orderId, 'new'],
    ]);
    expect(ledger.loadPositions()).toEqual([]);
  });
});
