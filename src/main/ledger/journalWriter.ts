import type { JournalRow } from './journal';
import { memberOf, numberField, stringField } from './journal';
import type { LedgerCore } from './ledgerCore';
import { requireStatements, requireWritable } from './ledgerCore';
import type { LedgerStatements } from './ledgerRows';

/**
 * The journal writer: bulk rows (decisions, signals, alerts, ticks) are buffered and group-committed
 * at least every 50 ms, or at once when the buffer is full.
 */

/** Buffers bulk rows; they are committed together within 50 ms (or at once when the buffer is full). */
export function appendJournal(core: LedgerCore, rows: readonly JournalRow[]): void {
  requireWritable(core);
  for (const row of rows) core.journalBuffer.push(row);
  if (core.journalBuffer.length >= core.journalMaxRows) {
    flushJournal(core);
    return;
  }
  if (core.journalTimer === null && core.journalBuffer.length > 0) {
    core.journalTimer = core.timer.schedule(() => {
      core.journalTimer = null;
      flushJournal(core);
    }, core.journalIntervalMs);
  }
}

/** Commits every buffered journal row in one transaction; returns how many. */
export function flushJournal(core: LedgerCore): number {
  if (core.journalTimer !== null) {
    core.journalTimer.cancel();
    core.journalTimer = null;
  }
  if (core.journalBuffer.length === 0) return 0;
  const rows = core.journalBuffer;
  core.journalBuffer = [];
  const statements = requireStatements(core);
  const sessionId = core.currentSessionId;
  // Journal rows are never acknowledged one by one, so their commit need not wait for an fsync:
  // NORMAL in WAL mode keeps the database consistent and the rows reach the disk with the next
  // FULL commit (a fill) or checkpoint. Fills and order events always commit under FULL.
  core.db.pragma('synchronous = NORMAL');
  try {
    core.db
      .transaction(() => {
        for (const row of rows) insertJournalRow(statements, row, sessionId);
      })
      .immediate();
  } finally {
    core.db.pragma('synchronous = FULL');
  }
  return rows.length;
}

export function journalCounts(
  core: LedgerCore,
): Record<'decisions' | 'signals' | 'alerts' | 'ticks', number> {
  const count = (table: string): number =>
    (core.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    decisions: count('decisions'),
    signals: count('signals'),
    alerts: count('alerts'),
    ticks: count('ticks'),
  };
}

function insertJournalRow(
  statements: LedgerStatements,
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
