import type { AuditRow } from './auditChain';
import { auditHash, GENESIS_HASH, verifyAuditChain } from './auditChain';
import { canonicalJson } from './canonicalJson';
import type { LedgerCore } from './ledgerCore';
import { integrityCheck, requireWritable } from './ledgerCore';
import type { VerifyReport } from './ledgerTypes';
import { checkConsistency } from './consistency';
import { CHAINS_SCHEMA_VERSION, schemaVersion } from './migrations';

/** The hash-chained, append-only audit log: appending a row and verifying the chain. */

/** Appends a hash-chained audit row, durably. */
export function appendAudit(
  core: LedgerCore,
  entry: {
    readonly actor: string;
    readonly action: string;
    readonly detail?: unknown;
  },
): AuditRow {
  requireWritable(core);
  let row: AuditRow | null = null;
  core.db
    .transaction(() => {
      const last = core.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
        { seq: number; hash: string } | undefined;
      const base = {
        seq: (last?.seq ?? 0) + 1,
        tsUs: Math.trunc(core.now()),
        actor: entry.actor,
        action: entry.action,
        detailJson: canonicalJson(entry.detail ?? {}),
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      row = { ...base, prevHash, hash: auditHash(prevHash, base) };
      core.db
        .prepare(
          'INSERT INTO audit_log (seq, ts_us, actor, action, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
        )
        .run(row.seq, row.tsUs, row.actor, row.action, row.detailJson, row.prevHash, row.hash);
    })
    .immediate();
  return row as unknown as AuditRow;
}

/**
 * Integrity check, the audit chain (names the first bad audit row), and every table the ledger relies
 * on checked against the others (each mismatch names table, row and field).
 */
export function verifyLedger(core: LedgerCore): VerifyReport {
  const integrity = integrityCheck(core);
  const version = schemaVersion(core.db);
  const warnings: string[] = [];
  if (version === 0) {
    return {
      ok: false,
      integrity,
      schemaVersion: 0,
      audit: { ok: false, rows: 0, headHash: GENESIS_HASH },
      mismatches: [],
      warnings: ['not a Scalpdesk ledger (schema version 0)'],
    };
  }
  const triggers = new Set(
    (
      core.db
        .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
        .all() as Array<{ name: string }>
    ).map((row) => row.name),
  );
  for (const name of ['audit_log_no_update', 'audit_log_no_delete']) {
    if (!triggers.has(name))
      warnings.push(`trigger ${name} is missing: the audit log is no longer append-only by schema`);
  }
  const rows = core.db
    .prepare('SELECT seq, ts_us, actor, action, detail_json, prev_hash, hash FROM audit_log ORDER BY seq')
    .iterate() as Iterable<{
    seq: number;
    ts_us: number;
    actor: string;
    action: string;
    detail_json: string;
    prev_hash: string;
    hash: string;
  }>;
  const audit = verifyAuditChain(
    (function* () {
      for (const row of rows) {
        yield {
          seq: row.seq,
          tsUs: row.ts_us,
          actor: row.actor,
          action: row.action,
          detailJson: row.detail_json,
          prevHash: row.prev_hash,
          hash: row.hash,
        };
      }
    })(),
  );
  const integrityOk = integrity.length === 1 && integrity[0] === 'ok';
  const chains = version >= CHAINS_SCHEMA_VERSION;
  if (!chains)
    warnings.push(
      `schema v${version} predates the fills and order-events hash chains: open the ledger with the workstation to add them`,
    );
  const mismatches = checkConsistency(core.db, chains);
  return {
    ok: integrityOk && audit.ok && mismatches.length === 0,
    integrity,
    schemaVersion: version,
    audit,
    mismatches,
    warnings,
  };
}
