import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DailyRecorder } from '../../../src/main/backtest/recording/dailyRecorder';
import { resolveInstrument } from '../../../src/main/backtest/session/instrumentResolver';
import { LiveCandles } from '../../../src/main/coreWorker/liveCandles';
import { recordedSessionHistory } from '../../../src/main/coreWorker/sessionHistory';
import type { CandlesView } from '../../../src/shared/api/views';
import { asPrice } from '../../../src/shared/domain/price';
import {
  makeIndexTick,
  makeInstrument,
  makeTempDir,
  makeTrade,
  NIFTY,
  NIFTY_CE,
  SESSION_OPEN_US,
} from '../replay/factories';

const MINUTE = 60_000_000;
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A core's recorder and its candles, wired as the core worker wires them: every event recorded as it is applied. */
function makeCore(options: { history?: boolean } = {}) {
  const directory = makeTempDir();
  dirs.push(directory);
  const recorder = new DailyRecorder({
    directory,
    timeZone: 'Asia/Kolkata',
    instrument: (symbol) => makeInstrument(symbol),
    source: 'test',
    timers: false,
  });
  const problems: string[] = [];
  const published: CandlesView[] = [];
  const candles = new LiveCandles({
    instrument: (symbol) => resolveInstrument(symbol as typeof NIFTY_CE, undefined, 'nse'),
    publish: (view) => published.push(view),
    timeZone: 'Asia/Kolkata',
    history:
      options.history === false
        ? undefined
        : recordedSessionHistory({
            directory,
            timeZone: 'Asia/Kolkata',
            flushRecorder: () => recorder.flush(),
            log: (message) => problems.push(message),
          }),
  });
  const apply = (event: ReturnType<typeof makeTrade> | ReturnType<typeof makeIndexTick>): void => {
    candles.onMarketEvent(event);
    recorder.record(event);
  };
  return { directory, recorder, candles, apply, problems, published };
}

const trade = (minute: number, price: number, size = 65) =>
  makeTrade({ tsOffsetUs: minute * MINUTE + 1_000_000, price: asPrice(price), size });

describe('chart history from the day recording', () => {
  it('a chart opened mid-session gets the bars of the session so far, then live bars, none counted twice', async () => {
    const core = makeCore();
    // The first 30 minutes trade before any chart asks for the option (the engine's index ticks too).
    for (let minute = 0; minute < 30; minute++) {
      core.apply(trade(minute, 10_000 + minute * 5));
      core.apply(makeIndexTick(2_410_000 + minute, minute * MINUTE));
    }
    const opened = await core.candles.candles(NIFTY_CE, 60);
    expect(opened.candles.map((bar) => bar.tsStart)).toEqual(
      Array.from({ length: 30 }, (_, minute) => SESSION_OPEN_US + minute * MINUTE),
    );
    expect(opened.candles[29]).toMatchObject({ open: 10_145, close: 10_145, volume: 65, source: 'trade' });
    expect(opened.timeZone).toBe('Asia/Kolkata');

    // Live from here: the open bar (minute 29) goes on, minute 30 opens.
    core.apply(makeTrade({ tsOffsetUs: 29 * MINUTE + 30_000_000, price: asPrice(10_200), size: 10 }));
    core.apply(trade(30, 10_100));
    const after = await core.candles.candles(NIFTY_CE, 60);
    expect(after.candles).toHaveLength(31);
    expect(after.candles[29]).toMatchObject({ high: 10_200, close: 10_200, volume: 75 });
    expect(after.candles[30]).toMatchObject({ open: 10_100, volume: 65 });
    expect(core.problems).toEqual([]);
    core.recorder.close();
  });

  it('holds the live ticks that arrive while the history is read and applies them after it', async () => {
    const core = makeCore();
    for (let minute = 0; minute < 3; minute++) core.apply(trade(minute, 10_000 + minute));
    const asked = core.candles.candles(NIFTY_CE, 60);
    // The read yields between slices: these arrive meanwhile, and are also appended to the file.
    core.apply(trade(3, 10_003));
    core.apply(trade(4, 10_004));
    core.recorder.flush();
    const view = await asked;
    expect(view.candles.map((bar) => bar.open)).toEqual([10_000, 10_001, 10_002, 10_003, 10_004]);
    expect(view.candles.map((bar) => bar.volume)).toEqual([65, 65, 65, 65, 65]);
    core.recorder.close();
  });

  it('reads what the recorder still buffers, and only the symbol asked for', async () => {
    const core = makeCore();
    core.apply(trade(0, 10_000));
    core.apply(makeIndexTick(2_410_000, 1_000_000));
    // Nothing flushed yet: the file holds only its header until the history read flushes it.
    const view = await core.candles.candles(NIFTY_CE, 1);
    expect(view.candles).toHaveLength(1);
    expect(view.candles[0]).toMatchObject({ open: 10_000, volume: 65 });
    expect((await core.candles.candles(NIFTY, 1)).candles).toHaveLength(1);
    core.recorder.close();
  });

  it('does not hand the history out as a live update: a window reads it with getCandles', async () => {
    const core = makeCore();
    for (let minute = 0; minute < 5; minute++) core.apply(trade(minute, 10_000 + minute));
    core.candles.setInterest([`${NIFTY_CE}@60`]);
    await core.candles.loaded(NIFTY_CE);
    core.candles.publishFrame();
    expect(core.published).toEqual([]);
    core.apply(trade(5, 10_050));
    core.candles.publishFrame();
    // Only the bar that closed and the one that opened, not the session before them.
    expect(core.published).toHaveLength(1);
    expect(core.published[0].candles.map((bar) => bar.tsStart)).toEqual([
      SESSION_OPEN_US + 4 * MINUTE,
      SESSION_OPEN_US + 5 * MINUTE,
    ]);
    core.recorder.close();
  });

  it('a symbol asked for before any market event gets its history at the first event (a restart mid-session)', async () => {
    const earlier = makeCore();
    for (let minute = 0; minute < 3; minute++) earlier.apply(trade(minute, 10_000 + minute));
    earlier.recorder.close();
    // The core restarts on the same folder: its candles know no market time until the feed speaks.
    const problems: string[] = [];
    const recorder = new DailyRecorder({
      directory: earlier.directory,
      timeZone: 'Asia/Kolkata',
      instrument: (symbol) => makeInstrument(symbol),
      source: 'test',
      timers: false,
    });
    const candles = new LiveCandles({
      instrument: (symbol) => resolveInstrument(symbol as typeof NIFTY_CE, undefined, 'nse'),
      publish: () => undefined,
      timeZone: 'Asia/Kolkata',
      history: recordedSessionHistory({
        directory: earlier.directory,
        timeZone: 'Asia/Kolkata',
        flushRecorder: () => recorder.flush(),
        log: (message) => problems.push(message),
      }),
    });
    candles.track(NIFTY_CE);
    const live = trade(3, 10_003);
    candles.onMarketEvent(live);
    recorder.record(live);
    const view = await candles.candles(NIFTY_CE, 60);
    expect(view.candles.map((bar) => bar.open)).toEqual([10_000, 10_001, 10_002, 10_003]);
    expect(problems).toEqual([]);
    recorder.close();
  });

  it('without a recording, bars start when the symbol is first charted', async () => {
    const core = makeCore({ history: false });
    core.apply(trade(0, 10_000));
    expect((await core.candles.candles(NIFTY_CE, 60)).candles).toEqual([]);
    core.apply(trade(1, 10_001));
    expect((await core.candles.candles(NIFTY_CE, 60)).candles).toHaveLength(1);
    core.recorder.close();
  });
});
