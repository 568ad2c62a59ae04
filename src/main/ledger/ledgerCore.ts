import type Database from 'better-sqlite3';
import type { PositionBook } from '../trading/oms/positions';
import type { JournalRow, JournalTimer } from './journal';
import type { LedgerStatements } from './ledgerRows';
import type { LedgerMismatch } from './consistency';
import type { InstrumentContext } from './ledgerTypes';
import type { OrderWriteStats } from './orderWrites';
import { LATEST_SCHEMA_VERSION, SchemaVersionError } from './migrations';

/**
 * The state every part of the ledger works on: the one connection, its prepared statements, the
 * in-memory position book (changed only after a commit) and the journal buffer. The `Ledger` class
 * owns one and hands it to the lifecycle, fills, audit, journal, catalog, reconciliation and report
 * functions; nothing else holds it.
 */
export interface LedgerCore {
  readonly file: string;
  readonly db: Database.Database;
  readonly readOnly: boolean;
  readonly now: () => number;
  readonly timer: JournalTimer;
  readonly journalIntervalMs: number;
  readonly journalMaxRows: number;
  readonly instrumentContext: ((symbol: string) => InstrumentContext | undefined) | undefined;
  readonly book: PositionBook;
  journalBuffer: JournalRow[];
  journalTimer: { cancel(): void } | null;
  currentSessionId: string | null;
  statements: LedgerStatements | null;
  /** Batches of order writes committed since opening (each one transaction): how the core's journal is measured. */
  orderWriteStats: OrderWriteStats;
  /** Found by the start-up check; trading is refused while any remain. */
  mismatches: readonly LedgerMismatch[];
}

export function requireWritable(core: LedgerCore): void {
  if (core.readOnly) throw new Error('the ledger is open read-only');
}

export function requireStatements(core: LedgerCore): LedgerStatements {
  if (!core.statements)
    throw new SchemaVersionError(
      `ledger schema is older than ${LATEST_SCHEMA_VERSION}; open it with the workstation to migrate`,
    );
  return core.statements;
}

export function requireLatestSchema(core: LedgerCore): void {
  requireStatements(core);
}

export function integrityCheck(core: LedgerCore): string[] {
  const rows = core.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
  return rows.map((row) => row.integrity_check);
}
