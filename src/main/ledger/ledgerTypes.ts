import type { Order, OrderSource } from '../../shared/domain/orders';
import type { AuditChainResult } from './auditChain';
import type { LedgerMismatch } from './consistency';
import type { JournalTimer } from './journal';
import type { CurrencyReport, GateBreakdown } from './tradeAnalytics';

export interface InstrumentContext {
  readonly multiplier: number;
  readonly currency: string;
}

/** What a fill row needs beyond the Fill itself. Omitted fields come from the instrument lookup. */
export interface FillContext {
  readonly multiplier?: number;
  readonly currency?: string;
  readonly sessionId?: string | null;
  /** The engine decision that caused the order (defaults to the order's tag). */
  readonly decisionId?: string | null;
  /** The order after the fill; upserted in the same transaction. */
  readonly order?: Order;
}

export interface LedgerOptions {
  /** Open for inspection only (CLI stats/verify): no migration, no writes. */
  readonly readOnly?: boolean;
  /** Wall clock in µs for audit rows and bookkeeping timestamps (not for trading events). */
  readonly now?: () => number;
  /** Timer of the journal group commit (injected in tests). */
  readonly timer?: JournalTimer;
  /** Group-commit interval; at most 50 ms. */
  readonly journalIntervalMs?: number;
  /** A buffer this large is committed at once without waiting for the timer. */
  readonly journalMaxRows?: number;
  readonly instrumentContext?: (symbol: string) => InstrumentContext | undefined;
  /** Path of a better-sqlite3 addon built for this runtime (Electron's ABI), as the ledger worker resolves it. */
  readonly nativeBinding?: string;
}

export interface StartupReport {
  readonly integrity: readonly string[];
  readonly schemaVersionBefore: number;
  readonly schemaVersion: number;
  readonly migrationsApplied: readonly string[];
  readonly fills: number;
  readonly positions: number;
  /** Stored positions that disagreed with the fills and were rewritten from them. */
  /** What the start-up check found; while non-empty the ledger refuses trading (see reconcile). */
  readonly mismatches: readonly LedgerMismatch[];
  readonly positionsRepaired: ReadonlyArray<{
    readonly symbol: string;
    readonly source: OrderSource;
    readonly storedQuantity: number | null;
    readonly rebuiltQuantity: number;
  }>;
}

export interface VerifyReport {
  readonly ok: boolean;
  readonly integrity: readonly string[];
  readonly schemaVersion: number;
  readonly audit: AuditChainResult;
  /** Fills, order events, positions and orders checked against each other (see consistency.ts). */
  readonly mismatches: readonly LedgerMismatch[];
  readonly warnings: readonly string[];
}

export interface StatsFilter {
  /** Trades whose exit falls on this market day (YYYY-MM-DD). */
  readonly day?: string;
  readonly sessionId?: string;
}

export interface LedgerStats {
  readonly filter: StatsFilter;
  readonly fills: number;
  readonly openTrades: number;
  readonly currencies: readonly CurrencyReport[];
  readonly gates: Record<string, GateBreakdown>;
}

export type CsvExportKind = 'trades' | 'fills' | 'orders' | 'decisions' | 'audit';

/** One backtest run to save (a replay from the window or `scalpdesk replay --save`, a sweep). */
export interface BacktestRunRecord {
  readonly runId: string;
  readonly kind: string;
  readonly status: string;
  readonly params: unknown;
  readonly result?: unknown;
  readonly finishedUs?: number;
}

/** A saved backtest run with its JSON parsed back. */
export interface BacktestRunRow {
  readonly runId: string;
  readonly kind: string;
  readonly status: string;
  readonly createdUs: number;
  readonly finishedUs: number | null;
  readonly params: unknown;
  readonly result: unknown;
}

export class LedgerIntegrityError extends Error {
  override name = 'LedgerIntegrityError';
}

/** A new version of a preset to store. */
export interface PresetVersionInput {
  readonly presetId: string;
  readonly name: string;
  readonly kind: string;
  readonly body: unknown;
  readonly note?: string;
  readonly actor?: string;
}

/** A trading session to open. */
export interface SessionStart {
  readonly sessionId: string;
  readonly mode: string;
  readonly profile?: string;
  readonly detail?: unknown;
}
