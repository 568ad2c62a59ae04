import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { Fill } from '../../src/shared/domain/orders';
import { runReplay } from '../../src/main/backtest/run/replayRun';
import { createEngineSessionFactory } from '../../src/main/backtest/session/engineSession';
import { RecordingSource } from '../../src/main/backtest/sources/recordingSource';
import type { DecisionRecord } from '../../src/main/trading/engine/types';
import type { Workstation } from '../../src/main/hosts/workstation';
import { startTestWorkstation } from '../support/workstation';

/** What must match between the live core and its replay: the decision, not its id namespace. */
function essence(record: DecisionRecord) {
  return {
    tsEvent: record.tsEvent,
    kind: record.kind,
    outcome: record.outcome,
    regime: record.regime,
    blockedBy: record.blockedBy,
    symbol: record.symbol,
    signal: record.signal?.name ?? null,
    score: record.score,
    orders: record.orders.length,
  };
}

interface FillEssence {
  readonly symbol: string;
  readonly side: string;
  readonly quantity: number;
  readonly price: number;
  readonly tsEvent: number;
}

function fillEssence(fill: Pick<Fill, 'symbol' | 'side' | 'quantity' | 'price' | 'tsEvent'>): FillEssence {
  return {
    symbol: fill.symbol,
    side: fill.side,
    quantity: fill.quantity,
    price: fill.price,
    tsEvent: fill.tsEvent,
  };
}

/**
 * The live core (engine in paper mode on the built-in exchange, through the core worker, its ledger
 * journal and its recorder) and a replay of the recording it wrote must agree on every decision and
 * every fill over the span both saw. What the recording does not carry is outside this check: the
 * wall-clock idle advance (only when the feed is silent for a second) and feed outage states.
 */
describe('live ↔ replay parity through the core worker', () => {
  let workstation: Workstation | undefined;
  let dataDir = '';
  afterAll(async () => {
    await workstation?.close();
    if (dataDir !== '') fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a paper session of the core worker that trades replays from its own recording with the same decisions and fills', async () => {
    ({ workstation, dataDir } = await startTestWorkstation({
      market: { speed: 200 },
      engine: { mode: 'paper', preset: 'Balanced' },
    }));
    const ledgerFile = path.join(dataDir, 'scalpdesk.sqlite');
    const count = (sql: string): number => {
      const db = new Database(ledgerFile, { readonly: true });
      try {
        return (db.prepare(sql).get() as { n: number }).n;
      } finally {
        db.close();
      }
    };
    // Entries and their exits: at least two round trips of the engine.
    await expect
      .poll(() => count("SELECT COUNT(*) AS n FROM fills WHERE source = 'auto'"), {
        timeout: 180_000,
        interval: 500,
      })
      .toBeGreaterThanOrEqual(4);
    await workstation.close();
    workstation = undefined;

    const db = new Database(ledgerFile, { readonly: true });
    const live = (
      db.prepare('SELECT detail_json FROM decisions ORDER BY seq').all() as { detail_json: string }[]
    ).map((row) => JSON.parse(row.detail_json) as DecisionRecord);
    const liveFills = db
      .prepare(
        "SELECT symbol, side, quantity, price, ts_event_us AS tsEvent FROM fills WHERE source = 'auto' ORDER BY seq",
      )
      .all() as FillEssence[];
    db.close();

    const recordings = fs
      .readdirSync(path.join(dataDir, 'recordings'))
      .filter((name) => name.endsWith('.sdrec'))
      .map((name) => path.join(dataDir, 'recordings', name));
    expect(recordings.length).toBe(1);
    const replayed: DecisionRecord[] = [];
    const replayedFills: FillEssence[] = [];
    runReplay({
      source: new RecordingSource(recordings[0]),
      sessionFactory: createEngineSessionFactory({
        onCommand: (command) => {
          if (command.type === 'decision') replayed.push(command.record);
        },
        onOrderEvent: (event) => {
          if (event.type === 'OrderFilled') replayedFills.push(fillEssence(event.fill));
        },
      }),
      seed: 1,
      presetName: 'Balanced',
    });
    expect(live.filter((record) => record.outcome === 'placed').length).toBeGreaterThanOrEqual(2);
    // The live session stopped mid-tape: compare what both saw.
    const lastLive = live[live.length - 1].tsEvent;
    const replayedSame = replayed.filter((record) => record.tsEvent <= lastLive);
    expect(replayedSame.map(essence)).toEqual(live.map(essence));
    const lastFill = liveFills[liveFills.length - 1].tsEvent;
    expect(replayedFills.filter((fill) => fill.tsEvent <= lastFill)).toEqual(liveFills);
  }, 300_000);
});
