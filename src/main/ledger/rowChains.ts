import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { canonicalJson } from '../../shared/codecs/canonicalJson';
import { GENESIS_HASH } from './auditChain';

/**
 * Fills and order events are hash-chained per table, like the audit log: each row stores the previous
 * row's hash and sha256(previous hash + "\n" + canonical JSON of its columns below). An edited row no
 * longer matches its hash; a deleted row leaves the next row pointing at a hash that is not its
 * predecessor's. The chain is written in the same transaction as the row, so it costs one hash per
 * durable write and nothing on the read path.
 */
export const CHAINED_TABLES = {
  fills: [
    'fill_id',
    'order_id',
    'session_id',
    'symbol',
    'side',
    'quantity',
    'price',
    'multiplier',
    'currency',
    'ts_event_us',
    'source',
    'charges',
    'liquidity',
    'decision_id',
  ],
  order_events: ['order_id', 'type', 'ts_event_us', 'status_after', 'payload_json'],
} as const;

export type ChainedTable = keyof typeof CHAINED_TABLES;

export function rowHash(
  table: ChainedTable,
  prevHash: string,
  row: Readonly<Record<string, unknown>>,
): string {
  const body = canonicalJson(CHAINED_TABLES[table].map((column) => row[column] ?? null));
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

/** Prepared once per connection and table: every durable write reads its chain head. */
const chainHeadStatements = new WeakMap<Database.Database, Map<ChainedTable, Database.Statement>>();

/** The hash of the table's newest row (the genesis hash for an empty table). */
export function chainHead(db: Database.Database, table: ChainedTable): string {
  let statements = chainHeadStatements.get(db);
  if (!statements) chainHeadStatements.set(db, (statements = new Map()));
  let statement = statements.get(table);
  if (!statement)
    statements.set(table, (statement = db.prepare(`SELECT hash FROM ${table} ORDER BY seq DESC LIMIT 1`)));
  const row = statement.get() as { hash: string | null } | undefined;
  return row?.hash ?? GENESIS_HASH;
}

/** Chains every row of a table in seq order (the migration that adds the chain to an existing ledger). */
export function chainExistingRows(db: Database.Database, table: ChainedTable): number {
  const rows = db.prepare(`SELECT * FROM ${table} ORDER BY seq`).all() as Array<Record<string, unknown>>;
  const update = db.prepare(`UPDATE ${table} SET prev_hash = ?, hash = ? WHERE seq = ?`);
  let prevHash = GENESIS_HASH;
  for (const row of rows) {
    const hash = rowHash(table, prevHash, row);
    update.run(prevHash, hash, row.seq);
    prevHash = hash;
  }
  return rows.length;
}
