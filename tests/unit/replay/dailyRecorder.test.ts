import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DailyRecorder } from '../../../src/main/backtest/recording/dailyRecorder';
import { readAllEvents } from '../../../src/main/backtest/recording/reader';
import { asTimestampUs } from '../../../src/shared/domain/time';
import { makeInstrument, makeTempDir, makeTrade } from './factories';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function recorder(): { dir: string; recorder: DailyRecorder } {
  const dir = makeTempDir();
  dirs.push(dir);
  return {
    dir,
    recorder: new DailyRecorder({
      directory: dir,
      timeZone: 'Asia/Kolkata',
      instrument: () => makeInstrument(),
      source: 'test',
      timers: false,
    }),
  };
}

/** µs of an IST wall time. */
const ist = (iso: string): number => Date.parse(`${iso}+05:30`) * 1000;

describe('DailyRecorder', () => {
  it('names the file by the market day and starts a new one after midnight IST', () => {
    const { dir, recorder: daily } = recorder();
    daily.record(makeTrade({ tsEvent: asTimestampUs(ist('2026-11-24T15:29:59')) }));
    // 23:59 IST is still the 24th although it is 18:29 UTC; 00:00:01 IST is the 25th.
    daily.record(makeTrade({ tsEvent: asTimestampUs(ist('2026-11-24T23:59:00')) }));
    daily.record(makeTrade({ tsEvent: asTimestampUs(ist('2026-11-25T00:00:01')) }));
    daily.close();
    expect(fs.readdirSync(dir).sort()).toEqual(['2026-11-24.sdrec', '2026-11-25.sdrec']);
    const first = readAllEvents(path.join(dir, '2026-11-24.sdrec'));
    expect(first.events).toHaveLength(2);
    expect(first.reader.meta).toEqual({ day: '2026-11-24', timeZone: 'Asia/Kolkata', source: 'test' });
    expect(first.reader.instruments).toEqual([makeInstrument()]);
    expect(readAllEvents(path.join(dir, '2026-11-25.sdrec')).events).toHaveLength(1);
  });

  it("keeps a silent evening's clock steps in the day's file, and a step past midnight opens no file", () => {
    const { dir, recorder: daily } = recorder();
    const trade = makeTrade({ tsEvent: asTimestampUs(ist('2026-11-24T15:29:59')) });
    daily.record(trade);
    daily.record({ type: 'clock', symbol: trade.symbol, tsEvent: asTimestampUs(ist('2026-11-24T23:59:59')) });
    daily.record({ type: 'clock', symbol: trade.symbol, tsEvent: asTimestampUs(ist('2026-11-25T00:00:01')) });
    daily.close();
    expect(fs.readdirSync(dir)).toEqual(['2026-11-24.sdrec']);
    expect(readAllEvents(path.join(dir, '2026-11-24.sdrec')).events.map((event) => event.type)).toEqual([
      'trade',
      'clock',
    ]);
  });

  it('appends to the day file after a restart', () => {
    const { dir, recorder: daily } = recorder();
    daily.record(makeTrade({ tsEvent: asTimestampUs(ist('2026-11-24T09:15:00')) }));
    daily.close();
    const again = new DailyRecorder({
      directory: dir,
      timeZone: 'Asia/Kolkata',
      instrument: () => makeInstrument(),
      source: 'test',
      timers: false,
    });
    again.record(makeTrade({ tsEvent: asTimestampUs(ist('2026-11-24T09:16:00')) }));
    again.close();
    expect(readAllEvents(path.join(dir, '2026-11-24.sdrec')).events).toHaveLength(2);
  });

  it('makes events readable after flush without closing (what a crash leaves)', () => {
    const { dir, recorder: daily } = recorder();
    daily.record(makeTrade({ tsEvent: asTimestampUs(ist('2026-11-24T09:15:00')) }));
    daily.flush();
    const { events, problem } = readAllEvents(path.join(dir, '2026-11-24.sdrec'));
    expect(events).toHaveLength(1);
    expect(problem).toBeNull();
    daily.close();
  });
});
