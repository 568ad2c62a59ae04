import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

/**
 * The engine inside the running workstation (core worker, built-in exchange over WebSocket, paper
 * broker, ledger): decisions reach windows with every gate's verdict, are journaled to SQLite, the
 * session is recorded, and the kill switch stops it.
 */
describe('the engine in the live core', () => {
  let workstation: Workstation;
  let dataDir: string;
  beforeAll(async () => {
    // 20× market speed so a few wall seconds hold a minute of trading.
    ({ workstation, dataDir } = await startTestWorkstation({
      market: { speed: 20 },
      engine: { mode: 'shadow' },
    }));
  }, 90_000);
  afterAll(async () => workstation?.close());

  it('records candidate decisions with gate verdicts, journals them and records the session', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    const status = await api.engine.getStatus({});
    expect(status.mode).toBe('shadow');
    expect(status.underlying).toBe('NIFTY');

    const decision = await waitFor(
      api.engine.onDecision,
      {},
      (value: DecisionView) => value.kind === 'entry',
      30_000,
    );
    expect(decision.gates.length).toBeGreaterThan(5);
    for (const gate of decision.gates) expect(['pass', 'block', 'disabled']).toContain(gate.verdict);
    if (decision.outcome === 'blocked') expect(decision.blockedBy.length).toBeGreaterThan(0);
    expect(
      (await api.engine.recentDecisions({})).some((value) => value.decisionId === decision.decisionId),
    ).toBe(true);

    // Journaled by the ledger worker within its 50 ms group commit.
    const db = new Database(path.join(dataDir, 'scalpdesk.sqlite'), { readonly: true });
    try {
      await expect
        .poll(() => (db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n, {
          timeout: 5000,
        })
        .toBeGreaterThan(0);
    } finally {
      db.close();
    }
    const recordings = fs.readdirSync(path.join(dataDir, 'recordings'));
    expect(recordings.some((name) => name.endsWith('.sdrec'))).toBe(true);
  });

  it('refuses live mode without a real broker, and the kill switch stops the engine', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    await expect(api.engine.setMode({ mode: 'live' })).rejects.toMatchObject({ code: 'REJECTED' });
    await expect(api.engine.setMode({ mode: 'turbo' as 'live' })).rejects.toMatchObject({ field: 'mode' });
    expect((await api.engine.setMode({ mode: 'paper' })).mode).toBe('paper');
    const killed = await api.engine.killSwitch({ reason: 'contract test' });
    expect(killed.killed).toBe(true);
    const rearmed = await api.engine.rearm({});
    expect(rearmed.killed).toBe(false);
  });
});
