import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { ApiError } from '../../src/shared/api/errors';
import type { ReplayStateView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import { writeExchangeRecording } from '../support/replayRecordings';
import { repoRoot } from '../support/serveProcess';
import { until } from '../support/until';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

const LOBSTER_MESSAGE_FILE = path.join(
  repoRoot,
  'tests/fixtures/lobster-amzn/AMZN_2012-06-21_34200000_57600000_message_1.csv',
);
const SMALL = 'small-2026-01-06.sdrec';
const SMALL_EVENTS = 600;
/** Thirty-five minutes of the exchange: past the engine's warm-up (21 one-minute bars), long enough for the Scalper preset to trade. */
const SESSION = 'session-2026-01-06.sdrec';

async function expectApiError(
  promise: Promise<unknown>,
  code: ApiError['code'],
  pattern: RegExp,
  field?: string,
): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to be refused');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.code).toBe(code);
  expect(apiError.message).toMatch(pattern);
  if (field !== undefined) expect(apiError.field).toBe(field);
  return apiError;
}

/**
 * The replay service against a real workstation (worker threads from the build, SQLite in a temp
 * folder): the replay runs in the core worker next to the live desk, its runs land in the ledger.
 */
describe('replay API', () => {
  let workstation: Workstation;
  let dataDir: string;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;
  let sessionEvents = 0;

  beforeAll(async () => {
    ({ workstation, dataDir } = await startTestWorkstation());
    const connection = await inMemoryTransport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
    const recordings = path.join(dataDir, 'recordings');
    writeExchangeRecording(recordings, SMALL, { minutes: 1, maxEvents: SMALL_EVENTS });
    sessionEvents = writeExchangeRecording(recordings, SESSION, { minutes: 35 }).events;
    fs.writeFileSync(path.join(recordings, 'corrupt.sdrec'), Buffer.from('this is not a recording at all'));
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  it('lists the recordings in <dataDir>/recordings with day, size and event count', async () => {
    const recordings = await api.replay.listRecordings({});
    const small = recordings.find((recording) => recording.name === SMALL);
    expect(small).toMatchObject({
      day: '2026-01-06',
      events: SMALL_EVENTS,
      path: path.join(dataDir, 'recordings', SMALL),
    });
    expect(small?.sizeBytes).toBe(fs.statSync(path.join(dataDir, 'recordings', SMALL)).size);
    expect(small?.firstEventUs).toBeLessThan(small?.lastEventUs ?? 0);
    const corrupt = recordings.find((recording) => recording.name === 'corrupt.sdrec');
    expect(corrupt?.problem).toMatch(/invalid header/);
  });

  it('is idle before anything is opened, and controls are refused', async () => {
    expect((await api.replay.getState({})).status).toBe('idle');
    await expectApiError(api.replay.play({}), 'REJECTED', /no replay is open/);
  });

  it('opens a recording by name, steps one event at a time and seeks both ways', async () => {
    const opened = await api.replay.open({ path: SMALL });
    expect(opened).toMatchObject({
      status: 'ready',
      file: path.join(dataDir, 'recordings', SMALL),
      eventNumber: 0,
      positionUs: null,
      tape: { name: SMALL, format: 'rec', preset: 'Balanced', seed: 1, timeZone: 'Asia/Kolkata' },
    });
    const tape = opened.tape;
    if (!tape || tape.startUs === null || tape.endUs === null) throw new Error('no tape bounds');
    expect(tape.totalEvents).toBe(SMALL_EVENTS);
    expect(tape.symbols).toContain('NIFTY');

    const first = await api.replay.step({});
    expect(first).toMatchObject({ status: 'paused', eventNumber: 1, positionUs: tape.startUs });
    const second = await api.replay.step({});
    expect(second.eventNumber).toBe(2);

    // A jump forward plays the events on the way (status 'seeking'), then holds at the target.
    const middle = tape.startUs + Math.floor((tape.endUs - tape.startUs) / 2);
    const seeking = await api.replay.seek({ tsUs: middle });
    expect(['seeking', 'paused']).toContain(seeking.status);
    const forward = await waitFor(
      api.replay.onState,
      {},
      (value) => value.status === 'paused' && value.eventNumber > 2,
    );
    expect(forward.seekingToUs).toBeNull();
    expect(forward.eventNumber).toBeGreaterThan(2);
    expect(forward.nextEventUs).toBeGreaterThanOrEqual(middle);
    expect(forward.positionUs).toBeLessThan(middle);
    expect(forward.progress).toBeCloseTo(forward.eventNumber / SMALL_EVENTS, 6);

    const back = await api.replay.seek({ tsUs: tape.startUs });
    expect(back).toMatchObject({ status: 'paused', eventNumber: 0, positionUs: null });
    expect(back.account).toEqual({ decisions: 0, orders: 0, fills: 0, positions: [] });
  });

  it('follows the replayed book of the watched symbol', async () => {
    const watched = await api.replay.watch({ symbol: 'NIFTY' });
    expect(watched.symbol).toBe('NIFTY');
    // Past the last event: the whole tape plays (and the run ends).
    await api.replay.seek({ tsUs: (watched.tape?.endUs ?? 0) + 1 });
    const state = await waitFor(
      api.replay.onState,
      {},
      (value) => value.status === 'finished' && value.ladder?.symbol === 'NIFTY',
    );
    expect(state.ladder?.lastPrice).not.toBeNull();
    expect(state.ladder?.bids.length).toBeGreaterThan(0);
    await expectApiError(api.replay.watch({ symbol: 'NOT-ON-TAPE' }), 'BAD_REQUEST', /not on/, 'symbol');
  });

  it('pauses: nothing more is played until play', async () => {
    await api.replay.open({ path: SESSION });
    await api.replay.setSpeed({ speed: 60 });
    const playing = await api.replay.play({});
    expect(playing.status).toBe('playing');
    await waitFor(api.replay.onState, {}, (value) => value.eventNumber > 0);
    const paused = await api.replay.pause({});
    expect(paused.status).toBe('paused');
    expect(paused.speed).toBe(60);
    // Barrier instead of a sleep: three more frames of a live ladder, published by the same core
    // worker's frame timer, mean its event loop has run well past any replay batch still due.
    const live = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    let frames = 0;
    const stopWatching = api.market.onLadder({ symbol: live?.symbol ?? '' }, () => frames++);
    try {
      await until(() => frames >= 3, 'three live ladder frames after the pause');
    } finally {
      stopWatching();
    }
    const later = await api.replay.getState({});
    expect(later.status).toBe('paused');
    expect(later.eventNumber).toBe(paused.eventNumber);
  });

  it('plays at max speed to the end: conflated states, results, the run saved in the ledger', async () => {
    await api.replay.open({ path: SESSION, preset: 'Scalper', seed: 3 });
    const states: ReplayStateView[] = [];
    const unsubscribe = api.replay.onState({}, (state) => states.push(state));
    try {
      await api.replay.setSpeed({ speed: 'max' });
      await api.replay.play({});
      const finished = await waitFor(
        api.replay.onState,
        {},
        (state) => state.status === 'finished' && state.results?.saved === 'saved',
        20_000,
      );
      const results = finished.results;
      if (!results) throw new Error('no results');
      expect(finished.progress).toBe(1);
      expect(finished.eventNumber).toBe(sessionEvents);
      expect(results).toMatchObject({ events: sessionEvents, saved: 'saved' });
      expect(results.trades).toBeGreaterThan(0);
      expect(results.fills).toBeGreaterThan(0);
      expect(results.wins + results.losses).toBeLessThanOrEqual(results.trades);
      expect(results.bySignal.reduce((sum, row) => sum + row.trades, 0)).toBe(results.trades);
      expect(finished.account.fills).toBe(results.fills);

      // Conflated: at most one state per frame, so far fewer states than events; sequences only grow.
      const playedStates = states.filter((state) => state.tape?.name === SESSION);
      expect(playedStates.length).toBeGreaterThan(1);
      expect(playedStates.length).toBeLessThan(sessionEvents / 10);
      for (let i = 1; i < playedStates.length; i++)
        expect(playedStates[i].sequence).toBeGreaterThan(playedStates[i - 1].sequence);

      // The replay account never mixes with live: no 'replay' position or order on the live desk.
      const positions = await api.positions.list({});
      expect(positions.filter((position) => position.source === 'replay')).toEqual([]);
      const orders = await api.orders.list({});
      expect(orders.filter((order) => order.source === 'replay')).toEqual([]);

      const runs = await api.replay.listRuns({});
      const run = runs.find((candidate) => candidate.runId === results.runId);
      expect(run).toMatchObject({
        kind: 'replay',
        status: 'finished',
        origin: 'replay-window',
        file: SESSION,
        preset: 'Scalper',
        seed: 3,
        events: sessionEvents,
        trades: results.trades,
        netPnl: results.netPnl,
        winRate: results.winRate,
      });
    } finally {
      unsubscribe();
    }
  });

  it('opens an import by absolute path (the LOBSTER sample)', async () => {
    const opened = await api.replay.open({ path: LOBSTER_MESSAGE_FILE, format: 'lobster' });
    expect(opened.tape).toMatchObject({ format: 'lobster', symbols: ['AMZN'], timeZone: 'America/New_York' });
    const stepped = await api.replay.step({});
    expect(stepped.eventNumber).toBe(1);
  });

  it('refuses a missing file, a corrupt file and paths outside what is allowed, changing nothing', async () => {
    const before = await api.replay.open({ path: SMALL });
    const unchanged = async (): Promise<void> => {
      const now = await api.replay.getState({});
      expect(now.file).toBe(before.file);
      expect(now.status).toBe('ready');
    };
    await expectApiError(
      api.replay.open({ path: 'missing.sdrec' }),
      'BAD_REQUEST',
      /no recording named "missing\.sdrec"/,
      'path',
    );
    await unchanged();
    await expectApiError(
      api.replay.open({ path: path.join(dataDir, 'nowhere', 'x.csv') }),
      'BAD_REQUEST',
      /does not exist/,
      'path',
    );
    await expectApiError(
      api.replay.open({ path: 'corrupt.sdrec' }),
      'BAD_REQUEST',
      /corrupt\.sdrec: invalid header/,
      'path',
    );
    await unchanged();
    await expectApiError(
      api.replay.open({ path: '../scalpdesk.sqlite' }),
      'BAD_REQUEST',
      /is relative/,
      'path',
    );
    await expectApiError(api.replay.open({ path: dataDir }), 'BAD_REQUEST', /not a regular file/, 'path');
    const empty = path.join(dataDir, 'empty.csv');
    fs.writeFileSync(empty, '');
    await expectApiError(api.replay.open({ path: empty }), 'BAD_REQUEST', /empty/, 'path');
    await unchanged();
  });

  it('rejects malformed payloads naming the field', async () => {
    await expectApiError(
      api.replay.setSpeed({ speed: 7 as never }),
      'BAD_REQUEST',
      /speed: must be one of 1, 2, 5, 10, 60, max/,
      'speed',
    );
    await expectApiError(api.replay.seek({ tsUs: 'soon' as never }), 'BAD_REQUEST', /tsUs/, 'tsUs');
    await expectApiError(
      api.replay.seek({ tsUs: 1.5 }),
      'BAD_REQUEST',
      /tsUs: must be a whole number/,
      'tsUs',
    );
    await expectApiError(
      api.replay.open({ path: SMALL, preset: 'Yolo' as never }),
      'BAD_REQUEST',
      /preset/,
      'preset',
    );
    await expectApiError(api.replay.open({ path: SMALL, seed: -1 }), 'BAD_REQUEST', /seed/, 'seed');
    await expectApiError(api.replay.open({ path: '' }), 'BAD_REQUEST', /path: is empty/, 'path');
    await expectApiError(
      api.replay.open({ path: SMALL, extra: true } as never),
      'BAD_REQUEST',
      /extra|unrecognized/i,
    );
    await expectApiError(api.replay.listRuns({ limit: 0 }), 'BAD_REQUEST', /limit/, 'limit');
  });

  it('closes the replay', async () => {
    const closed = await api.replay.close({});
    expect(closed).toMatchObject({ status: 'idle', file: null, tape: null, results: null });
  });
});
