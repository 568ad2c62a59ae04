import type Database from 'better-sqlite3';
import { chainExistingRows } from './rowChains';

/**
 * Versioned schema migrations. Each runs once, in its own transaction, and is recorded in
 * `schema_version` (history) and `PRAGMA user_version` (the fast check). Migrations are only ever
 * appended: an installed ledger replays the ones it has not seen. Tables are STRICT so a wrong type
 * is an error, not a silent coercion; money and prices are INTEGER minor units.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly statements: readonly string[];
  /** Data work after the statements, in the same transaction (e.g. chaining rows already written). */
  readonly backfill?: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'trading core: sessions, orders, order events, fills, positions, audit log',
    statements: [
      `CREATE TABLE schema_version (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_us INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE sessions (
        session_id TEXT PRIMARY KEY,
        mode TEXT NOT NULL,
        profile TEXT,
        started_us INTEGER NOT NULL,
        ended_us INTEGER,
        detail_json TEXT NOT NULL DEFAULT '{}'
      ) STRICT`,
      `CREATE TABLE orders (
        order_id TEXT PRIMARY KEY,
        session_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        type TEXT NOT NULL CHECK (type IN ('market', 'limit', 'stop', 'stopLimit')),
        quantity INTEGER NOT NULL,
        limit_price INTEGER,
        stop_price INTEGER,
        time_in_force TEXT NOT NULL,
        reduce_only INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'auto', 'replay')),
        client_order_id TEXT,
        tag TEXT,
        status TEXT NOT NULL,
        filled_quantity INTEGER NOT NULL,
        filled_notional INTEGER NOT NULL,
        reject_reason TEXT,
        created_us INTEGER NOT NULL,
        updated_us INTEGER NOT NULL
      ) STRICT`,
      `CREATE INDEX orders_status ON orders (status)`,
      `CREATE TABLE order_events (
        seq INTEGER PRIMARY KEY,
        order_id TEXT NOT NULL,
        type TEXT NOT NULL,
        ts_event_us INTEGER NOT NULL,
        status_after TEXT NOT NULL,
        payload_json TEXT NOT NULL
      ) STRICT`,
      `CREATE INDEX order_events_order ON order_events (order_id, seq)`,
      `CREATE TABLE fills (
        seq INTEGER PRIMARY KEY,
        fill_id TEXT NOT NULL UNIQUE,
        order_id TEXT NOT NULL,
        session_id TEXT,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL CHECK (side IN ('buy', 'sell')),
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        price INTEGER NOT NULL,
        multiplier INTEGER NOT NULL CHECK (multiplier > 0),
        currency TEXT NOT NULL,
        ts_event_us INTEGER NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('manual', 'auto', 'replay')),
        charges INTEGER NOT NULL,
        liquidity TEXT NOT NULL CHECK (liquidity IN ('taker', 'maker')),
        decision_id TEXT
      ) STRICT`,
      `CREATE INDEX fills_time ON fills (ts_event_us)`,
      `CREATE INDEX fills_order ON fills (order_id)`,
      `CREATE TABLE positions (
        symbol TEXT NOT NULL,
        source TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        open_notional INTEGER NOT NULL,
        realised_pnl INTEGER NOT NULL,
        charges INTEGER NOT NULL,
        multiplier INTEGER NOT NULL,
        lots_json TEXT NOT NULL,
        updated_us INTEGER NOT NULL,
        PRIMARY KEY (symbol, source)
      ) STRICT`,
      `CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        ts_us INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        detail_json TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
      ) STRICT`,
      // Append-only by construction; the hash chain catches edits made around these triggers.
      `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
      `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END`,
    ],
  },
  {
    version: 2,
    name: 'journal and analytics: signals, decisions, ticks, alerts, performance, presets, backtests, trade log, reconciliations',
    statements: [
      `CREATE TABLE signals (
        seq INTEGER PRIMARY KEY,
        ts_event_us INTEGER NOT NULL,
        session_id TEXT,
        symbol TEXT,
        name TEXT,
        side TEXT,
        confidence REAL,
        detail_json TEXT NOT NULL
      ) STRICT`,
      `CREATE TABLE decisions (
        seq INTEGER PRIMARY KEY,
        decision_id TEXT,
        ts_event_us INTEGER NOT NULL,
        session_id TEXT,
        symbol TEXT,
        kind TEXT,
        signal TEXT,
        regime TEXT,
        side TEXT,
        action TEXT,
        gates_json TEXT NOT NULL DEFAULT '[]',
        indicators_json TEXT NOT NULL DEFAULT '{}',
        options_context_json TEXT,
        detail_json TEXT NOT NULL
      ) STRICT`,
      // No secondary index: decisions arrive in time order (seq) at up to 100,000+ rows/s, and an
      // index on decision_id cost a quarter of that rate. Analytics scan the table once anyway.
      `CREATE TABLE ticks (
        seq INTEGER PRIMARY KEY,
        ts_event_us INTEGER NOT NULL,
        symbol TEXT,
        type TEXT,
        payload_json TEXT NOT NULL
      ) STRICT`,
      `CREATE TABLE alerts (
        seq INTEGER PRIMARY KEY,
        alert_id TEXT,
        ts_event_us INTEGER NOT NULL,
        session_id TEXT,
        severity TEXT,
        kind TEXT,
        message TEXT,
        detail_json TEXT NOT NULL,
        acknowledged_us INTEGER
      ) STRICT`,
      `CREATE TABLE daily_performance (
        day TEXT NOT NULL,
        currency TEXT NOT NULL,
        source TEXT NOT NULL,
        trades INTEGER NOT NULL,
        wins INTEGER NOT NULL,
        losses INTEGER NOT NULL,
        gross_pnl INTEGER NOT NULL,
        charges INTEGER NOT NULL,
        net_pnl INTEGER NOT NULL,
        max_drawdown INTEGER NOT NULL,
        stats_json TEXT NOT NULL,
        computed_us INTEGER NOT NULL,
        PRIMARY KEY (day, currency, source)
      ) STRICT`,
      `CREATE TABLE presets (
        preset_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        current_version INTEGER NOT NULL,
        created_us INTEGER NOT NULL,
        updated_us INTEGER NOT NULL
      ) STRICT`,
      `CREATE TABLE preset_versions (
        preset_id TEXT NOT NULL REFERENCES presets (preset_id),
        version INTEGER NOT NULL,
        body_json TEXT NOT NULL,
        note TEXT,
        created_us INTEGER NOT NULL,
        PRIMARY KEY (preset_id, version)
      ) STRICT`,
      `CREATE TABLE backtest_runs (
        run_id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        created_us INTEGER NOT NULL,
        finished_us INTEGER,
        params_json TEXT NOT NULL,
        result_json TEXT
      ) STRICT`,
      `CREATE TABLE manual_trade_log (
        seq INTEGER PRIMARY KEY,
        ts_event_us INTEGER NOT NULL,
        session_id TEXT,
        fill_id TEXT NOT NULL UNIQUE,
        order_id TEXT NOT NULL,
        symbol TEXT NOT NULL,
        side TEXT NOT NULL,
        quantity INTEGER NOT NULL,
        price INTEGER NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('manual', 'auto', 'replay')),
        note TEXT
      ) STRICT`,
      `CREATE TABLE reconciliations (
        reconciliation_id INTEGER PRIMARY KEY,
        ts_us INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
        report_json TEXT NOT NULL,
        resolution_json TEXT,
        resolved_us INTEGER
      ) STRICT`,
    ],
  },
  {
    version: 3,
    name: 'hash chains on fills and order events',
    // Existing rows are chained as they stand when the migration runs: the chain proves nothing
    // about edits made before it, only that nothing changed after (the audit row of the opening
    // that applied it records when).
    statements: [
      'ALTER TABLE fills ADD COLUMN prev_hash TEXT',
      'ALTER TABLE fills ADD COLUMN hash TEXT',
      'ALTER TABLE order_events ADD COLUMN prev_hash TEXT',
      'ALTER TABLE order_events ADD COLUMN hash TEXT',
    ],
    backfill: (db) => {
      chainExistingRows(db, 'fills');
      chainExistingRows(db, 'order_events');
    },
  },
];

/** The migration that chains fills and order events; older ledgers are verified without chains. */
export const CHAINS_SCHEMA_VERSION = 3;

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;

export class SchemaVersionError extends Error {
  override name = 'SchemaVersionError';
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every migration above the database's version, each in its own immediate transaction.
 * `upTo` stops early (tests of upgrade paths). Returns the migrations applied.
 */
export function migrate(db: Database.Database, nowUs: number, upTo = LATEST_SCHEMA_VERSION): Migration[] {
  const current = schemaVersion(db);
  if (current > LATEST_SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `ledger schema version ${current} is newer than this build understands (${LATEST_SCHEMA_VERSION}); update Scalpdesk`,
    );
  }
  if (current === 0) preserveUnversionedTables(db);
  const applied: Migration[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      for (const statement of migration.statements) db.exec(statement);
      migration.backfill?.(db);
      db.prepare('INSERT INTO schema_version (version, name, applied_us) VALUES (?, ?, ?)').run(
        migration.version,
        migration.name,
        nowUs,
      );
      db.pragma(`user_version = ${migration.version}`);
    }).immediate();
    applied.push(migration);
  }
  return applied;
}

/**
 * A file at version 0 that already has tables was written before versioned migrations (an early
 * development build's ledger). Nothing acknowledged may be lost, so its tables are kept, renamed
 * `legacy_<name>`, rather than dropped; the migrations then create the current schema beside them.
 */
function preserveUnversionedTables(db: Database.Database): string[] {
  const names = (
    db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'legacy_%'",
      )
      .all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);
  db.transaction(() => {
    for (const name of names) db.exec(`ALTER TABLE "${name}" RENAME TO "legacy_${name}"`);
  }).immediate();
  return names;
}
