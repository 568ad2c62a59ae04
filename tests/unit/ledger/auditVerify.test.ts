import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { command as ledgerCommand } from '../../../src/main/cli/commands/ledger';
import { auditHash, verifyAuditChain } from '../../../src/main/ledger/auditChain';
import { ledgerPath } from '../../../src/main/ledger/ledgerPath';
import { captureIo } from './cliIo';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

/** A ledger with 5 audit rows: ledger.opened, then four trader actions. */
function ledgerWithAudit(): string {
  const dir = tempDataDir();
  const ledger = openLedger(dir);
  for (let i = 1; i <= 4; i++)
    ledger.appendAudit({ actor: 'trader', action: 'killSwitch.armed', detail: { step: i } });
  closeQuietly(ledger);
  return dir;
}

/** Tampering as an attacker with file access would: drop the append-only triggers, then edit. */
function tamper(dir: string, sql: string): void {
  const db = new Database(ledgerPath(dir));
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
  db.exec(sql);
  db.close();
}

async function verify(dir: string) {
  const io = captureIo();
  const code = await ledgerCommand.run(['verify', '--data-dir', dir], io);
  return { code, io, report: JSON.parse(io.out) };
}

describe('audit log hash chain', () => {
  it('verifies an untouched ledger (exit 0)', async () => {
    const { code, report } = await verify(ledgerWithAudit());
    expect(code).toBe(0);
    expect(report.ok).toBe(true);
    expect(report.audit.rows).toBe(5);
    expect(report.integrity).toEqual(['ok']);
  });

  it('is append-only by schema: UPDATE and DELETE are refused', () => {
    const dir = ledgerWithAudit();
    const db = new Database(ledgerPath(dir));
    expect(() => db.exec("UPDATE audit_log SET actor = 'x' WHERE seq = 2")).toThrow(
      'audit_log is append-only',
    );
    expect(() => db.exec('DELETE FROM audit_log WHERE seq = 2')).toThrow('audit_log is append-only');
    db.close();
  });

  it('`ledger verify` exits 1 naming the first edited row', async () => {
    const dir = ledgerWithAudit();
    tamper(dir, `UPDATE audit_log SET detail_json = '{"step":99}' WHERE seq = 3`);
    const { code, io, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.audit.firstBad).toEqual({
      seq: 3,
      problem: 'hash mismatch: the row was edited after it was written',
    });
    expect(io.err).toContain('audit log row 3 is bad: hash mismatch');
    expect(io.err).toContain('warning: trigger audit_log_no_update is missing');
  });

  it('catches an edit whose own hash was recomputed, at the next row', async () => {
    const dir = ledgerWithAudit();
    const db = new Database(ledgerPath(dir));
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as {
      seq: number;
      ts_us: number;
      actor: string;
      action: string;
      prev_hash: string;
    };
    db.close();
    const forged = auditHash(row.prev_hash, {
      seq: 2,
      tsUs: row.ts_us,
      actor: 'intruder',
      action: row.action,
      detailJson: '{"step":1}',
    });
    tamper(dir, `UPDATE audit_log SET actor = 'intruder', hash = '${forged}' WHERE seq = 2`);
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.audit.firstBad.seq).toBe(3);
    expect(report.audit.firstBad.problem).toContain('link broken');
  });

  it('catches a deleted row as a sequence gap', async () => {
    const dir = ledgerWithAudit();
    tamper(dir, 'DELETE FROM audit_log WHERE seq = 2');
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.audit.firstBad).toEqual({
      seq: 3,
      problem: 'sequence gap: expected row 2, found 3 (rows deleted or inserted)',
    });
  });

  it('reports the head hash so a copy kept elsewhere can detect truncation', () => {
    const rows = [
      { seq: 1, tsUs: 1, actor: 'a', action: 'b', detailJson: '{}', prevHash: '0'.repeat(64), hash: '' },
    ];
    rows[0].hash = auditHash(rows[0].prevHash, rows[0]);
    expect(verifyAuditChain(rows)).toEqual({ ok: true, rows: 1, headHash: rows[0].hash });
  });

  it('fails cleanly when there is no ledger', async () => {
    const io = captureIo();
    await expect(ledgerCommand.run(['verify', '--data-dir', tempDataDir()], io)).rejects.toThrow(
      'no ledger at',
    );
  });
});
