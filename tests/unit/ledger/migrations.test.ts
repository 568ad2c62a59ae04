import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ledgerPath } from '../../../src/main/ledger/ledgerPath';
import { LATEST_SCHEMA_VERSION, migrate, MIGRATIONS } from '../../../src/main/ledger/migrations';
import { makeFill } from '../oms/factories';
import { openLedger, tempDataDir } from './ledgerFixtures';

const EXPECTED_TABLES = [
  'alerts',
  'audit_log',
  'backtest_runs',
  'daily_performance',
  'decisions',
  'fills',
  'manual_trade_log',
  'order_events',
  'orders',
  'positions',
  'preset_versions',
  'presets',
  'reconciliations',
  'schema_version',
  'sessions',
  'signals',
  'ticks',
];

function tables(db: Database.Database): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{
      name: string;
    }>
  ).map((row) => row.name);
}

describe('ledger migrations', () => {
  it('numbers migrations 1, 2, … without gaps', () => {
    expect(MIGRATIONS.map((migration) => migration.version)).toEqual(MIGRATIONS.map((_, index) => index + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('creates every table from an empty file and records each migration', () => {
    const ledger = openLedger(tempDataDir());
    expect(ledger.startup.schemaVersionBefore).toBe(0);
    expect(ledger.startup.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(ledger.startup.migrationsApplied).toHaveLength(MIGRATIONS.length);
    expect(tables(ledger.database)).toEqual(EXPECTED_TABLES);
    const history = ledger.database.prepare('SELECT version FROM schema_version ORDER BY version').all();
    expect(history).toEqual(MIGRATIONS.map((migration) => ({ version: migration.version })));
    expect(ledger.database.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(ledger.database.pragma('synchronous', { simple: true })).toBe(2);
  });

  it('does nothing on a second open', () => {
    const dir = tempDataDir();
    openLedger(dir).close();
    const again = openLedger(dir);
    expect(again.startup.schemaVersionBefore).toBe(LATEST_SCHEMA_VERSION);
    expect(again.startup.migrationsApplied).toEqual([]);
  });

  it('upgrades a version-1 ledger and keeps its fills', () => {
    const dir = tempDataDir();
    const db = new Database(ledgerPath(dir));
    migrate(db, 1, 1);
    db.prepare(
      `INSERT INTO fills (fill_id, order_id, symbol, side, quantity, price, multiplier, currency, ts_event_us, source, charges, liquidity)
       VALUES ('fill-1', 'order-1', ?, 'buy', 65, 10000, 1, 'INR', 1, 'manual', 0, 'taker')`,
    ).run(makeFill().symbol);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    db.close();
    const ledger = openLedger(dir);
    expect(ledger.startup.schemaVersionBefore).toBe(1);
    expect(ledger.startup.migrationsApplied.map((name) => name.split(':')[0])).toEqual(['2', '3']);
    expect(ledger.loadPositions().map((position) => position.quantity)).toEqual([65]);
  });

  it('keeps the tables of an unversioned early-development file, renamed legacy_*', () => {
    const dir = tempDataDir();
    const db = new Database(ledgerPath(dir));
    db.exec(
      "CREATE TABLE fills (fill_id TEXT PRIMARY KEY, body TEXT); INSERT INTO fills VALUES ('fill-1', '{}')",
    );
    db.close();
    const ledger = openLedger(dir);
    expect(ledger.database.prepare('SELECT fill_id FROM legacy_fills').all()).toEqual([
      { fill_id: 'fill-1' },
    ]);
    expect(ledger.countFills()).toBe(0);
  });

  it('refuses a ledger written by a newer build', () => {
    const dir = tempDataDir();
    const db = new Database(ledgerPath(dir));
    db.pragma('user_version = 99');
    db.close();
    expect(() => openLedger(dir)).toThrow('ledger schema version 99 is newer than this build understands');
  });
});
