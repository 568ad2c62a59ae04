import type { StartupReport } from './ledgerTypes';
import { LedgerIntegrityError } from './ledgerTypes';
import type { LedgerCore } from './ledgerCore';
import { integrityCheck, requireStatements } from './ledgerCore';
import type { PositionRow } from './ledgerRows';
import { positionRow, prepareStatements, replayFills } from './ledgerRows';
import { appendAudit } from './auditLog';
import { checkConsistency } from './consistency';
import { loadFills } from './fills';
import { LATEST_SCHEMA_VERSION, migrate, SchemaVersionError, schemaVersion } from './migrations';
import { positionKey } from '../trading/oms/positions';

/**
 * Opening the ledger: WAL with FULL sync, integrity check, migrations, and positions rebuilt from the
 * fills (stored rows that disagree are rewritten and reported); read-only opens inspect without
 * writing.
 */

export function startLedger(core: LedgerCore): StartupReport {
  try {
    return startChecked(core);
  } catch (error) {
    // SQLite reports a damaged file from whichever statement first touches a bad page; say so plainly.
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB')) {
      throw new LedgerIntegrityError(`ledger ${core.file} is damaged (${code}): ${(error as Error).message}`);
    }
    throw error;
  }
}

function startChecked(core: LedgerCore): StartupReport {
  const mode = core.db.pragma('journal_mode = WAL', { simple: true });
  if (mode !== 'wal') throw new Error(`could not switch the ledger to WAL (journal_mode=${String(mode)})`);
  // FULL: every commit fsyncs the WAL before returning. fullfsync makes macOS flush the drive cache
  // too (F_FULLFSYNC); it is a no-op elsewhere.
  core.db.pragma('synchronous = FULL');
  core.db.pragma('fullfsync = ON');
  core.db.pragma('checkpoint_fullfsync = ON');
  core.db.pragma('foreign_keys = ON');
  core.db.pragma('busy_timeout = 5000');
  const integrity = integrityCheck(core);
  if (integrity.length !== 1 || integrity[0] !== 'ok') {
    throw new LedgerIntegrityError(
      `ledger ${core.file} failed PRAGMA integrity_check: ${integrity.slice(0, 5).join('; ')}`,
    );
  }
  const before = schemaVersion(core.db);
  const applied = migrate(core.db, core.now());
  core.statements = prepareStatements(core.db);
  // The same check as `ledger verify`, before anything is rewritten: a ledger that fails it keeps its
  // rows as found (the evidence) and refuses trading; positions in memory come from the fills.
  core.mismatches = checkConsistency(core.db);
  const rebuild = rebuildPositions(core, core.mismatches.length === 0);
  const report: StartupReport = {
    integrity,
    schemaVersionBefore: before,
    schemaVersion: schemaVersion(core.db),
    migrationsApplied: applied.map((migration) => `${migration.version}: ${migration.name}`),
    fills: rebuild.fills,
    positions: core.book.all().length,
    mismatches: core.mismatches,
    positionsRepaired: rebuild.repaired,
  };
  if (core.mismatches.length > 0)
    appendAudit(core, {
      actor: 'ledger',
      action: 'ledger.checkFailed',
      detail: { mismatches: core.mismatches.length, first: core.mismatches.slice(0, 5) },
    });
  appendAudit(core, {
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

export function inspectLedger(core: LedgerCore): StartupReport {
  core.db.pragma('query_only = ON');
  const version = schemaVersion(core.db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new SchemaVersionError(
      `ledger schema version ${version} is newer than this build understands (${LATEST_SCHEMA_VERSION})`,
    );
  }
  if (version === LATEST_SCHEMA_VERSION) core.statements = prepareStatements(core.db);
  const fills = version >= 1 ? loadFills(core) : [];
  for (const state of replayFills(fills).values()) core.book.put(state);
  return {
    integrity: [],
    schemaVersionBefore: version,
    schemaVersion: version,
    migrationsApplied: [],
    mismatches: [],
    fills: fills.length,
    positions: core.book.all().length,
    positionsRepaired: [],
  };
}

/** Positions from the fills (the source of truth); stored rows that disagree are rewritten. */
function rebuildPositions(
  core: LedgerCore,
  repair: boolean,
): {
  fills: number;
  repaired: StartupReport['positionsRepaired'];
} {
  const fills = loadFills(core);
  const rebuilt = replayFills(fills);
  if (!repair) {
    for (const state of rebuilt.values()) core.book.put(state);
    return { fills: fills.length, repaired: [] };
  }
  const stored = new Map<string, { quantity: number; row: PositionRow }>();
  for (const row of core.db.prepare('SELECT * FROM positions').all() as PositionRow[]) {
    stored.set(positionKey(row.symbol, row.source), { quantity: row.quantity, row });
  }
  const repaired: Array<StartupReport['positionsRepaired'][number]> = [];
  const now = core.now();
  core.db
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
          requireStatements(core).upsertPosition.run(row);
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
        core.db
          .prepare('DELETE FROM positions WHERE symbol = ? AND source = ?')
          .run(orphan.row.symbol, orphan.row.source);
      }
    })
    .immediate();
  for (const state of rebuilt.values()) core.book.put(state);
  return { fills: fills.length, repaired };
}
