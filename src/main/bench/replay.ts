import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runExchangeTape } from '../backtest/exchangeTape';
import { RecordingReader } from '../backtest/recording/reader';
import { RecordingWriter } from '../backtest/recording/writer';
import { runReplay } from '../backtest/run/replayRun';
import { defaultSessionFactory, SessionUnavailableError } from '../backtest/session/defaultSession';
import type { ReplaySessionFactory } from '../backtest/session/replaySession';
import { RecordingSource } from '../backtest/sources/recordingSource';
import type { BenchSuite } from './types';

function seconds(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/** Simulated minutes of a NIFTY session on the built-in exchange: ≈ 12,000 events a minute with its chain. */
const FULL_MINUTES = 90;
const QUICK_MINUTES = 15;

/**
 * Replay throughput (issue 6): records a NIFTY session of the built-in exchange (the index, 84 option
 * contracts with quotes, trades and 5-level depth, options context and contract stats every minute)
 * to a binary recording of ≥ 1 000 000 events, then measures reading it alone and replaying it
 * through the engine, the order manager and the paper broker, and the ratio of the two.
 */
export async function run(options: { quick: boolean }): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-bench-replay-'));
  const file = path.join(dir, '2026-01-06.sdrec');
  try {
    const writer = RecordingWriter.open(file, {
      meta: { day: '2026-01-06', source: 'bench:exchange:seed=7', underlying: 'NIFTY' },
    });
    const recordStart = process.hrtime.bigint();
    const tape = runExchangeTape(
      {
        seed: 7,
        minutes: options.quick ? QUICK_MINUTES : FULL_MINUTES,
        onListed: ({ instruments }) => {
          for (const instrument of instruments) writer.defineInstrument(instrument);
        },
      },
      (event) => writer.append(event),
    );
    writer.close();
    const recordSeconds = seconds(recordStart);
    const events = tape.events;
    if (!options.quick && events < 1_000_000)
      throw new Error(`bench tape has ${events} events, fewer than 1,000,000`);
    const fileBytes = fs.statSync(file).size;

    // Reading alone: decode every frame into an event object, nothing else. Best of a few passes
    // (the first also warms the page cache and the JIT).
    let readSeconds = Infinity;
    let checksum = 0;
    for (let pass = 0; pass < (options.quick ? 2 : 3); pass++) {
      const start = process.hrtime.bigint();
      const reader = RecordingReader.open(file);
      let count = 0;
      for (let event = reader.next(); event !== null; event = reader.next()) {
        count++;
        checksum += event.tsEvent % 7;
      }
      reader.close();
      if (count !== events) throw new Error(`bench read ${count} events, wrote ${events}`);
      readSeconds = Math.min(readSeconds, seconds(start));
    }

    let sessionFactory: ReplaySessionFactory | undefined;
    let replayPath = 'engine + order manager + paper broker (Balanced preset, paper mode)';
    try {
      sessionFactory = defaultSessionFactory();
    } catch (error) {
      if (!(error instanceof SessionUnavailableError)) throw error;
      replayPath = 'read + dispatch + tape statistics (engine not wired into replay yet)';
    }
    let replaySeconds = Infinity;
    let summary: ReturnType<typeof runReplay> | undefined;
    for (let pass = 0; pass < (options.quick ? 1 : 2); pass++) {
      const start = process.hrtime.bigint();
      const source = new RecordingSource(file);
      summary = runReplay({ source, sessionFactory, seed: 1, presetName: 'Balanced' });
      source.close();
      replaySeconds = Math.min(replaySeconds, seconds(start));
    }
    const readEventsPerSecond = Math.round(events / readSeconds);
    const replayEventsPerSecond = Math.round(events / replaySeconds);
    return {
      events,
      fileBytes,
      bytesPerEvent: Number((fileBytes / events).toFixed(2)),
      /** Simulating the session and recording it, together. */
      recordSeconds: Number(recordSeconds.toFixed(2)),
      readEventsPerSecond,
      replayEventsPerSecond,
      replayToReadRatio: Number((replayEventsPerSecond / readEventsPerSecond).toFixed(3)),
      replayPath,
      tapeTrades: summary?.tape.trades,
      engineDecisions: summary?.session?.decisions.length ?? null,
      engineOrders: summary?.session?.ordersPlaced ?? null,
      engineFills: summary?.session?.fills.length ?? null,
      checksum,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const suite: BenchSuite = {
  name: 'replay',
  summary: 'binary recording of ≥ 1M events: read-only and replay throughput (events/s) and their ratio',
  run,
};
