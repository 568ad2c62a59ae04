import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../../src/shared/api/errors';
import type { ReplayStateView } from '../../../src/shared/api/views';
import { backtestRunView } from '../../../src/main/coreWorker/replayWindow/backtestRun';
import { ReplayController } from '../../../src/main/coreWorker/replayWindow/replayController';
import { resolveReplayPath } from '../../../src/main/coreWorker/replayWindow/replayPaths';
import type { BacktestRunRecord } from '../../../src/main/ledger/ledger';
import { ManualScheduler } from '../../../src/main/backtest/replayScheduler';
import { writeExchangeRecording } from '../../support/replayRecordings';

const SMALL = 'small.sdrec';
const EVENTS = 600;
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scalpdesk-replay-window-'));
  writeExchangeRecording(dir, SMALL, { minutes: 1, maxEvents: EVENTS });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Lets the save promise settle (it resolves through a few microtasks). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 5; i++) await Promise.resolve();
};

function makeController(
  saveRun: (run: BacktestRunRecord) => Promise<void> = async () => undefined,
  batchSize?: number,
) {
  const scheduler = new ManualScheduler();
  const published: ReplayStateView[] = [];
  const saved: BacktestRunRecord[] = [];
  const controller = new ReplayController({
    recordingsDir: dir,
    publish: (state) => published.push(state),
    saveRun: async (run) => {
      saved.push(run);
      await saveRun(run);
    },
    scheduler,
    batchSize,
    newRunId: () => 'run-1',
    nowUs: () => 42,
  });
  return { controller, scheduler, published, saved };
}

describe('ReplayController', () => {
  it('publishes at most one state per frame, however many events a frame plays', async () => {
    const { controller, scheduler, published } = makeController();
    controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.setSpeed('max');
    controller.play();
    scheduler.advance(0);
    expect(published).toHaveLength(0);
    scheduler.advance(16);
    expect(published).toHaveLength(1);
    expect(published[0]).toMatchObject({ status: 'finished', eventNumber: EVENTS, progress: 1 });
    expect(published[0].results?.saved).toBe('pending');
    await settle();
    scheduler.advance(16);
    expect(published).toHaveLength(2);
    expect(published[1].results?.saved).toBe('saved');
    expect(published[1].sequence).toBeGreaterThan(published[0].sequence);
    scheduler.advance(1000);
    expect(published).toHaveLength(2);
  });

  it('paces playback by tape time at 1× through the injected scheduler', () => {
    const { controller, scheduler, published } = makeController();
    const opened = controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    const spanMs = ((opened.tape?.endUs ?? 0) - (opened.tape?.startUs ?? 0)) / 1000;
    expect(spanMs).toBeGreaterThan(500);
    controller.play();
    let frames = 0;
    for (let elapsed = 0; elapsed < spanMs / 2; elapsed += 16) {
      scheduler.advance(16);
      frames++;
    }
    const halfway = controller.state();
    expect(halfway.status).toBe('playing');
    expect(halfway.eventNumber).toBeGreaterThan(0);
    expect(halfway.eventNumber).toBeLessThan(EVENTS);
    expect(published.length).toBeLessThanOrEqual(frames);
    scheduler.advance(spanMs);
    expect(controller.state().status).toBe('finished');
  });

  it('saves every finished run with its params and summary', async () => {
    const { controller, scheduler, saved } = makeController();
    controller.open({ path: SMALL, preset: 'Sniper', seed: 9 });
    controller.setSpeed('max');
    controller.play();
    scheduler.advance(0);
    await settle();
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatchObject({
      runId: 'run-1',
      kind: 'replay',
      status: 'finished',
      finishedUs: 42,
      params: {
        origin: 'replay-window',
        files: [path.join(dir, SMALL)],
        format: 'rec',
        preset: 'Sniper',
        seed: 9,
      },
    });
    const view = backtestRunView({ ...saved[0], createdUs: 1, finishedUs: 42, result: saved[0].result });
    expect(view).toMatchObject({ file: SMALL, preset: 'Sniper', seed: 9, events: EVENTS, trades: 0 });
  });

  it('shows a failed save with its reason', async () => {
    const { controller, scheduler } = makeController(async () => {
      throw new Error('ledger thread is not attached');
    });
    controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.setSpeed('max');
    controller.play();
    scheduler.advance(0);
    await settle();
    expect(controller.state().results).toMatchObject({
      saved: 'failed',
      saveError: 'ledger thread is not attached',
    });
  });

  it('a refused open leaves the open replay as it was', () => {
    const { controller } = makeController();
    controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.step();
    expect(() => controller.open({ path: 'missing.sdrec', preset: 'Balanced', seed: 1 })).toThrow(ApiError);
    expect(() => controller.open({ path: SMALL, preset: 'Balanced', seed: 1, symbol: 'NOT-THERE' })).toThrow(
      /symbol: NOT-THERE is not on small\.sdrec/,
    );
    expect(controller.state()).toMatchObject({
      status: 'paused',
      eventNumber: 1,
      file: path.join(dir, SMALL),
    });
  });

  it('a jump forward plays the events on the way in short batches, then holds at the target', () => {
    const { controller, scheduler } = makeController(undefined, 50);
    const opened = controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    const startUs = opened.tape?.startUs ?? 0;
    const target = startUs + Math.floor(((opened.tape?.endUs ?? 0) - startUs) / 2);
    const seeking = controller.seek(target);
    expect(seeking).toMatchObject({ status: 'seeking', seekingToUs: target, eventNumber: 0, speed: 1 });
    scheduler.advance(0);
    const there = controller.state();
    expect(there).toMatchObject({ status: 'paused', seekingToUs: null, speed: 1 });
    expect(there.eventNumber).toBeGreaterThan(50);
    expect(there.positionUs).toBeLessThan(target);
    expect(there.nextEventUs).toBeGreaterThanOrEqual(target);
  });

  it('a jump while playing plays on from the target at the chosen speed', () => {
    const { controller, scheduler } = makeController(undefined, 50);
    const opened = controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.setSpeed(2);
    controller.play();
    scheduler.advance(16);
    const target = (opened.tape?.endUs ?? 0) - 200_000;
    expect(controller.seek(target).status).toBe('seeking');
    scheduler.advance(0);
    expect(controller.state()).toMatchObject({ status: 'playing', speed: 2 });
    expect(controller.state().nextEventUs).toBeGreaterThanOrEqual(target);
    scheduler.advance(1000);
    expect(controller.state().status).toBe('finished');
  });

  it('pausing during a jump stops it where it is', () => {
    const { controller } = makeController(undefined, 50);
    const opened = controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.seek(opened.tape?.endUs ?? 0);
    const paused = controller.pause();
    expect(paused).toMatchObject({ status: 'paused', seekingToUs: null, speed: 1 });
  });

  it('jumping back after the end starts a new run without the old results', () => {
    const { controller, scheduler } = makeController();
    const opened = controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.setSpeed('max');
    controller.play();
    scheduler.advance(0);
    expect(controller.state().results).not.toBeNull();
    const back = controller.seek(opened.tape?.startUs ?? 0);
    expect(back).toMatchObject({ status: 'paused', eventNumber: 0, results: null });
  });
});

describe('the replay chart (replay.getCandles)', () => {
  it('builds the watched symbol bars from the tape start, answers the tail from a bar on, and changes its key on a jump back', () => {
    const { controller, scheduler } = makeController();
    expect(controller.candles({ interval: 1 })).toEqual({
      key: '0',
      candles: null,
      fills: [],
      tradedSymbols: [],
    });
    const opened = controller.open({ path: SMALL, preset: 'Balanced', seed: 1 });
    controller.setSpeed('max');
    controller.play();
    scheduler.advance(0);
    const all = controller.candles({ interval: 1 });
    const bars = all.candles?.candles ?? [];
    expect(all.candles?.symbol).toBe(controller.state().symbol);
    expect(all.candles?.timeZone).toBe(opened.tape?.timeZone);
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars.every((bar, index) => index === 0 || bar.tsStart > bars[index - 1].tsStart)).toBe(true);
    const tail = controller.candles({ interval: 1, from: bars[bars.length - 2].tsStart });
    expect(tail.key).toBe(all.key);
    expect(tail.candles?.candles).toEqual(bars.slice(-2));

    controller.seek(opened.tape?.startUs ?? 0);
    const restarted = controller.candles({ interval: 1 });
    expect(restarted.key).not.toBe(all.key);
    expect(restarted.candles?.candles).toEqual([]);
  });
});

describe('resolveReplayPath', () => {
  const refused = (input: string): ApiError => {
    try {
      resolveReplayPath(input, dir);
    } catch (error) {
      return error as ApiError;
    }
    throw new Error(`${input} was accepted`);
  };

  it('takes a bare name from the recordings folder and an absolute path to a regular file', () => {
    expect(resolveReplayPath(SMALL, dir)).toBe(path.join(dir, SMALL));
    expect(resolveReplayPath(path.join(dir, SMALL), dir)).toBe(path.join(dir, SMALL));
  });

  it('refuses relative paths, directories, missing files and dot names, naming the path field', () => {
    for (const [input, reason] of [
      ['sub/small.sdrec', /is relative/],
      ['../small.sdrec', /is relative/],
      [dir, /not a regular file/],
      [path.join(dir, 'missing.csv'), /does not exist/],
      ['missing.sdrec', /no recording named "missing\.sdrec"/],
      ['..', /not a recording name/],
    ] as const) {
      const error = refused(input);
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.field).toBe('path');
      expect(error.message).toMatch(reason);
    }
  });
});

describe('backtestRunView', () => {
  it('reads rows of other kinds or older builds as nulls rather than failing', () => {
    expect(
      backtestRunView({
        runId: 'sweep-1',
        kind: 'sweep',
        status: 'finished',
        createdUs: 5,
        finishedUs: null,
        params: ['not', 'an', 'object'],
        result: { summary: 'text' },
      }),
    ).toEqual({
      runId: 'sweep-1',
      kind: 'sweep',
      status: 'finished',
      createdUs: 5,
      finishedUs: null,
      origin: null,
      file: null,
      preset: null,
      seed: null,
      events: null,
      trades: null,
      netPnl: null,
      currency: null,
      winRate: null,
    });
  });
});
