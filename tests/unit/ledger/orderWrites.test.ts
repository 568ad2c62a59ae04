import { describe, expect, it } from 'vitest';
import { asFillId } from '../../../src/shared/domain/ids';
import type { Order } from '../../../src/shared/domain/orders';
import type { TimestampUs } from '../../../src/shared/domain/time';
import type { OrderWrite } from '../../../src/main/ledger/orderWrites';
import { makeFill, makeOrder } from '../oms/factories';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

const money = { multiplier: 1, currency: 'INR' };

/** The writes the OMS makes for an order filled in two parts: created, submitted, two fills. */
function twoFills(order: Order): OrderWrite[] {
  const first = makeFill({ fillId: asFillId(`${order.orderId}-f1`), orderId: order.orderId, quantity: 65 });
  const second = makeFill({
    fillId: asFillId(`${order.orderId}-f2`),
    orderId: order.orderId,
    quantity: 65,
    tsEvent: 3 as TimestampUs,
  });
  const partly = {
    ...order,
    status: 'partiallyFilled' as const,
    filledQuantity: 65,
    filledNotional: 650_000,
  };
  const filled = { ...order, status: 'filled' as const, filledQuantity: 130, filledNotional: 1_300_000 };
  return [
    { kind: 'order', order },
    {
      kind: 'orderEvent',
      order: { ...order, status: 'submitted' },
      event: { type: 'OrderSubmitted', orderId: order.orderId, tsEvent: 2 as TimestampUs },
      context: money,
    },
    {
      kind: 'orderEvent',
      order: partly,
      event: { type: 'OrderFilled', orderId: order.orderId, tsEvent: 2 as TimestampUs, fill: first },
      context: money,
    },
    {
      kind: 'orderEvent',
      order: filled,
      event: { type: 'OrderFilled', orderId: order.orderId, tsEvent: 3 as TimestampUs, fill: second },
      context: money,
    },
  ];
}

describe('Ledger.recordOrderWrites: the core journal’s batches', () => {
  it('commits rejects and fills of one batch in one transaction; later fills build on earlier ones', () => {
    const dataDir = tempDataDir();
    const ledger = openLedger(dataDir);
    const rejects: OrderWrite[] = Array.from({ length: 50 }, (_, i) => {
      const order = makeOrder('new', { orderId: `reject-${i}` as Order['orderId'], quantity: 66 });
      return [
        { kind: 'order', order },
        {
          kind: 'orderEvent',
          order: { ...order, status: 'rejected' },
          event: {
            type: 'OrderRejected',
            orderId: order.orderId,
            tsEvent: 2 as TimestampUs,
            reason: 'lotMultiple: 66',
          },
          context: money,
        },
      ] satisfies OrderWrite[];
    }).flat();
    const writes = [...rejects, ...twoFills(makeOrder('new', { quantity: 130 }))];

    expect(ledger.recordOrderWrites(writes)).toEqual(writes.map(() => null));
    expect(ledger.orderWriteStats()).toEqual({ transactions: 1, writes: writes.length });
    expect(ledger.loadOrders().filter((order) => order.status === 'rejected')).toHaveLength(50);
    expect(ledger.countFills()).toBe(2);
    // The second fill saw the first's position inside the same transaction.
    expect(ledger.loadPositions().map((position) => position.quantity)).toEqual([130]);
    expect(ledger.verify().ok).toBe(true);
    closeQuietly(ledger);

    // The stored position row agrees with the fills, so the next start has nothing to repair.
    const reopened = openLedger(dataDir);
    expect(reopened.startup.mismatches).toEqual([]);
    expect(reopened.startup.positionsRepaired).toEqual([]);
    expect(reopened.loadPositions().map((position) => position.quantity)).toEqual([130]);
  });

  it('rolls back a refused write alone, position included, and names why', () => {
    const ledger = openLedger(tempDataDir());
    const [created, submitted, firstFill, secondFill] = twoFills(makeOrder('new', { quantity: 130 }));
    if (secondFill.kind !== 'orderEvent') throw new Error('fixture: the fourth write is an event');
    // A fractional microsecond cannot go into the STRICT INTEGER column: the ledger refuses this event.
    const broken: OrderWrite = { ...secondFill, event: { ...secondFill.event, tsEvent: 3.5 as TimestampUs } };

    const outcomes = ledger.recordOrderWrites([created, submitted, firstFill, broken]);

    expect(outcomes.slice(0, 3)).toEqual([null, null, null]);
    expect(outcomes[3]).toMatch(/INTEGER/);
    expect(ledger.countFills()).toBe(1);
    expect(ledger.loadOrders().map((order) => order.status)).toEqual(['partiallyFilled']);
    expect(ledger.loadPositions().map((position) => position.quantity)).toEqual([65]);
    expect(ledger.verify().ok).toBe(true);
  });

  it('refuses a fill that breaks a CHECK rather than skipping it as if it were a repeat', () => {
    const ledger = openLedger(tempDataDir());
    const [created, submitted, firstFill] = twoFills(makeOrder('new', { quantity: 130 }));
    if (firstFill.kind !== 'orderEvent') throw new Error('fixture: the third write is an event');
    const zeroMultiplier: OrderWrite = { ...firstFill, context: { ...money, multiplier: 0 } };

    const outcomes = ledger.recordOrderWrites([created, submitted, zeroMultiplier, firstFill, firstFill]);

    expect(outcomes[2]).toMatch(/CHECK constraint failed/);
    // The good fill is written once; sent again it is a repeat and skipped, as a broker resend is.
    expect(outcomes.filter((outcome) => outcome === null)).toHaveLength(4);
    expect(ledger.countFills()).toBe(1);
    expect(ledger.loadPositions().map((position) => position.quantity)).toEqual([65]);
  });
});
