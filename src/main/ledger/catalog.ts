import { canonicalJson } from './canonicalJson';
import { appendAudit } from './auditLog';
import type { LedgerCore } from './ledgerCore';
import { requireWritable } from './ledgerCore';
import type { BacktestRunRecord, BacktestRunRow, PresetVersionInput, SessionStart } from './ledgerTypes';

/** The catalogue: trading sessions, versioned presets, saved backtest runs and trade notes. */

export function startSession(core: LedgerCore, session: SessionStart): void {
  requireWritable(core);
  core.db
    .prepare(
      'INSERT INTO sessions (session_id, mode, profile, started_us, detail_json) VALUES (?, ?, ?, ?, ?)',
    )
    .run(
      session.sessionId,
      session.mode,
      session.profile ?? null,
      Math.trunc(core.now()),
      canonicalJson(session.detail ?? {}),
    );
  core.currentSessionId = session.sessionId;
  appendAudit(core, {
    actor: 'ledger',
    action: 'session.started',
    detail: { sessionId: session.sessionId, mode: session.mode },
  });
}

export function endSession(core: LedgerCore, sessionId: string | null = core.currentSessionId): void {
  requireWritable(core);
  if (sessionId === null) return;
  core.db
    .prepare('UPDATE sessions SET ended_us = ? WHERE session_id = ?')
    .run(Math.trunc(core.now()), sessionId);
  if (core.currentSessionId === sessionId) core.currentSessionId = null;
  appendAudit(core, { actor: 'ledger', action: 'session.ended', detail: { sessionId } });
}

/** Stores a new version of a preset (presets are never edited in place). Returns the version number. */
export function savePresetVersion(core: LedgerCore, preset: PresetVersionInput): number {
  requireWritable(core);
  const now = Math.trunc(core.now());
  let version = 0;
  core.db
    .transaction(() => {
      const current = core.db
        .prepare('SELECT current_version FROM presets WHERE preset_id = ?')
        .get(preset.presetId) as { current_version: number } | undefined;
      version = (current?.current_version ?? 0) + 1;
      if (current) {
        core.db
          .prepare(
            'UPDATE presets SET name = ?, kind = ?, current_version = ?, updated_us = ? WHERE preset_id = ?',
          )
          .run(preset.name, preset.kind, version, now, preset.presetId);
      } else {
        core.db
          .prepare(
            'INSERT INTO presets (preset_id, name, kind, current_version, created_us, updated_us) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(preset.presetId, preset.name, preset.kind, version, now, now);
      }
      core.db
        .prepare(
          'INSERT INTO preset_versions (preset_id, version, body_json, note, created_us) VALUES (?, ?, ?, ?, ?)',
        )
        .run(preset.presetId, version, canonicalJson(preset.body), preset.note ?? null, now);
    })
    .immediate();
  appendAudit(core, {
    actor: preset.actor ?? 'trader',
    action: 'preset.saved',
    detail: { presetId: preset.presetId, version },
  });
  return version;
}

export function presetVersions(
  core: LedgerCore,
  presetId: string,
): Array<{ version: number; body: unknown; note: string | null; createdUs: number }> {
  const rows = core.db
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

export function recordBacktestRun(core: LedgerCore, run: BacktestRunRecord): void {
  requireWritable(core);
  core.db
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
      created_us: Math.trunc(core.now()),
      finished_us: run.finishedUs ?? null,
      params_json: canonicalJson(run.params),
      result_json: run.result === undefined ? null : canonicalJson(run.result),
    });
}

/** Saved backtest runs, newest first (the replay window's table, `replay.listRuns`). */
export function backtestRuns(
  core: LedgerCore,
  options: { readonly limit?: number; readonly kind?: string } = {},
): BacktestRunRow[] {
  const limit = Math.max(1, Math.min(options.limit ?? 50, 10_000));
  const rows = core.db
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
export function annotateTrade(core: LedgerCore, fillId: string, note: string): boolean {
  requireWritable(core);
  return (
    core.db.prepare('UPDATE manual_trade_log SET note = ? WHERE fill_id = ?').run(note, fillId).changes > 0
  );
}
