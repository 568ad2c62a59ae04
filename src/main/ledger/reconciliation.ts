import type { WorkingOrderMismatch } from './workingOrderReconciliation';

/**
 * Start-up reconciliation (the "durable before visible" principle): the ledger's positions, rebuilt from its
 * fills, are compared with what the broker reports (for the paper broker, its own account). Brokers know
 * nothing of manual/auto/replay sources, so the comparison is per symbol, net over sources. Any difference is
 * a mismatch that blocks auto-trading until the trader resolves it.
 */
export interface QuantityBySymbol {
  readonly symbol: string;
  readonly quantity: number;
}

export interface PositionMismatch {
  readonly symbol: string;
  readonly ledgerQuantity: number;
  readonly brokerQuantity: number;
}

export interface ReconciliationReport {
  readonly ok: boolean;
  /** True while this or an earlier mismatch is unresolved. */
  readonly blocksAutoTrading: boolean;
  /**
   * True when the ledger failed its own start-up check (a fill, order event, order or position that
   * disagrees with the rest): no order may be placed, manual or automatic, until it is restored.
   */
  readonly blocksAllTrading: boolean;
  readonly checkedAtUs: number;
  readonly mismatches: readonly PositionMismatch[];
  /** Working orders the ledger and the broker disagree on (empty when orders were not compared). */
  readonly orderMismatches: readonly WorkingOrderMismatch[];
  /** Row of the open reconciliation in the ledger, when there is one. */
  readonly reconciliationId: number | null;
  /** One line for the status bar. */
  readonly detail: string;
}

export function comparePositions(
  ledger: readonly QuantityBySymbol[],
  broker: readonly QuantityBySymbol[],
): PositionMismatch[] {
  const net = (rows: readonly QuantityBySymbol[]): Map<string, number> => {
    const totals = new Map<string, number>();
    for (const row of rows) totals.set(row.symbol, (totals.get(row.symbol) ?? 0) + row.quantity);
    return totals;
  };
  const ledgerNet = net(ledger);
  const brokerNet = net(broker);
  const symbols = [...new Set([...ledgerNet.keys(), ...brokerNet.keys()])].sort();
  const mismatches: PositionMismatch[] = [];
  for (const symbol of symbols) {
    const ledgerQuantity = ledgerNet.get(symbol) ?? 0;
    const brokerQuantity = brokerNet.get(symbol) ?? 0;
    if (ledgerQuantity !== brokerQuantity) mismatches.push({ symbol, ledgerQuantity, brokerQuantity });
  }
  return mismatches;
}

export function describeMismatches(mismatches: readonly PositionMismatch[]): string {
  if (mismatches.length === 0) return 'ledger and broker positions agree';
  const parts = mismatches.map((m) => `${m.symbol}: ledger ${m.ledgerQuantity}, broker ${m.brokerQuantity}`);
  return `position mismatch (auto-trading blocked until resolved): ${parts.join('; ')}`;
}
