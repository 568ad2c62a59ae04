import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { runReplay } from '../../src/main/backtest/run/replayRun';
import { createEngineSessionFactory } from '../../src/main/backtest/session/engineSession';
import { RecordingSource } from '../../src/main/backtest/sources/recordingSource';
import type { DecisionRecord } from '../../src/main/trading/engine/types';
import type { Workstation } from '../../src/main/hosts/workstation';
import { startTestWorkstation } from '../support/workstation';

/** What must match between the live core and its replay: the decision, not its id namespace. */
function essence(
  record: Pick<DecisionRecord, 'tsEvent' | 'kind' | 'outcome' | 'blockedBy' | 'regime'> & { signal: unknown },
) {
  return {
    tsEvent: record.tsEvent,
    kind: record.kind,
    outcome: record.outcome,
    regime: record.regime,
    blockedBy: record.blockedBy,
  };
}

/**
 * NOT YET PASSING (issue 15), so skipped: the live core and its recording still disagree. Found so far:
 * 1. fixed: events that reached the engine while the core restored from the ledger were never
 *    recorded, and the events buffered before them followed out of order (coreWorker.ts, `accepting`);
 * 2. open: the ledger's first journaled decision is about an hour of market time after the
 *    recording's first event at 50× speed, and the live side journals fewer decisions over the same
 *    span (68 against 76) — the wall-clock idle advance (`advanceIdle`, coreWorker.ts), which moves
 *    the engine's clock on an estimate the recording does not carry, and the journal's first rows
 *    before the ledger attaches are the suspects. Un-skip once both are settled.
 */
describe.skip('live ↔ replay parity through the core worker', () => {
  let workstation: Workstation | undefined;
  let dataDir = '';
  afterAll(async () => {
    await workstation?.close();
    if (dataDir !== '') fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a paper session of the core worker replays from its own recording with the same decisions', async () => {
    ({ workstation, dataDir } = await startTestWorkstation({
      market: { speed: 50 },
      engine: { mode: 'paper', preset: 'Balanced' },
    }));
    const ledgerFile = path.join(dataDir, 'scalpdesk.sqlite');
    const countDecisions = (): number => {
      const db = new Database(ledgerFile, { readonly: true });
      try {
        return (db.prepare('SELECT COUNT(*) AS n FROM decisions').get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    await expect.poll(countDecisions, { timeout: 120_000, interval: 500 }).toBeGreaterThan(40);
    await workstation.close();
    workstation = undefined;

    const db = new Database(ledgerFile, { readonly: true });
    const live = (
      db.prepare('SELECT detail_json FROM decisions ORDER BY seq').all() as { detail_json: string }[]
    ).map((row) => JSON.parse(row.detail_json) as DecisionRecord);
    db.close();

    const recordings = fs
      .readdirSync(path.join(dataDir, 'recordings'))
      .filter((name) => name.endsWith('.sdrec'))
      .map((name) => path.join(dataDir, 'recordings', name));
    expect(recordings.length).toBe(1);
    const replayed: DecisionRecord[] = [];
    runReplay({
      source: new RecordingSource(recordings[0]),
      sessionFactory: createEngineSessionFactory({
        onCommand: (command) => {
          if (command.type === 'decision') replayed.push(command.record);
        },
      }),
      seed: 1,
      presetName: 'Balanced',
    });
    // The live session stopped mid-tape: compare the decisions both saw.
    const lastLive = live[live.length - 1].tsEvent;
    const replayedSame = replayed.filter((record) => record.tsEvent <= lastLive);
    expect(replayedSame.map(essence)).toEqual(live.map(essence));
  }, 240_000);
});
