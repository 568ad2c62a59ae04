import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EngineCommand } from '../../../src/main/trading/engine/types';
import { runExchangeTape } from '../../../src/main/backtest/exchangeTape';
import { DailyRecorder } from '../../../src/main/backtest/recording/dailyRecorder';
import { runReplay } from '../../../src/main/backtest/run/replayRun';
import { createEngineSessionFactory } from '../../../src/main/backtest/session/engineSession';
import type { ReplaySession, ReplaySessionResult } from '../../../src/main/backtest/session/replaySession';
import { RecordingSource } from '../../../src/main/backtest/sources/recordingSource';
import type { Symbol } from '../../../src/shared/domain/ids';
import type { OrderEvent } from '../../../src/shared/domain/orderEvents';
import type { RecordedInstrument } from '../../../src/shared/recording/events';
import { makeTempDir } from './factories';

const SEED = 7;
const MINUTES = 40;
const dir = makeTempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Run {
  readonly commands: EngineCommand[];
  readonly orderEvents: OrderEvent[];
  result?: ReplaySessionResult;
}

const newRun = (): Run => ({ commands: [], orderEvents: [] });
/** A paper broker with seeded randomness (latency jitter, rejections), so parity also covers the broker's draws. */
const BROKER = {
  latency: { orderToAckUs: 20_000, ackToFillUs: 5_000, cancelUs: 20_000, jitterUs: 15_000 },
  rejection: { rate: 0.1, reasons: ['RMS: test rejection'] },
};
const observe = (run: Run) =>
  createEngineSessionFactory({
    broker: BROKER,
    onCommand: (command) => run.commands.push(command),
    onOrderEvent: (event) => run.orderEvents.push(event),
  });

/**
 * "Live": the built-in exchange's session goes, event by event, both to the day recorder and to the
 * engine in paper mode with the OMS and the paper broker — what the core worker does with recording on.
 */
function recordLivePaperSession(): { live: Run; file: string } {
  const live = newRun();
  const known = new Map<string, RecordedInstrument>();
  const recorder = new DailyRecorder({
    directory: dir,
    timeZone: 'Asia/Kolkata',
    instrument: (symbol) => known.get(symbol),
    source: `exchange:seed=${SEED}`,
    meta: { underlying: 'NIFTY' },
    timers: false,
  });
  let session: ReplaySession | undefined;
  runExchangeTape(
    {
      seed: SEED,
      minutes: MINUTES,
      onListed: ({ instruments }) => {
        for (const instrument of instruments) known.set(instrument.symbol, instrument);
        recorder.defineInstruments(instruments);
        session = observe(live)({
          instrument: (symbol: Symbol) => known.get(symbol),
          instruments,
          seed: SEED,
          presetName: 'Balanced',
          overrides: {},
          meta: { underlying: 'NIFTY' },
        });
      },
    },
    (event) => {
      recorder.record(event);
      session?.onEvent(event);
    },
  );
  const file = recorder.currentFile as string;
  recorder.close();
  live.result = session?.finish();
  return { live, file };
}

describe('parity of live paper trading and replay', () => {
  const { live, file } = recordLivePaperSession();

  it('recorded the session to the day file', () => {
    expect(path.basename(file)).toBe('2026-01-06.sdrec');
  });

  it('the live session traded (so the comparison means something)', () => {
    const decisions = live.commands.filter((command) => command.type === 'decision');
    expect(decisions.length).toBeGreaterThan(100);
    expect(live.commands.filter((command) => command.type === 'placeOrder').length).toBeGreaterThan(2);
    expect(live.result?.fills.length).toBeGreaterThan(2);
  });

  it('the replay of the recording makes the same decisions, orders and fills', () => {
    const replay = newRun();
    const source = new RecordingSource(file);
    const outcome = runReplay({
      source,
      sessionFactory: observe(replay),
      seed: SEED,
      presetName: 'Balanced',
    });
    source.close();
    expect(source.reports()[0].error).toBeNull();
    // Every command: decision records (signal, gate verdicts, indicator snapshot, options context), orders, alerts.
    expect(replay.commands).toEqual(live.commands);
    expect(replay.orderEvents).toEqual(live.orderEvents);
    expect(outcome.session?.fills).toEqual(live.result?.fills);
    expect(outcome.session?.ordersPlaced).toBe(live.result?.ordersPlaced);
  });

  it('the replay is the same with another reader path (seek to the start through the index)', () => {
    const replay = newRun();
    const source = new RecordingSource(file);
    source.seekToTime(0);
    runReplay({ source, sessionFactory: observe(replay), seed: SEED, presetName: 'Balanced' });
    source.close();
    expect(replay.commands.length).toBe(live.commands.length);
    expect(replay.orderEvents).toEqual(live.orderEvents);
  });

  it('a different broker seed changes the fills, so the seed is what makes replays repeatable', () => {
    const replay = newRun();
    const source = new RecordingSource(file);
    const outcome = runReplay({
      source,
      sessionFactory: observe(replay),
      seed: SEED + 1,
      presetName: 'Balanced',
    });
    source.close();
    expect(outcome.session?.fills).not.toEqual(live.result?.fills);
  });
});
