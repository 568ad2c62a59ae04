import { appendAudit } from './auditLog';
import { describeLedgerMismatch, mostSpecificMismatch } from './consistency';
import { canonicalJson } from './canonicalJson';
import type { LedgerCore } from './ledgerCore';
import { requireWritable } from './ledgerCore';
import type { ReconciliationReport } from './reconciliation';
import { comparePositions, describeMismatches } from './reconciliation';
import { loadOrders } from './fills';
import type { BrokerWorkingOrder } from './workingOrderReconciliation';
import { compareWorkingOrders, describeOrderMismatches } from './workingOrderReconciliation';

/** Reconciliation with the broker: mismatches are stored, audited and block auto-trading until resolved. */

/**
 * Compares the ledger's positions with the broker's. A mismatch is stored as an open
 * reconciliation (and audited) and blocks auto-trading until `resolveReconciliation`.
 */
export function reconcilePositions(
  core: LedgerCore,
  brokerPositions: ReadonlyArray<{ readonly symbol: string; readonly quantity: number }>,
  brokerWorkingOrders?: readonly BrokerWorkingOrder[],
): ReconciliationReport {
  requireWritable(core);
  const mismatches = comparePositions(core.book.all(), brokerPositions);
  // Working orders are compared by id too (when the broker's are given): an order the ledger holds
  // open that the broker does not know, or the reverse, blocks auto-trading like a position.
  const orderMismatches =
    brokerWorkingOrders === undefined
      ? []
      : compareWorkingOrders(loadOrders(core, { openOnly: true }), brokerWorkingOrders);
  const checkedAtUs = Math.trunc(core.now());
  let reconciliationId = openReconciliationId(core);
  if (mismatches.length > 0 || orderMismatches.length > 0) {
    const report = { checkedAtUs, mismatches, orderMismatches };
    reconciliationId = Number(
      core.db
        .prepare("INSERT INTO reconciliations (ts_us, status, report_json) VALUES (?, 'open', ?)")
        .run(checkedAtUs, canonicalJson(report)).lastInsertRowid,
    );
    appendAudit(core, {
      actor: 'ledger',
      action: 'reconciliation.mismatch',
      detail: { reconciliationId, mismatches, orderMismatches },
    });
  }
  const blocks = reconciliationId !== null;
  if (core.mismatches.length > 0)
    return refusedLedger(core, checkedAtUs, mismatches, orderMismatches, reconciliationId);
  return {
    ok: mismatches.length === 0 && orderMismatches.length === 0,
    blocksAutoTrading: blocks,
    blocksAllTrading: false,
    checkedAtUs,
    mismatches,
    orderMismatches,
    reconciliationId,
    detail:
      mismatches.length > 0
        ? describeMismatches(mismatches)
        : orderMismatches.length > 0
          ? describeOrderMismatches(orderMismatches)
          : blocks
            ? `positions agree now, but reconciliation #${reconciliationId} is unresolved (auto-trading blocked)`
            : describeMismatches(mismatches),
  };
}

/** The unresolved reconciliation, if any (it blocks auto-trading across restarts). */
export function openReconciliationId(core: LedgerCore): number | null {
  const row = core.db
    .prepare(
      "SELECT reconciliation_id FROM reconciliations WHERE status = 'open' ORDER BY reconciliation_id LIMIT 1",
    )
    .get() as { reconciliation_id: number } | undefined;
  return row?.reconciliation_id ?? null;
}

/** The trader resolves every open reconciliation (after fixing positions at the broker or accepting the ledger). */
export function resolveReconciliation(
  core: LedgerCore,
  resolution: { readonly actor: string; readonly note: string },
): number {
  requireWritable(core);
  const now = Math.trunc(core.now());
  const ids = (
    core.db.prepare("SELECT reconciliation_id FROM reconciliations WHERE status = 'open'").all() as Array<{
      reconciliation_id: number;
    }>
  ).map((row) => row.reconciliation_id);
  if (ids.length === 0) return 0;
  core.db
    .prepare(
      "UPDATE reconciliations SET status = 'resolved', resolution_json = ?, resolved_us = ? WHERE status = 'open'",
    )
    .run(canonicalJson(resolution), now);
  appendAudit(core, {
    actor: resolution.actor,
    action: 'reconciliation.resolved',
    detail: { reconciliationIds: ids, note: resolution.note },
  });
  return ids.length;
}

/** The report while the ledger's own check failed: every order is refused, with the first mismatch. */
function refusedLedger(
  core: LedgerCore,
  checkedAtUs: number,
  mismatches: ReconciliationReport['mismatches'],
  orderMismatches: ReconciliationReport['orderMismatches'],
  reconciliationId: number | null,
): ReconciliationReport {
  const count = core.mismatches.length;
  return {
    ok: false,
    blocksAutoTrading: true,
    blocksAllTrading: true,
    checkedAtUs,
    mismatches,
    orderMismatches,
    reconciliationId,
    detail:
      `trading refused: the ledger failed its check (${count} mismatch${count === 1 ? '' : 'es'}; ` +
      `first: ${describeLedgerMismatch(mostSpecificMismatch(core.mismatches) ?? core.mismatches[0])}). Run \`scalpdesk ledger verify\` and restore the ledger from a backup`,
  };
}
