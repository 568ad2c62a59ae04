import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReplayDriver, type ReplayState } from '../../../src/main/backtest/driver';
import { ManualScheduler } from '../../../src/main/backtest/replayScheduler';
import { RecordingWriter } from '../../../src/main/backtest/recording/writer';
import type { ReplayReport } from '../../../src/main/backtest/run/report';
import { ArraySource } from '../../../src/main/backtest/sources/arraySource';
import type { EventSource } from '../../../src/main/backtest/sources/eventSource';
import { RecordingSource } from '../../../src/main/backtest/sources/recordingSource';
import type { ReplaySession, ReplaySessionFactory } from '../../../src/main/backtest/session/replaySession';
import type { RecordedEvent } from '../../../src/shared/recording/events';
import { makeInstrument, makeTempDir, makeTrade, SESSION_OPEN_US } from './factories';

/** Trades one second apart. */
function secondsTape(count: number, gapAfter?: { index: number; seconds: number }): RecordedEvent[] {
  let offset = 0;
  return Array.from({ length: count }, (_, i) => {
    const event = makeTrade({ tsOffsetUs: offset, price: (12345 + i * 5) as never });
    offset += gapAfter && gapAfter.index === i ? gapAfter.seconds * 1e6 : 1e6;
    return event;
  });
}

/** A session that only remembers what it was fed (the engine's place in these tests). */
class CapturingSession implements ReplaySession {
  readonly seen: number[] = [];
  onEvent(event: RecordedEvent): void {
    this.seen.push(event.tsEvent - SESSION_OPEN_US);
  }
  finish() {
    return {
      preset: null,
      ordersPlaced: 0,
      fills: [],
      decisions: [],
      orderDecisions: new Map(),
      lastPrices: new Map(),
    };
  }
}

function setup(
  events: RecordedEvent[],
  options: { session?: boolean; batchSize?: number; open?: () => EventSource } = {},
) {
  const scheduler = new ManualScheduler();
  const sessions: CapturingSession[] = [];
  let opens = 0;
  const factory: ReplaySessionFactory = () => {
    const session = new CapturingSession();
    sessions.push(session);
    return session;
  };
  const driver = new ReplayDriver({
    open: () => {
      opens++;
      return options.open ? options.open() : new ArraySource(events, [makeInstrument()]);
    },
    sessionFactory: options.session === false ? undefined : factory,
    scheduler,
    batchSize: options.batchSize,
  });
  const played: number[] = [];
  const states: ReplayState[] = [];
  const ends: ReplayReport[] = [];
  driver.subscribe({
    onEvent: (event) => played.push(event.tsEvent - SESSION_OPEN_US),
    onState: (state) => states.push(state),
    onEnd: (report) => ends.push(report),
  });
  return { driver, scheduler, sessions, played, states, ends, opens: () => opens };
}

describe('ReplayDriver', () => {
  it('steps one event at a time and reports the end once', () => {
    const { driver, played, ends, sessions } = setup(secondsTape(3));
    expect(driver.state.status).toBe('ready');
    expect(driver.step()?.tsEvent).toBe(SESSION_OPEN_US);
    expect(driver.state).toMatchObject({
      status: 'paused',
      eventNumber: 1,
      tapeTimeUs: SESSION_OPEN_US,
      nextEventUs: SESSION_OPEN_US + 1e6,
    });
    driver.step();
    driver.step();
    expect(driver.step()).toBeNull();
    expect(played).toEqual([0, 1e6, 2e6]);
    expect(sessions[0].seen).toEqual([0, 1e6, 2e6]);
    expect(driver.state.status).toBe('ended');
    expect(ends).toHaveLength(1);
    expect(ends[0].summary.events).toBe(3);
  });

  it('plays at 1× in tape time', () => {
    const { driver, scheduler, played } = setup(secondsTape(5));
    driver.play();
    scheduler.advance(0);
    expect(played).toEqual([0]);
    scheduler.advance(999);
    expect(played).toEqual([0]);
    scheduler.advance(1);
    expect(played).toEqual([0, 1e6]);
    scheduler.advance(3000);
    expect(played).toHaveLength(5);
    expect(driver.state.status).toBe('ended');
  });

  it('plays 60 seconds of tape in one second at 60×', () => {
    const { driver, scheduler, played } = setup(secondsTape(121));
    driver.setSpeed(60);
    driver.play();
    scheduler.advance(1000);
    expect(played).toHaveLength(61);
  });

  it('plays at 2×, 5× and 10× in proportion', () => {
    for (const speed of [2, 5, 10] as const) {
      const { driver, scheduler, played } = setup(secondsTape(50));
      driver.setSpeed(speed);
      driver.play();
      scheduler.advance(2000);
      expect(played).toHaveLength(2 * speed + 1);
    }
  });

  it('plays as fast as possible at max, in batches that let a pause in', () => {
    const { driver, scheduler, played } = setup(secondsTape(25), { batchSize: 10 });
    driver.setSpeed('max');
    driver.play();
    scheduler.advance(0);
    // Each batch yields to the scheduler; at time 0 all batches run one after another.
    expect(played).toHaveLength(25);
    expect(driver.state.status).toBe('ended');
  });

  it('pauses, and resumes without jumping over the paused time', () => {
    const { driver, scheduler, played } = setup(secondsTape(10));
    driver.play();
    scheduler.advance(1500);
    driver.pause();
    scheduler.advance(60_000);
    expect(played).toHaveLength(2);
    driver.play();
    scheduler.advance(0);
    expect(played).toHaveLength(2);
    scheduler.advance(500);
    expect(played).toHaveLength(3);
  });

  it('changes speed while playing from the current tape time', () => {
    const { driver, scheduler, played } = setup(secondsTape(100));
    driver.play();
    scheduler.advance(2000);
    expect(played).toHaveLength(3);
    driver.setSpeed(10);
    scheduler.advance(1000);
    expect(played).toHaveLength(13);
  });

  it('does not wait out a long gap in the tape', () => {
    const { driver, scheduler, played } = setup(secondsTape(4, { index: 1, seconds: 3600 }));
    driver.play();
    scheduler.advance(1000);
    expect(played).toEqual([0, 1e6, 3601e6]);
  });

  it('jumps forward through the session, which sees every event in between', () => {
    const { driver, sessions, played } = setup(secondsTape(10));
    driver.jumpTo(SESSION_OPEN_US + 5.5e6);
    expect(driver.state).toMatchObject({
      status: 'paused',
      eventNumber: 6,
      nextEventUs: SESSION_OPEN_US + 6e6,
    });
    expect(sessions[0].seen).toHaveLength(6);
    expect(played).toHaveLength(6);
  });

  it('jumps backwards by starting over with a fresh session', () => {
    const { driver, sessions, opens } = setup(secondsTape(10));
    driver.jumpTo(SESSION_OPEN_US + 8e6);
    driver.jumpTo(SESSION_OPEN_US + 3e6);
    expect(opens()).toBe(2);
    expect(sessions).toHaveLength(2);
    expect(sessions[1].seen).toEqual([0, 1e6, 2e6]);
    expect(driver.state.eventNumber).toBe(3);
    expect(driver.step()?.tsEvent).toBe(SESSION_OPEN_US + 3e6);
  });

  it('keeps playing after a jump when it was playing', () => {
    const { driver, scheduler, played } = setup(secondsTape(10));
    driver.play();
    scheduler.advance(0);
    driver.jumpTo(SESSION_OPEN_US + 5e6);
    expect(driver.state.status).toBe('playing');
    scheduler.advance(0);
    expect(played.at(-1)).toBe(5e6);
    scheduler.advance(1000);
    expect(played.at(-1)).toBe(6e6);
  });

  it('gives the same session input at 1× and at max', () => {
    const events = secondsTape(30);
    const slow = setup(events);
    slow.driver.play();
    slow.scheduler.advance(60_000);
    const fast = setup(events, { batchSize: 7 });
    fast.driver.setSpeed('max');
    fast.driver.play();
    fast.scheduler.runAll();
    expect(fast.sessions[0].seen).toEqual(slow.sessions[0].seen);
    expect(JSON.stringify(fast.driver.report)).toBe(JSON.stringify(slow.driver.report));
  });

  describe('on a recording without a session', () => {
    const dir = makeTempDir();
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'tape.sdrec');
    const writer = RecordingWriter.open(file, { checkpointEvery: 8 });
    for (const event of secondsTape(100)) writer.append(event);
    writer.close();

    it('seeks by the index in both directions without reopening', () => {
      const { driver, opens, played } = setup([], { session: false, open: () => new RecordingSource(file) });
      driver.jumpTo(SESSION_OPEN_US + 80e6);
      expect(played).toHaveLength(0);
      expect(driver.step()?.tsEvent).toBe(SESSION_OPEN_US + 80e6);
      driver.jumpTo(SESSION_OPEN_US + 10e6);
      expect(driver.step()?.tsEvent).toBe(SESSION_OPEN_US + 10e6);
      expect(opens()).toBe(1);
      driver.close();
    });
  });
});
