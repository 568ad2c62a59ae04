import fs from 'node:fs';
import type { AnalyticsFilter, LedgerAnalyticsReport } from './analyticsReport';
import { analyticsReport } from './analyticsReport';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Fill, Order, OrderStatus, Position } from '../../shared/domain/orders';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { PositionState } from '../trading/oms/positions';
import { PositionBook } from '../trading/oms/positions';
import type { AuditRow } from './auditChain';
import { appendAudit, verifyLedger } from './auditLog';
import {
  annotateTrade,
  backtestRuns,
  endSession,
  presetVersions,
  recordBacktestRun,
  savePresetVersion,
  startSession,
} from './catalog';
import {
  countFills,
  fillIds,
  loadFills,
  loadOrders,
  orderEvents,
  recordFill,
  recordOrder,
  recordOrderEvent,
} from './fills';
import type { JournalRow } from './journal';
import { realTimer } from './journal';
import { appendJournal, flushJournal, journalCounts } from './journalWriter';
import type { LedgerCore } from './ledgerCore';
import type {
  BacktestRunRecord,
  BacktestRunRow,
  CsvExportKind,
  FillContext,
  LedgerOptions,
  LedgerStats,
  PresetVersionInput,
  SessionStart,
  StartupReport,
  StatsFilter,
  VerifyReport,
} from './ledgerTypes';
import { inspectLedger, startLedger } from './lifecycle';
import type { OrderWrite, OrderWriteOutcome, OrderWriteStats } from './orderWrites';
import { recordOrderWrites } from './orderWrites';
import type { ReconciliationReport } from './reconciliation';
import { openReconciliationId, reconcilePositions, resolveReconciliation } from './reconciliationLog';
import { exportCsv, ledgerStats, loadTrades, recordDailyPerformance } from './reports';
import type { LedgerFill, Trade } from './tradeAnalytics';
import type { BrokerWorkingOrder } from './workingOrderReconciliation';

export type {
  BacktestRunRecord,
  BacktestRunRow,
  CsvExportKind,
  FillContext,
  InstrumentContext,
  LedgerOptions,
  LedgerStats,
  StartupReport,
  StatsFilter,
  VerifyReport,
} from './ledgerTypes';
export { LedgerIntegrityError } from './ledgerTypes';
export { replayFills } from './ledgerRows';

/**
 * The ledger: the single SQLite writer (the ledger worker wraps this class).
 * Durability contract: `recordFill`, `recordOrderEvent`, `recordOrder`, `recordOrderWrites` (a batch
 * in one transaction) and `appendAudit` commit with `synchronous=FULL` in WAL mode before they
 * return, so their return is the acknowledgement that the rows survive a process crash or power loss. Journal rows are group-committed at least
 * every 50 ms and may lose the last interval on a crash.
 *
 * This class is the one entry point; the work lives by job in lifecycle.ts (open, migrate, rebuild),
 * fills.ts (orders, events, fills), orderWrites.ts (batches of them), auditLog.ts (audit chain,
 * verify), journalWriter.ts (group commit), catalog.ts (sessions, presets, runs),
 * reconciliationLog.ts and reports.ts, all over one `LedgerCore`.
 */
export class Ledger {
  readonly file: string;
  readonly readOnly: boolean;
  readonly startup: StartupReport;
  private readonly core: LedgerCore;

  private constructor(file: string, db: Database.Database, options: LedgerOptions) {
    this.file = file;
    this.readOnly = options.readOnly ?? false;
    this.core = {
      file,
      db,
      readOnly: this.readOnly,
      now: options.now ?? (() => Date.now() * 1000),
      timer: options.timer ?? realTimer,
      journalIntervalMs: Math.min(50, options.journalIntervalMs ?? 50),
      journalMaxRows: options.journalMaxRows ?? 10_000,
      instrumentContext: options.instrumentContext,
      book: new PositionBook(),
      journalBuffer: [],
      journalTimer: null,
      currentSessionId: null,
      statements: null,
      orderWriteStats: { transactions: 0, writes: 0 },
      mismatches: [],
    };
    this.startup = this.readOnly ? inspectLedger(this.core) : startLedger(this.core);
  }

  /** Opens (creating if needed) the ledger: integrity check, migrations, position rebuild. */
  static open(file: string, options: LedgerOptions = {}): Ledger {
    if (!options.readOnly) fs.mkdirSync(path.dirname(file), { recursive: true });
    else if (!fs.existsSync(file)) throw new Error(`no ledger at ${file}`);
    const db = new Database(file, {
      readonly: options.readOnly ?? false,
      fileMustExist: options.readOnly ?? false,
    });
    try {
      return new Ledger(file, db, options);
    } catch (error) {
      db.close();
      throw error;
    }
  }

  // ---------------------------------------------------------------- durable writes

  /** Upserts an order (status `new` when created). Durable on return. */
  recordOrder(order: Order, sessionId: string | null = this.core.currentSessionId): void {
    recordOrder(this.core, order, sessionId);
  }

  /**
   * Records an order event and the order after it in one durable transaction; an OrderFilled also
   * records its fill and the position. Returns the position after a fill, else null.
   */
  recordOrderEvent(order: Order, event: OrderEvent, context: FillContext = {}): Position | null {
    return recordOrderEvent(this.core, order, event, context);
  }

  /**
   * Records the OMS's writes queued together (the core's journal) in one durable transaction; each
   * write's outcome is null, or why it alone was refused (the others still commit).
   */
  recordOrderWrites(writes: readonly OrderWrite[]): OrderWriteOutcome[] {
    return recordOrderWrites(this.core, writes);
  }

  /** Batches and writes `recordOrderWrites` committed since opening. */
  orderWriteStats(): OrderWriteStats {
    return this.core.orderWriteStats;
  }

  /** Records a fill (and the order, when given) and updates the position, durably. Idempotent per fillId. */
  recordFill(fill: Fill, context: FillContext = {}): Position {
    return recordFill(this.core, fill, context);
  }

  /** Appends a hash-chained audit row, durably. */
  appendAudit(entry: {
    readonly actor: string;
    readonly action: string;
    readonly detail?: unknown;
  }): AuditRow {
    return appendAudit(this.core, entry);
  }

  // ---------------------------------------------------------------- journal (group commit)

  /** Buffers bulk rows; they are committed together within 50 ms (or at once when the buffer is full). */
  appendJournal(rows: readonly JournalRow[]): void {
    appendJournal(this.core, rows);
  }

  /** Commits every buffered journal row in one transaction; returns how many. */
  flushJournal(): number {
    return flushJournal(this.core);
  }

  pendingJournalRows(): number {
    return this.core.journalBuffer.length;
  }

  journalCounts(): Record<'decisions' | 'signals' | 'alerts' | 'ticks', number> {
    return journalCounts(this.core);
  }

  // ---------------------------------------------------------------- sessions, presets, runs

  startSession(session: SessionStart): void {
    startSession(this.core, session);
  }

  endSession(sessionId: string | null = this.core.currentSessionId): void {
    endSession(this.core, sessionId);
  }

  /** Stores a new version of a preset (presets are never edited in place). Returns the version number. */
  savePresetVersion(preset: PresetVersionInput): number {
    return savePresetVersion(this.core, preset);
  }

  presetVersions(
    presetId: string,
  ): Array<{ version: number; body: unknown; note: string | null; createdUs: number }> {
    return presetVersions(this.core, presetId);
  }

  recordBacktestRun(run: BacktestRunRecord): void {
    recordBacktestRun(this.core, run);
  }

  /** Saved backtest runs, newest first (the replay window's table, `replay.listRuns`). */
  backtestRuns(options: { readonly limit?: number; readonly kind?: string } = {}): BacktestRunRow[] {
    return backtestRuns(this.core, options);
  }

  /** The trader's note on a logged trade (the manual trade log). */
  annotateTrade(fillId: string, note: string): boolean {
    return annotateTrade(this.core, fillId, note);
  }

  /** Stores the day's figures per currency and source ('all' plus each source) in daily_performance. */
  recordDailyPerformance(day: string): number {
    return recordDailyPerformance(this.core, day);
  }

  // ---------------------------------------------------------------- reconciliation

  /**
   * Compares the ledger's positions with the broker's and, when the broker's working orders are
   * given, the ledger's working orders with them. A mismatch is stored as an open reconciliation
   * (and audited) and blocks auto-trading until `resolveReconciliation`.
   */
  reconcile(
    brokerPositions: ReadonlyArray<{ readonly symbol: string; readonly quantity: number }>,
    brokerWorkingOrders?: readonly BrokerWorkingOrder[],
  ): ReconciliationReport {
    return reconcilePositions(this.core, brokerPositions, brokerWorkingOrders);
  }

  /** The unresolved reconciliation, if any (it blocks auto-trading across restarts). */
  openReconciliationId(): number | null {
    return openReconciliationId(this.core);
  }

  /** The trader resolves every open reconciliation (after fixing positions at the broker or accepting the ledger). */
  resolveReconciliation(resolution: { readonly actor: string; readonly note: string }): number {
    return resolveReconciliation(this.core, resolution);
  }

  // ---------------------------------------------------------------- reads

  loadPositions(): Position[] {
    return this.core.book.all();
  }

  positionStates(): PositionState[] {
    return this.core.book.allStates();
  }

  loadOrders(options: { readonly openOnly: boolean } = { openOnly: false }): Order[] {
    return loadOrders(this.core, options);
  }

  orderEvents(orderId: string): Array<{ type: string; statusAfter: OrderStatus; event: OrderEvent }> {
    return orderEvents(this.core, orderId);
  }

  countFills(): number {
    return countFills(this.core);
  }

  fillIds(): Set<string> {
    return fillIds(this.core);
  }

  loadFills(): LedgerFill[] {
    return loadFills(this.core);
  }

  /** Integrity check plus the audit chain; names the first bad audit row. */
  verify(): VerifyReport {
    return verifyLedger(this.core);
  }

  /** Round-trip trades built from every fill (positions carry across days), then filtered. */
  trades(filter: StatsFilter = {}): Trade[] {
    return loadTrades(this.core, filter);
  }

  stats(filter: StatsFilter = {}): LedgerStats {
    return ledgerStats(this.core, filter);
  }

  exportCsv(kind: CsvExportKind, filter: StatsFilter = {}): string {
    return exportCsv(this.core, kind, filter);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Commits pending journal rows and closes the database. */
  /** The analytics window's report (issue 13). */
  analyticsReport(filter: AnalyticsFilter): LedgerAnalyticsReport {
    return analyticsReport(this.core, filter);
  }

  close(): void {
    if (!this.readOnly && this.core.statements) flushJournal(this.core);
    this.core.db.close();
  }

  /** The raw connection, for tests that must tamper with the file and for the bench. */
  get database(): Database.Database {
    return this.core.db;
  }
}
