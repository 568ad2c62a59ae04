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
import { startExchangeProcess } from '../support/exchangeProcess';
import type { ExchangeProcess } from '../support/exchangeProcess';
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
 * The live core (engine in paper mode on the simulated exchange, through the core worker, its ledger
 * journal and its recorder) and a replay of the recording it wrote must agree on every decision and
 * every fill over the span both saw — also across a feed outage: the exchange (its own process) is
 * frozen mid-session, so the core declares the data stale (entries blocked, paper fills refused) and
 * moves its clock on through the silence; both go on the tape and the replay does the same.
 */
describe('live ↔ replay parity through the core worker', () => {
  let workstation: Workstation | undefined;
  let exchange: ExchangeProcess | undefined;
  let dataDir = '';
  afterAll(async () => {
    await workstation?.close();
    await exchange?.stop();
    if (dataDir !== '') fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('a paper session of the core worker that trades through a feed outage replays from its own recording with the same decisions and fills', async () => {
    exchange = await startExchangeProcess({ seed: 42, speed: 200 });
    ({ workstation, dataDir } = await startTestWorkstation({
      market: { exchangeUrl: exchange.url, speed: 200, staleAfterMs: 1500 },
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
    const autoFills = (): number => count("SELECT COUNT(*) AS n FROM fills WHERE source = 'auto'");
    // Once the engine trades, the exchange hangs for 3 s (stale after 1.5 s, idle clock after 1 s).
    await expect.poll(autoFills, { timeout: 180_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    exchange.child.kill('SIGSTOP');
    await new Promise((resolve) => setTimeout(resolve, 3000));
    exchange.child.kill('SIGCONT');
    // Trading on after the outage: three fills in all (a round trip and a second entry, at least).
    await expect.poll(autoFills, { timeout: 240_000, interval: 500 }).toBeGreaterThanOrEqual(3);
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
    // The outage and the silence are on the tape: the data state's two turns and the clock's steps.
    const tape = new RecordingSource(recordings[0]);
    const states: (string | null)[] = [];
    let clockSteps = 0;
    for (let event = tape.next(); event !== null; event = tape.next()) {
      if (event.type === 'marketDataState') states.push(event.outage);
      if (event.type === 'clock') clockSteps++;
    }
    tape.close();
    // Stale while frozen; the catch-up burst after the thaw may also get the core dropped as a slow
    // consumer (disconnected, then reconnected): either way out, then live again.
    expect(states[0]).toMatch(/^is (stale|disconnected)/);
    expect(states).toContain(null);
    expect(clockSteps).toBeGreaterThan(0);

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
  }, 480_000);
});
