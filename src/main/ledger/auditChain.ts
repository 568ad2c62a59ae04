import { createHash } from 'node:crypto';
import { canonicalJson } from '../../shared/codecs/canonicalJson';

/**
 * The audit log is append-only and hash-chained: each row stores the previous row's hash and
 * sha256(previous hash + "\n" + canonical JSON of its own columns). Editing, inserting or deleting a
 * row anywhere before the last breaks every hash after it, so `ledger verify` names the first bad
 * row. (Truncating the newest rows is not detectable from inside the file; verify prints the head
 * hash so it can be compared with a copy kept elsewhere.)
 */
export const GENESIS_HASH = '0'.repeat(64);

export interface AuditRow {
  readonly seq: number;
  readonly tsUs: number;
  readonly actor: string;
  readonly action: string;
  /** Canonical JSON text of the detail object, exactly as stored. */
  readonly detailJson: string;
  readonly prevHash: string;
  readonly hash: string;
}

export function auditHash(prevHash: string, row: Omit<AuditRow, 'prevHash' | 'hash'>): string {
  const body = canonicalJson([row.seq, row.tsUs, row.actor, row.action, row.detailJson]);
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

export interface AuditChainResult {
  readonly ok: boolean;
  readonly rows: number;
  readonly headHash: string;
  /** The first row that does not verify, and why. */
  readonly firstBad?: { readonly seq: number; readonly problem: string };
}

/** Checks rows in seq order: consecutive sequence numbers from 1, links, and hashes. */
export function verifyAuditChain(rows: Iterable<AuditRow>): AuditChainResult {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.seq !== expectedSeq) {
      return bad(
        count,
        prevHash,
        row.seq,
        `sequence gap: expected row ${expectedSeq}, found ${row.seq} (rows deleted or inserted)`,
      );
    }
    if (row.prevHash !== prevHash) {
      return bad(
        count,
        prevHash,
        row.seq,
        `link broken: prev_hash does not match the hash of row ${row.seq - 1}`,
      );
    }
    const hash = auditHash(row.prevHash, row);
    if (hash !== row.hash)
      return bad(count, prevHash, row.seq, 'hash mismatch: the row was edited after it was written');
    prevHash = row.hash;
    expectedSeq++;
  }
  return { ok: true, rows: count, headHash: prevHash };
}

function bad(rows: number, headHash: string, seq: number, problem: string): AuditChainResult {
  return { ok: false, rows, headHash, firstBad: { seq, problem } };
}
