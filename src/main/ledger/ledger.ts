import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Symbol } from '../../shared/domain/ids';
import type { Fill, Order, OrderSource, OrderStatus, Position } from '../../shared/domain/orders';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import { TERMINAL_ORDER_STATUSES } from '../../shared/domain/orderEvents';
import type { Price } from '../../shared/domain/price';
import type { PositionLot, PositionState } from '../trading/oms/positions';
import {
  applyFillToState,
  emptyState,
  openQuantity,
  PositionBook,
  positionKey,
  signedOpenNotional,
} from '../trading/oms/positions';
import type { AuditChainResult, AuditRow } from './auditChain';
import { auditHash, GENESIS_HASH, verifyAuditChain } from './auditChain';
import { canonicalJson } from './canonicalJson';
import { toCsv } from './csv';
import type { JournalRow, JournalTimer } from './journal';
import { memberOf, numberField, realTimer, stringField } from './journal';
import { LATEST_SCHEMA_VERSION, migrate, SchemaVersionError, schemaVersion } from './migrations';
import type { ReconciliationReport } from './reconciliation';
import { comparePositions, describeMismatches } from './reconciliation';
import type { CurrencyReport, DecisionAttributes, GateBreakdown, LedgerFill, Trade } from './tradeAnalytics';
import { buildTrades, currencyReports, gateBreakdown, marketDay, parseGateVerdicts } from './tradeAnalytics';

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

const TERMINAL = [...TERMINAL_ORDER_STATUSES];

/**
 * The ledger: the single SQLite writer (DESIGN "Shape": the ledger worker wraps this class).
 * Durability contract: `recordFill`, `recordOrderEvent`, `recordOrder` and `appendAudit` commit
 * with `synchronous=FULL` in WAL mode before they return, so their return is the acknowledgement
 * that the row survives a process crash or power loss. Journal rows are group-committed at least
 * every 50 ms and may lose the last interval on a crash.
 */
export class Ledger {
  readonly file: string;
  readonly readOnly: boolean;
  readonly startup: StartupReport;
  private readonly db: Database.Database;
  private readonly now: () => number;
  private readonly timer: JournalTimer;
  private readonly journalIntervalMs: number;
  private readonly journalMaxRows: number;
  private readonly instrumentContext: ((symbol: string) => InstrumentContext | undefined) | undefined;
  private readonly book = new PositionBook();
  private journalBuffer: JournalRow[] = [];
  private journalTimer: { cancel(): void } | null = null;
  private currentSessionId: string | null = null;
  private statements: ReturnType<typeof prepareStatements> | null = null;

  private constructor(file: string, db: Database.Database, options: LedgerOptions) {
    this.file = file;
    this.db = db;
    this.readOnly = options.readOnly ?? false;
    this.now = options.now ?? (() => Date.now() * 1000);
    this.timer = options.timer ?? realTimer;
    this.journalIntervalMs = Math.min(50, options.journalIntervalMs ?? 50);
    this.journalMaxRows = options.journalMaxRows ?? 10_000;
    this.instrumentContext = options.instrumentContext;
    this.startup = this.readOnly ? this.inspect() : this.start();
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

  // ---------------------------------------------------------------- start-up

  private start(): StartupReport {
    try {
      return this.startChecked();
    } catch (error) {
      // SQLite reports a damaged file from whichever statement first touches a bad page; say so plainly.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
        throw new LedgerIntegrityError(
          `ledger ${this.file} is damaged (${code}): ${(error as Error).message}`,
        );
      }
      throw error;
    }
  }

  private startChecked(): StartupReport {
    const mode = this.db.pragma('journal_mode = WAL', { simple: true });
    if (mode !== 'wal') throw new Error(`could not switch the ledger to WAL (journal_mode=${String(mode)})`);
    // FULL: every commit fsyncs the WAL before returning. fullfsync makes macOS flush the drive cache
    // too (F_FULLFSYNC); it is a no-op elsewhere.
    this.db.pragma('synchronous = FULL');
    this.db.pragma('fullfsync = ON');
    this.db.pragma('checkpoint_fullfsync = ON');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    const integrity = this.integrityCheck();
    if (integrity.length !== 1 || integrity[0] !== 'ok') {
      throw new LedgerIntegrityError(
        `ledger ${this.file} failed PRAGMA integrity_check: ${integrity.slice(0, 5).join('; ')}`,
      );
    }
    const before = schemaVersion(this.db);
    const applied = migrate(this.db, this.now());
    this.statements = prepareStatements(this.db);
    const rebuild = this.rebuildPositions();
    const report: StartupReport = {
      integrity,
      schemaVersionBefore: before,
      schemaVersion: schemaVersion(this.db),
      migrationsApplied: applied.map((migration) => `${migration.version}: ${migration.name}`),
      fills: rebuild.fills,
      positions: this.book.all().length,
      positionsRepaired: rebuild.repaired,
    };
    this.appendAudit({
      actor: 'ledger',
      action: 'ledger.opened',
      detail: {
        schemaVersion: report.schemaVersion,
        migrationsApplied: report.migrationsApplied,
        fills: report.fills,
        positionsRepaired: report.positionsRepaired.length,
      },
    });
    return report;
  }

  private inspect(): StartupReport {
    this.db.pragma('query_only = ON');
    const version = schemaVersion(this.db);
    if (version > LATEST_SCHEMA_VERSION) {
      throw new SchemaVersionError(
        `ledger schema version ${version} is newer than this build understands (${LATEST_SCHEMA_VERSION})`,
      );
    }
    if (version === LATEST_SCHEMA_VERSION) this.statements = prepareStatements(this.db);
    const fills = version >= 1 ? this.loadFills() : [];
    for (const state of replayFills(fills).values()) this.book.put(state);
    return {
      integrity: [],
      schemaVersionBefore: version,
      schemaVersion: version,
      migrationsApplied: [],
      fills: fills.length,
      positions: this.book.all().length,
      positionsRepaired: [],
    };
  }

  private integrityCheck(): string[] {
    const rows = this.db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    return rows.map((row) => row.integrity_check);
  }

  /** Positions from the fills (the source of truth); stored rows that disagree are rewritten. */
  private rebuildPositions(): { fills: number; repaired: StartupReport['positionsRepaired'] } {
    const fills = this.loadFills();
    const rebuilt = replayFills(fills);
    const stored = new Map<string, { quantity: number; row: PositionRow }>();
    for (const row of this.db.prepare('SELECT * FROM positions').all() as PositionRow[]) {
      stored.set(positionKey(row.symbol, row.source), { quantity: row.quantity, row });
    }
    const repaired: Array<StartupReport['positionsRepaired'][number]> = [];
    const now = this.now();
    this.db
      .transaction(() => {
        for (const [key, state] of rebuilt) {
          const existing = stored.get(key);
          const row = positionRow(state, now);
          const same =
            existing !== undefined &&
            existing.row.quantity === row.quantity &&
            existing.row.open_notional === row.open_notional &&
            existing.row.realised_pnl === row.realised_pnl &&
            existing.row.charges === row.charges &&
            existing.row.lots_json === row.lots_json;
          if (!same) {
            repaired.push({
              symbol: state.symbol,
              source: state.source,
              storedQuantity: existing?.quantity ?? null,
              rebuiltQuantity: row.quantity,
            });
            this.requireStatements().upsertPosition.run(row);
          }
          stored.delete(key);
        }
        for (const [, orphan] of stored) {
          repaired.push({
            symbol: orphan.row.symbol,
            source: orphan.row.source,
            storedQuantity: orphan.quantity,
            rebuiltQuantity: 0,
          });
          this.db
            .prepare('DELETE FROM positions WHERE symbol = ? AND source = ?')
            .run(orphan.row.symbol, orphan.row.source);
        }
      })
      .immediate();
    for (const state of rebuilt.values()) this.book.put(state);
    return { fills: fills.length, repaired };
  }

  // ---------------------------------------------------------------- durable writes

  /** Upserts an order (status `new` when created). Durable on return. */
  recordOrder(order: Order, sessionId: string | null = this.currentSessionId): void {
    this.requireWritable();
    this.requireStatements().upsertOrder.run(orderRow(order, sessionId));
  }

  /**
   * Records an order event and the order after it in one durable transaction; an OrderFilled also
   * records its fill and the position. Returns the position after a fill, else null.
   */
  recordOrderEvent(order: Order, event: OrderEvent, context: FillContext = {}): Position | null {
    this.requireWritable();
    const statements = this.requireStatements();
    let committed: PositionState | null = null;
    this.db
      .transaction(() => {
        statements.upsertOrder.run(orderRow(order, context.sessionId ?? this.currentSessionId));
        statements.insertOrderEvent.run({
          order_id: event.orderId,
          type: event.type,
          ts_event_us: event.tsEvent,
          status_after: order.status,
          payload_json: canonicalJson(event),
        });
        if (event.type === 'OrderFilled') committed = this.writeFill(event.fill, { ...context, order });
      })
      .immediate();
    return this.afterFillCommit(committed);
  }

  /** Records a fill (and the order, when given) and updates the position, durably. Idempotent per fillId. */
  recordFill(fill: Fill, context: FillContext = {}): Position {
    this.requireWritable();
    let committed: PositionState | null = null;
    this.db
      .transaction(() => {
        if (context.order)
          this.requireStatements().upsertOrder.run(
            orderRow(context.order, context.sessionId ?? this.currentSessionId),
          );
        committed = this.writeFill(fill, context);
      })
      .immediate();
    return this.afterFillCommit(committed) ?? (this.book.get(fill.symbol, fill.source) as Position);
  }

  /** Inside a transaction: the fill row, the trade log row and the position row. Null for a duplicate fill. */
  private writeFill(fill: Fill, context: FillContext): PositionState | null {
    const statements = this.requireStatements();
    const instrument = this.instrumentContext?.(fill.symbol);
    const existing = this.book.state(fill.symbol, fill.source);
    const multiplier = context.multiplier ?? instrument?.multiplier ?? existing?.multiplier ?? 1;
    const currency = context.currency ?? instrument?.currency ?? 'XXX';
    const sessionId = context.sessionId ?? this.currentSessionId;
    const decisionId = context.decisionId ?? context.order?.tag ?? null;
    const inserted = statements.insertFill.run({
      fill_id: fill.fillId,
      order_id: fill.orderId,
      session_id: sessionId,
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      multiplier,
      currency,
      ts_event_us: fill.tsEvent,
      source: fill.source,
      charges: fill.charges,
      liquidity: fill.liquidity,
      decision_id: decisionId,
    });
    if (inserted.changes === 0) return null;
    statements.insertTradeLog.run({
      ts_event_us: fill.tsEvent,
      session_id: sessionId,
      fill_id: fill.fillId,
      order_id: fill.orderId,
      symbol: fill.symbol,
      side: fill.side,
      quantity: fill.quantity,
      price: fill.price,
      origin: fill.source,
    });
    const before = existing ?? emptyState(fill.symbol, fill.source, multiplier);
    const next = applyFillToState({ ...before, multiplier }, fill).state;
    statements.upsertPosition.run(positionRow(next, fill.tsEvent));
    return next;
  }

  /** The in-memory book changes only after the transaction committed. */
  private afterFillCommit(state: PositionState | null): Position | null {
    if (state === null) return null;
    this.book.put(state);
    return this.book.get(state.symbol, state.source) ?? null;
  }

  /** Appends a hash-chained audit row, durably. */
  appendAudit(entry: {
    readonly actor: string;
    readonly action: string;
    readonly detail?: unknown;
  }): AuditRow {
    this.requireWritable();
    let row: AuditRow | null = null;
    this.db
      .transaction(() => {
        const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as
          { seq: number; hash: string } | undefined;
        const base = {
          seq: (last?.seq ?? 0) + 1,
          tsUs: Math.trunc(this.now()),
          actor: entry.actor,
          action: entry.action,
          detailJson: canonicalJson(entry.detail ?? {}),
        };
        const prevHash = last?.hash ?? GENESIS_HASH;
        row = { ...base, prevHash, hash: auditHash(prevHash, base) };
        this.db
          .prepare(
            'INSERT INTO audit_log (seq, ts_us, actor, action, detail_json, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
          )
          .run(row.seq, row.tsUs, row.actor, row.action, row.detailJson, row.prevHash, row.hash);
      })
      .immediate();
    return row as unknown as AuditRow;
  }

  // ---------------------------------------------------------------- journal (group commit)

  /** Buffers bulk rows; they are committed together within 50 ms (or at once when the buffer is full). */
  appendJournal(rows: readonly JournalRow[]): void {
    this.requireWritable();
    for (const row of rows) this.journalBuffer.push(row);
    if (this.journalBuffer.length >= this.journalMaxRows) {
      this.flushJournal();
      return;
    }
    if (this.journalTimer === null && this.journalBuffer.length > 0) {
      this.journalTimer = this.timer.schedule(() => {
        this.journalTimer = null;
        this.flushJournal();
      }, this.journalIntervalMs);
    }
  }

  /** Commits every buffered journal row in one transaction; returns how many. */
  flushJournal(): number {
    if (this.journalTimer !== null) {
      this.journalTimer.cancel();
      this.journalTimer = null;
    }
    if (this.journalBuffer.length === 0) return 0;
    const rows = this.journalBuffer;
    this.journalBuffer = [];
    const statements = this.requireStatements();
    const sessionId = this.currentSessionId;
    // Journal rows are never acknowledged one by one, so their commit need not wait for an fsync:
    // NORMAL in WAL mode keeps the database consistent and the rows reach the disk with the next
    // FULL commit (a fill) or checkpoint. Fills and order events always commit under FULL.
    this.db.pragma('synchronous = NORMAL');
    try {
      this.db
        .transaction(() => {
          for (const row of rows) insertJournalRow(statements, row, sessionId);
        })
        .immediate();
    } finally {
      this.db.pragma('synchronous = FULL');
    }
    return rows.length;
  }

  pendingJournalRows(): number {
    return this.journalBuffer.length;
  }

  // ---------------------------------------------------------------- sessions, presets, runs

  startSession(session: {
    readonly sessionId: string;
    readonly mode: string;
    readonly profile?: string;
    readonly detail?: unknown;
  }): void {
    this.requireWritable();
    this.db
      .prepare(
        'INSERT INTO sessions (session_id, mode, profile, started_us, detail_json) VALUES (?, ?, ?, ?, ?)',
      )
      .run(
        session.sessionId,
        session.mode,
        session.profile ?? null,
        Math.trunc(this.now()),
        canonicalJson(session.detail ?? {}),
      );
    this.currentSessionId = session.sessionId;
    this.appendAudit({
      actor: 'ledger',
      action: 'session.started',
      detail: { sessionId: session.sessionId, mode: session.mode },
    });
  }

  endSession(sessionId: string | null = this.currentSessionId): void {
    this.requireWritable();
    if (sessionId === null) return;
    this.db
      .prepare('UPDATE sessions SET ended_us = ? WHERE session_id = ?')
      .run(Math.trunc(this.now()), sessionId);
    if (this.currentSessionId === sessionId) this.currentSessionId = null;
    this.appendAudit({ actor: 'ledger', action: 'session.ended', detail: { sessionId } });
  }

  /** Stores a new version of a preset (presets are never edited in place). Returns the version number. */
  savePresetVersion(preset: {
    readonly presetId: string;
    readonly name: string;
    readonly kind: string;
    readonly body: unknown;
    readonly note?: string;
    readonly actor?: string;
  }): number {
    this.requireWritable();
    const now = Math.trunc(this.now());
    let version = 0;
    this.db
      .transaction(() => {
        const current = this.db
          .prepare('SELECT current_version FROM presets WHERE preset_id = ?')
          .get(preset.presetId) as { current_version: number } | undefined;
        version = (current?.current_version ?? 0) + 1;
        if (current) {
          this.db
            .prepare(
              'UPDATE presets SET name = ?, kind = ?, current_version = ?, updated_us = ? WHERE preset_id = ?',
            )
            .run(preset.name, preset.kind, version, now, preset.presetId);
        } else {
          this.db
            .prepare(
              'INSERT INTO presets (preset_id, name, kind, current_version, created_us, updated_us) VALUES (?, ?, ?, ?, ?, ?)',
            )
            .run(preset.presetId, preset.name, preset.kind, version, now, now);
        }
        this.db
          .prepare(
            'INSERT INTO preset_versions (preset_id, version, body_json, note, created_us) VALUES (?, ?, ?, ?, ?)',
          )
          .run(preset.presetId, version, canonicalJson(preset.body), preset.note ?? null, now);
      })
      .immediate();
    this.appendAudit({
      actor: preset.actor ?? 'trader',
      action: 'preset.saved',
      detail: { presetId: preset.presetId, version },
    });
    return version;
  }

  presetVersions(
    presetId: string,
  ): Array<{ version: number; body: unknown; note: string | null; createdUs: number }> {
    const rows = this.db
      .prepare(
        'SELECT version, body_json, note, created_us FROM preset_versions WHERE preset_id = ? ORDER BY version',
      )
      .all(presetId) as Array<{
      version: number;
      body_json: string;
      note: string | null;
      created_us: number;
    }>;
    return rows.map((row) => ({
      version: row.version,
      body: JSON.parse(row.body_json),
      note: row.note,
      createdUs: row.created_us,
    }));
  }

  recordBacktestRun(run: BacktestRunRecord): void {
    this.requireWritable();
    this.db
      .prepare(
        `INSERT INTO backtest_runs (run_id, kind, status, created_us, finished_us, params_json, result_json)
         VALUES (@run_id, @kind, @status, @created_us, @finished_us, @params_json, @result_json)
         ON CONFLICT (run_id) DO UPDATE SET status = excluded.status, finished_us = excluded.finished_us,
           result_json = excluded.result_json`,
      )
      .run({
        run_id: run.runId,
        kind: run.kind,
        status: run.status,
        created_us: Math.trunc(this.now()),
        finished_us: run.finishedUs ?? null,
        params_json: canonicalJson(run.params),
        result_json: run.result === undefined ? null : canonicalJson(run.result),
      });
  }

  /** Saved backtest runs, newest first (the replay window's table, `replay.listRuns`). */
  backtestRuns(options: { readonly limit?: number; readonly kind?: string } = {}): BacktestRunRow[] {
    const limit = Math.max(1, Math.min(options.limit ?? 50, 10_000));
    const rows = this.db
      .prepare(
        `SELECT run_id, kind, status, created_us, finished_us, params_json, result_json FROM backtest_runs
         WHERE (@kind IS NULL OR kind = @kind) ORDER BY created_us DESC, run_id DESC LIMIT @limit`,
      )
      .all({ kind: options.kind ?? null, limit }) as Array<{
      run_id: string;
      kind: string;
      status: string;
      created_us: number;
      finished_us: number | null;
      params_json: string;
      result_json: string | null;
    }>;
    return rows.map((row) => ({
      runId: row.run_id,
      kind: row.kind,
      status: row.status,
      createdUs: row.created_us,
      finishedUs: row.finished_us,
      params: JSON.parse(row.params_json) as unknown,
      result: row.result_json === null ? null : (JSON.parse(row.result_json) as unknown),
    }));
  }

  /** The trader's note on a logged trade (the manual trade log). */
  annotateTrade(fillId: string, note: string): boolean {
    this.requireWritable();
    return (
      this.db.prepare('UPDATE manual_trade_log SET note = ? WHERE fill_id = ?').run(note, fillId).changes > 0
    );
  }

  /** Stores the day's figures per currency and source ('all' plus each source) in daily_performance. */
  recordDailyPerformance(day: string): number {
    this.requireWritable();
    const trades = this.trades({ day });
    const now = Math.trunc(this.now());
    let rows = 0;
    this.db
      .transaction(() => {
        for (const report of currencyReports(trades)) {
          const groups: Array<[string, (typeof report)['overall']]> = [
            ['all', report.overall],
            ...Object.entries(report.bySource),
          ];
          for (const [source, stats] of groups) {
            this.db
              .prepare(
                `INSERT INTO daily_performance (day, currency, source, trades, wins, losses, gross_pnl, charges, net_pnl,
                   max_drawdown, stats_json, computed_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                 ON CONFLICT (day, currency, source) DO UPDATE SET trades = excluded.trades, wins = excluded.wins,
                   losses = excluded.losses, gross_pnl = excluded.gross_pnl, charges = excluded.charges,
                   net_pnl = excluded.net_pnl, max_drawdown = excluded.max_drawdown, stats_json = excluded.stats_json,
                   computed_us = excluded.computed_us`,
              )
              .run(
                day,
                report.currency,
                source,
                stats.trades,
                stats.wins,
                stats.losses,
                stats.grossPnl,
                stats.charges,
                stats.netPnl,
                stats.maxDrawdown,
                canonicalJson(stats),
                now,
              );
            rows++;
          }
        }
      })
      .immediate();
    return rows;
  }

  // ---------------------------------------------------------------- reconciliation

  /**
   * Compares the ledger's positions with the broker's. A mismatch is stored as an open
   * reconciliation (and audited) and blocks auto-trading until `resolveReconciliation`.
   */
  reconcile(
    brokerPositions: ReadonlyArray<{ readonly symbol: string; readonly quantity: number }>,
  ): ReconciliationReport {
    this.requireWritable();
    const mismatches = comparePositions(this.book.all(), brokerPositions);
    const checkedAtUs = Math.trunc(this.now());
    let reconciliationId = this.openReconciliationId();
    if (mismatches.length > 0) {
      const report = { checkedAtUs, mismatches };
      reconciliationId = Number(
        this.db
          .prepare("INSERT INTO reconciliations (ts_us, status, report_json) VALUES (?, 'open', ?)")
          .run(checkedAtUs, canonicalJson(report)).lastInsertRowid,
      );
      this.appendAudit({
        actor: 'ledger',
        action: 'reconciliation.mismatch',
        detail: { reconciliationId, mismatches },
      });
    }
    const blocks = reconciliationId !== null;
    return {
      ok: mismatches.length === 0,
      blocksAutoTrading: blocks,
      checkedAtUs,
      mismatches,
      reconciliationId,
      detail:
        mismatches.length > 0
          ? describeMismatches(mismatches)
          : blocks
            ? `positions agree now, but reconciliation #${reconciliationId} is unresolved (auto-trading blocked)`
            : describeMismatches(mismatches),
    };
  }

  /** The unresolved reconciliation, if any (it blocks auto-trading across restarts). */
  openReconciliationId(): number | null {
    const row = this.db
      .prepare(
        "SELECT reconciliation_id FROM reconciliations WHERE status = 'open' ORDER BY reconciliation_id LIMIT 1",
      )
      .get() as { reconciliation_id: number } | undefined;
    return row?.reconciliation_id ?? null;
  }

  /** The trader resolves every open reconciliation (after fixing positions at the broker or accepting the ledger). */
  resolveReconciliation(resolution: { readonly actor: string; readonly note: string }): number {
    this.requireWritable();
    const now = Math.trunc(this.now());
    const ids = (
      this.db.prepare("SELECT reconciliation_id FROM reconciliations WHERE status = 'open'").all() as Array<{
        reconciliation_id: number;
      }>
    ).map((row) => row.reconciliation_id);
    if (ids.length === 0) return 0;
    this.db
      .prepare(
        "UPDATE reconciliations SET status = 'resolved', resolution_json = ?, resolved_us = ? WHERE status = 'open'",
      )
      .run(canonicalJson(resolution), now);
    this.appendAudit({
      actor: resolution.actor,
      action: 'reconciliation.resolved',
      detail: { reconciliationIds: ids, note: resolution.note },
    });
    return ids.length;
  }

  // ---------------------------------------------------------------- reads

  loadPositions(): Position[] {
    return this.book.all();
  }

  positionStates(): PositionState[] {
    return this.book.allStates();
  }

  loadOrders(options: { readonly openOnly: boolean } = { openOnly: false }): Order[] {
    const sql = options.openOnly
      ? `SELECT * FROM orders WHERE status NOT IN (${TERMINAL.map(() => '?').join(', ')}) ORDER BY created_us, order_id`
      : 'SELECT * FROM orders ORDER BY created_us, order_id';
    const rows = (
      options.openOnly ? this.db.prepare(sql).all(...TERMINAL) : this.db.prepare(sql).all()
    ) as OrderRow[];
    return rows.map(orderFromRow);
  }

  orderEvents(orderId: string): Array<{ type: string; statusAfter: OrderStatus; event: OrderEvent }> {
    const rows = this.db
      .prepare('SELECT type, status_after, payload_json FROM order_events WHERE order_id = ? ORDER BY seq')
      .all(orderId) as Array<{ type: string; status_after: OrderStatus; payload_json: string }>;
    return rows.map((row) => ({
      type: row.type,
      statusAfter: row.status_after,
      event: JSON.parse(row.payload_json) as OrderEvent,
    }));
  }

  countFills(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM fills').get() as { n: number }).n;
  }

  fillIds(): Set<string> {
    return new Set(
      (this.db.prepare('SELECT fill_id FROM fills').all() as Array<{ fill_id: string }>).map(
        (row) => row.fill_id,
      ),
    );
  }

  loadFills(): LedgerFill[] {
    return (this.db.prepare('SELECT * FROM fills ORDER BY seq').all() as FillRow[]).map(fillFromRow);
  }

  journalCounts(): Record<'decisions' | 'signals' | 'alerts' | 'ticks', number> {
    const count = (table: string): number =>
      (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      decisions: count('decisions'),
      signals: count('signals'),
      alerts: count('alerts'),
      ticks: count('ticks'),
    };
  }

  // ---------------------------------------------------------------- verification

  /** Integrity check plus the audit chain; names the first bad audit row. */
  verify(): VerifyReport {
    const integrity = this.integrityCheck();
    const version = schemaVersion(this.db);
    const warnings: string[] = [];
    if (version === 0) {
      return {
        ok: false,
        integrity,
        schemaVersion: 0,
        audit: { ok: false, rows: 0, headHash: GENESIS_HASH },
        warnings: ['not a Scalpdesk ledger (schema version 0)'],
      };
    }
    const triggers = new Set(
      (
        this.db
          .prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'")
          .all() as Array<{ name: string }>
      ).map((row) => row.name),
    );
    for (const name of ['audit_log_no_update', 'audit_log_no_delete']) {
      if (!triggers.has(name))
        warnings.push(`trigger ${name} is missing: the audit log is no longer append-only by schema`);
    }
    const rows = this.db
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
    return { ok: integrityOk && audit.ok, integrity, schemaVersion: version, audit, warnings };
  }

  // ---------------------------------------------------------------- analytics

  /** Round-trip trades built from every fill (positions carry across days), then filtered. */
  trades(filter: StatsFilter = {}): Trade[] {
    this.requireLatestSchema();
    const fills = this.loadFills();
    const { closed } = buildTrades(fills, this.decisionAttributes());
    return closed.filter(
      (trade) =>
        (filter.day === undefined || trade.day === filter.day) &&
        (filter.sessionId === undefined || trade.sessionId === filter.sessionId),
    );
  }

  stats(filter: StatsFilter = {}): LedgerStats {
    this.requireLatestSchema();
    const fills = this.loadFills();
    const built = buildTrades(fills, this.decisionAttributes());
    const trades = built.closed.filter(
      (trade) =>
        (filter.day === undefined || trade.day === filter.day) &&
        (filter.sessionId === undefined || trade.sessionId === filter.sessionId),
    );
    const dayCurrency = fills[0]?.currency ?? 'XXX';
    const decisions = (
      this.db
        .prepare('SELECT decision_id, ts_event_us, session_id, gates_json FROM decisions ORDER BY seq')
        .all() as Array<{
        decision_id: string | null;
        ts_event_us: number;
        session_id: string | null;
        gates_json: string;
      }>
    )
      .filter(
        (row) =>
          (filter.day === undefined || marketDay(dayCurrency, row.ts_event_us) === filter.day) &&
          (filter.sessionId === undefined || row.session_id === filter.sessionId),
      )
      .map((row) => ({ decisionId: row.decision_id, gates: parseGateVerdicts(safeParse(row.gates_json)) }));
    return {
      filter,
      fills: fills.length,
      openTrades: built.open,
      currencies: currencyReports(trades),
      gates: gateBreakdown(decisions, trades),
    };
  }

  exportCsv(kind: CsvExportKind, filter: StatsFilter = {}): string {
    switch (kind) {
      case 'trades': {
        const columns = [
          'tradeId',
          'symbol',
          'source',
          'currency',
          'direction',
          'sessionId',
          'entryTsUs',
          'exitTsUs',
          'day',
          'quantity',
          'entryNotional',
          'grossPnl',
          'charges',
          'netPnl',
          'returnOnNotional',
          'decisionId',
          'signal',
          'regime',
          'fills',
        ];
        return toCsv(columns, this.trades(filter) as unknown as Array<Record<string, unknown>>);
      }
      case 'fills':
        return tableCsv(this.db, 'SELECT * FROM fills ORDER BY seq', this.onMarketDay(filter, 'ts_event_us'));
      case 'orders':
        return tableCsv(
          this.db,
          'SELECT * FROM orders ORDER BY created_us, order_id',
          this.onMarketDay(filter, 'created_us'),
        );
      case 'decisions':
        return tableCsv(
          this.db,
          'SELECT * FROM decisions ORDER BY seq',
          this.onMarketDay(filter, 'ts_event_us'),
        );
      case 'audit':
        return tableCsv(this.db, 'SELECT * FROM audit_log ORDER BY seq', this.onMarketDay(filter, 'ts_us'));
    }
  }

  /**
   * Row filter for `--day` on a table export: the row's time column falls on that market day, in the
   * time zone of the row's currency (fills) or of the ledger's first fill (the market it trades).
   */
  private onMarketDay(
    filter: StatsFilter,
    timeColumn: string,
  ): ((row: Record<string, unknown>) => boolean) | undefined {
    const day = filter.day;
    if (day === undefined) return undefined;
    const first = this.db.prepare('SELECT currency FROM fills ORDER BY seq LIMIT 1').get() as
      { currency: string } | undefined;
    const ledgerCurrency = first?.currency ?? 'XXX';
    return (row) =>
      marketDay(typeof row.currency === 'string' ? row.currency : ledgerCurrency, Number(row[timeColumn])) ===
      day;
  }

  private decisionAttributes(): Map<string, DecisionAttributes> {
    const rows = this.db
      .prepare(
        `SELECT decision_id, signal, regime FROM decisions
         WHERE decision_id IN (SELECT DISTINCT decision_id FROM fills WHERE decision_id IS NOT NULL) ORDER BY seq`,
      )
      .all() as Array<{ decision_id: string; signal: string | null; regime: string | null }>;
    const map = new Map<string, DecisionAttributes>();
    for (const row of rows)
      if (!map.has(row.decision_id)) map.set(row.decision_id, { signal: row.signal, regime: row.regime });
    return map;
  }

  // ---------------------------------------------------------------- lifecycle

  /** Commits pending journal rows and closes the database. */
  close(): void {
    if (!this.readOnly && this.statements) this.flushJournal();
    this.db.close();
  }

  /** The raw connection, for tests that must tamper with the file and for the bench. */
  get database(): Database.Database {
    return this.db;
  }

  private requireWritable(): void {
    if (this.readOnly) throw new Error('the ledger is open read-only');
  }

  private requireStatements(): ReturnType<typeof prepareStatements> {
    if (!this.statements)
      throw new SchemaVersionError(
        `ledger schema is older than ${LATEST_SCHEMA_VERSION}; open it with the workstation to migrate`,
      );
    return this.statements;
  }

  private requireLatestSchema(): void {
    this.requireStatements();
  }
}

// ------------------------------------------------------------------ rows and statements

interface OrderRow {
  order_id: string;
  session_id: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  type: Order['type'];
  quantity: number;
  limit_price: number | null;
  stop_price: number | null;
  time_in_force: Order['timeInForce'];
  reduce_only: number;
  source: OrderSource;
  client_order_id: string | null;
  tag: string | null;
  status: OrderStatus;
  filled_quantity: number;
  filled_notional: number;
  reject_reason: string | null;
  created_us: number;
  updated_us: number;
}

interface FillRow {
  seq: number;
  fill_id: string;
  order_id: string;
  session_id: string | null;
  symbol: string;
  side: 'buy' | 'sell';
  quantity: number;
  price: number;
  multiplier: number;
  currency: string;
  ts_event_us: number;
  source: OrderSource;
  charges: number;
  liquidity: 'taker' | 'maker';
  decision_id: string | null;
}

interface PositionRow {
  symbol: string;
  source: OrderSource;
  quantity: number;
  open_notional: number;
  realised_pnl: number;
  charges: number;
  multiplier: number;
  lots_json: string;
  updated_us: number;
}

function prepareStatements(db: Database.Database) {
  return {
    upsertOrder: db.prepare(
      `INSERT INTO orders (order_id, session_id, symbol, side, type, quantity, limit_price, stop_price, time_in_force,
         reduce_only, source, client_order_id, tag, status, filled_quantity, filled_notional, reject_reason, created_us, updated_us)
       VALUES (@order_id, @session_id, @symbol, @side, @type, @quantity, @limit_price, @stop_price, @time_in_force,
         @reduce_only, @source, @client_order_id, @tag, @status, @filled_quantity, @filled_notional, @reject_reason, @created_us, @updated_us)
       ON CONFLICT (order_id) DO UPDATE SET quantity = excluded.quantity, limit_price = excluded.limit_price,
         stop_price = excluded.stop_price, status = excluded.status, filled_quantity = excluded.filled_quantity,
         filled_notional = excluded.filled_notional, reject_reason = excluded.reject_reason, updated_us = excluded.updated_us,
         session_id = COALESCE(orders.session_id, excluded.session_id)`,
    ),
    insertOrderEvent: db.prepare(
      `INSERT INTO order_events (order_id, type, ts_event_us, status_after, payload_json)
       VALUES (@order_id, @type, @ts_event_us, @status_after, @payload_json)`,
    ),
    insertFill: db.prepare(
      `INSERT OR IGNORE INTO fills (fill_id, order_id, session_id, symbol, side, quantity, price, multiplier, currency,
         ts_event_us, source, charges, liquidity, decision_id)
       VALUES (@fill_id, @order_id, @session_id, @symbol, @side, @quantity, @price, @multiplier, @currency,
         @ts_event_us, @source, @charges, @liquidity, @decision_id)`,
    ),
    insertTradeLog: db.prepare(
      `INSERT OR IGNORE INTO manual_trade_log (ts_event_us, session_id, fill_id, order_id, symbol, side, quantity, price, origin)
       VALUES (@ts_event_us, @session_id, @fill_id, @order_id, @symbol, @side, @quantity, @price, @origin)`,
    ),
    upsertPosition: db.prepare(
      `INSERT INTO positions (symbol, source, quantity, open_notional, realised_pnl, charges, multiplier, lots_json, updated_us)
       VALUES (@symbol, @source, @quantity, @open_notional, @realised_pnl, @charges, @multiplier, @lots_json, @updated_us)
       ON CONFLICT (symbol, source) DO UPDATE SET quantity = excluded.quantity, open_notional = excluded.open_notional,
         realised_pnl = excluded.realised_pnl, charges = excluded.charges, multiplier = excluded.multiplier,
         lots_json = excluded.lots_json, updated_us = excluded.updated_us`,
    ),
    // Journal statements bind positionally: about a quarter faster than named parameters, which
    // matters at 100,000+ rows per second.
    insertDecision: db.prepare(
      `INSERT INTO decisions (decision_id, ts_event_us, session_id, symbol, kind, signal, regime, side, action, gates_json,
         indicators_json, options_context_json, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSignal: db.prepare(
      `INSERT INTO signals (ts_event_us, session_id, symbol, name, side, confidence, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertAlert: db.prepare(
      `INSERT INTO alerts (alert_id, ts_event_us, session_id, severity, kind, message, detail_json) VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertTick: db.prepare(`INSERT INTO ticks (ts_event_us, symbol, type, payload_json) VALUES (?, ?, ?, ?)`),
  };
}

function insertJournalRow(
  statements: ReturnType<typeof prepareStatements>,
  row: JournalRow,
  currentSession: string | null,
): void {
  const data = row.data;
  const ts = Math.trunc(row.tsEvent);
  const sessionId = stringField(data, 'sessionId') ?? currentSession;
  switch (row.table) {
    case 'decisions': {
      const signal = memberOf(data, 'signal');
      const optionsContext = memberOf(data, 'optionsContext', 'options');
      statements.insertDecision.run(
        stringField(data, 'decisionId', 'id'),
        ts,
        sessionId,
        stringField(data, 'symbol'),
        stringField(data, 'kind'),
        typeof signal === 'string' ? signal : stringField(signal, 'name', 'kind', 'type'),
        stringField(data, 'regime') ?? stringField(memberOf(data, 'regime'), 'name', 'kind'),
        stringField(data, 'side', 'direction'),
        stringField(data, 'action', 'outcome', 'verdict'),
        safeJson(memberOf(data, 'gates', 'gateVerdicts') ?? []),
        safeJson(memberOf(data, 'indicators', 'indicatorSnapshot') ?? {}),
        optionsContext === undefined || optionsContext === null ? null : safeJson(optionsContext),
        // The JSON columns hold gates, indicators and options context; detail_json keeps the rest.
        safeJson(withoutMembers(data, DECISION_JSON_MEMBERS)),
      );
      return;
    }
    case 'signals':
      statements.insertSignal.run(
        ts,
        sessionId,
        stringField(data, 'symbol'),
        stringField(data, 'name', 'signal', 'kind', 'type'),
        stringField(data, 'side', 'direction'),
        numberField(data, 'confidence'),
        safeJson(data),
      );
      return;
    case 'alerts':
      statements.insertAlert.run(
        stringField(data, 'alertId', 'id'),
        ts,
        sessionId,
        stringField(data, 'severity', 'level'),
        stringField(data, 'kind', 'type'),
        stringField(data, 'message', 'text'),
        safeJson(data),
      );
      return;
    case 'ticks':
      statements.insertTick.run(ts, stringField(data, 'symbol'), stringField(data, 'type'), safeJson(data));
      return;
  }
}

const DECISION_JSON_MEMBERS = new Set([
  'gates',
  'gateVerdicts',
  'indicators',
  'indicatorSnapshot',
  'optionsContext',
  'options',
]);

function withoutMembers(data: unknown, members: ReadonlySet<string>): unknown {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return data;
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) if (!members.has(key)) rest[key] = value;
  return rest;
}

/**
 * JSON that never throws (a bad payload must not lose the whole batch). Plain JSON.stringify, not
 * the canonical form: journal rows are not hashed, and key sorting would halve the journal rate.
 */
function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch (error) {
    return JSON.stringify({ unserialisable: String(error instanceof Error ? error.message : error) });
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function orderRow(order: Order, sessionId: string | null): OrderRow {
  return {
    order_id: order.orderId,
    session_id: sessionId,
    symbol: order.symbol,
    side: order.side,
    type: order.type,
    quantity: order.quantity,
    limit_price: order.limitPrice ?? null,
    stop_price: order.stopPrice ?? null,
    time_in_force: order.timeInForce,
    reduce_only: order.reduceOnly ? 1 : 0,
    source: order.source,
    client_order_id: order.clientOrderId ?? null,
    tag: order.tag ?? null,
    status: order.status,
    filled_quantity: order.filledQuantity,
    filled_notional: order.filledNotional,
    reject_reason: order.rejectReason ?? null,
    created_us: order.tsCreated,
    updated_us: order.tsUpdated,
  };
}

function orderFromRow(row: OrderRow): Order {
  const order: Record<string, unknown> = {
    orderId: row.order_id,
    symbol: row.symbol,
    side: row.side,
    type: row.type,
    quantity: row.quantity,
    timeInForce: row.time_in_force,
    reduceOnly: row.reduce_only === 1,
    source: row.source,
    status: row.status,
    filledQuantity: row.filled_quantity,
    filledNotional: row.filled_notional,
    tsCreated: row.created_us,
    tsUpdated: row.updated_us,
  };
  if (row.limit_price !== null) order.limitPrice = row.limit_price;
  if (row.stop_price !== null) order.stopPrice = row.stop_price;
  if (row.client_order_id !== null) order.clientOrderId = row.client_order_id;
  if (row.tag !== null) order.tag = row.tag;
  if (row.reject_reason !== null) order.rejectReason = row.reject_reason;
  return order as unknown as Order;
}

function fillFromRow(row: FillRow): LedgerFill {
  return {
    seq: row.seq,
    fillId: row.fill_id,
    orderId: row.order_id,
    sessionId: row.session_id,
    symbol: row.symbol,
    side: row.side,
    quantity: row.quantity,
    price: row.price,
    multiplier: row.multiplier,
    currency: row.currency,
    tsEventUs: row.ts_event_us,
    source: row.source,
    charges: row.charges,
    liquidity: row.liquidity,
    decisionId: row.decision_id,
  };
}

function positionRow(state: PositionState, updatedUs: number): PositionRow {
  const quantity = openQuantity(state.lots);
  return {
    symbol: state.symbol,
    source: state.source,
    quantity,
    open_notional: signedOpenNotional(state.lots),
    realised_pnl: state.realisedPnl,
    charges: state.charges,
    multiplier: state.multiplier,
    lots_json: canonicalJson(state.lots.map((lot: PositionLot) => [lot.price, lot.quantity])),
    updated_us: Math.trunc(updatedUs),
  };
}

/** Replays fills in ledger order into position states (the rebuild that start-up and tests use). */
export function replayFills(fills: readonly LedgerFill[]): Map<string, PositionState> {
  const book = new PositionBook();
  for (const fill of fills) {
    book.applyFill(
      {
        symbol: fill.symbol as Symbol,
        source: fill.source,
        side: fill.side,
        quantity: fill.quantity,
        price: fill.price as Price,
        charges: fill.charges,
      },
      fill.multiplier,
    );
  }
  const states = new Map<string, PositionState>();
  for (const state of book.allStates()) states.set(positionKey(state.symbol, state.source), state);
  return states;
}

function tableCsv(
  db: Database.Database,
  sql: string,
  keep: (row: Record<string, unknown>) => boolean = () => true,
): string {
  const statement = db.prepare(sql);
  const columns = statement.columns().map((column) => column.name);
  return toCsv(columns, (statement.all() as Array<Record<string, unknown>>).filter(keep));
}
