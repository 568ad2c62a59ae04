import { describe, expect, it } from 'vitest';
import { asOrderId } from '../../../src/shared/domain/ids';
import { makeAcceptedOrder, makeOrder } from '../oms/factories';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

describe('reconciliation of working orders', () => {
  it('agrees when the broker holds every order the ledger holds as working', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordOrder(makeAcceptedOrder({ orderId: asOrderId('o-1') }));
    ledger.recordOrder(makeOrder('filled', { orderId: asOrderId('o-2'), filledQuantity: 65 }));
    const report = ledger.reconcile([], [{ orderId: 'o-1', quantity: 65, filledQuantity: 0 }]);
    expect(report).toMatchObject({ ok: true, blocksAutoTrading: false, orderMismatches: [] });
    closeQuietly(ledger);
  });

  it('names an order orphaned on either side, or changed, and blocks auto-trading until resolved', () => {
    const ledger = openLedger(tempDataDir());
    ledger.recordOrder(makeAcceptedOrder({ orderId: asOrderId('o-1') }));
    ledger.recordOrder(makeAcceptedOrder({ orderId: asOrderId('o-2'), quantity: 130 }));
    const report = ledger.reconcile(
      [],
      [
        { orderId: 'o-2', quantity: 130, filledQuantity: 65 },
        { orderId: 'o-3', quantity: 65, filledQuantity: 0 },
      ],
    );
    expect(report.ok).toBe(false);
    expect(report.blocksAutoTrading).toBe(true);
    expect(report.orderMismatches.map((mismatch) => [mismatch.orderId, mismatch.kind])).toEqual([
      ['o-1', 'ledgerOnly'],
      ['o-2', 'quantity'],
      ['o-3', 'brokerOnly'],
    ]);
    expect(report.detail).toBe(
      'working-order mismatch (auto-trading blocked until resolved): o-1: working in the ledger, unknown to the broker; ' +
        'o-2: ledger 0/130 filled, broker 65/130; o-3: working at the broker, not in the ledger',
    );
    expect(ledger.resolveReconciliation({ actor: 'trader', note: 'checked at the broker' })).toBe(1);
    closeQuietly(ledger);
  });
});
