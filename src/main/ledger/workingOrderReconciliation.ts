import type { Order } from '../../shared/domain/orders';

/** What a broker says about one order it still works: enough to tell it is the same order, in the same state. */
export interface BrokerWorkingOrder {
  readonly orderId: string;
  readonly quantity: number;
  readonly filledQuantity: number;
}

/**
 * A working order the ledger and the broker disagree on: missing on one side (`ledgerOnly`: the
 * ledger holds it as working, the broker does not know it; `brokerOnly`: the reverse), or known to
 * both with a different quantity or filled quantity.
 */
export interface WorkingOrderMismatch {
  readonly orderId: string;
  readonly kind: 'ledgerOnly' | 'brokerOnly' | 'quantity';
  readonly ledger: { readonly quantity: number; readonly filledQuantity: number } | null;
  readonly broker: { readonly quantity: number; readonly filledQuantity: number } | null;
}

/**
 * Start-up reconciliation of working orders: the ledger's orders in a working status against the
 * broker's, by order id. An order lost on either side (the orphan a crash used to leave behind) is a
 * mismatch, as is one whose size or fills differ.
 */
export function compareWorkingOrders(
  ledger: readonly Order[],
  broker: readonly BrokerWorkingOrder[],
): WorkingOrderMismatch[] {
  const brokerById = new Map(broker.map((order) => [order.orderId, order]));
  const ledgerIds = new Set(ledger.map((order) => order.orderId as string));
  const mismatches: WorkingOrderMismatch[] = [];
  for (const order of ledger) {
    const sides = { quantity: order.quantity, filledQuantity: order.filledQuantity };
    const held = brokerById.get(order.orderId);
    if (!held) mismatches.push({ orderId: order.orderId, kind: 'ledgerOnly', ledger: sides, broker: null });
    else if (held.quantity !== order.quantity || held.filledQuantity !== order.filledQuantity) {
      mismatches.push({
        orderId: order.orderId,
        kind: 'quantity',
        ledger: sides,
        broker: { quantity: held.quantity, filledQuantity: held.filledQuantity },
      });
    }
  }
  for (const held of broker) {
    if (ledgerIds.has(held.orderId)) continue;
    mismatches.push({
      orderId: held.orderId,
      kind: 'brokerOnly',
      ledger: null,
      broker: { quantity: held.quantity, filledQuantity: held.filledQuantity },
    });
  }
  return mismatches.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

export function describeOrderMismatches(mismatches: readonly WorkingOrderMismatch[]): string {
  const parts = mismatches.map((mismatch) => {
    switch (mismatch.kind) {
      case 'ledgerOnly':
        return `${mismatch.orderId}: working in the ledger, unknown to the broker`;
      case 'brokerOnly':
        return `${mismatch.orderId}: working at the broker, not in the ledger`;
      case 'quantity':
        return `${mismatch.orderId}: ledger ${mismatch.ledger?.filledQuantity}/${mismatch.ledger?.quantity} filled, broker ${mismatch.broker?.filledQuantity}/${mismatch.broker?.quantity}`;
    }
  });
  return `working-order mismatch (auto-trading blocked until resolved): ${parts.join('; ')}`;
}
