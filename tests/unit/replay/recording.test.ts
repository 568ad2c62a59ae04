import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../src/shared/recording/bytes';
import { appendFrame } from '../../../src/shared/recording/frames';
import { RecordType } from '../../../src/shared/recording/format';
import { RecordingError } from '../../../src/main/backtest/recording/errors';
import { readAllEvents, RecordingReader } from '../../../src/main/backtest/recording/reader';
import { RecordingWriter, type RecordingRepair } from '../../../src/main/backtest/recording/writer';
import type { RecordedEvent } from '../../../src/shared/recording/events';
import { asTimestampUs } from '../../../src/shared/domain/time';
import {
  makeBar,
  makeDepth,
  makeIndexTick,
  makeInstrument,
  makeOptionsContext,
  makeQuote,
  makeTape,
  makeTempDir,
  makeTrade,
  NIFTY,
  SESSION_OPEN_US,
} from './factories';

const dirs: string[] = [];
function tempFile(name = 'day.sdrec'): string {
  const dir = makeTempDir();
  dirs.push(dir);
  return path.join(dir, name);
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function record(
  file: string,
  events: readonly RecordedEvent[],
  options: { close?: boolean; checkpointEvery?: number } = {},
): void {
  const writer = RecordingWriter.open(file, {
    checkpointEvery: options.checkpointEvery ?? 16,
    meta: { day: '2026-11-24', source: 'test' },
  });
  writer.defineInstrument(makeInstrument());
  writer.defineInstrument(makeInstrument(NIFTY, 2, 5));
  for (const event of events) writer.append(event);
  if (options.close === false) writer.abandon();
  else writer.close();
}

/** Byte offset of the n-th (0-based) event frame, found by reading with a fresh reader. */
function offsetOfEvent(file: string, n: number): number {
  const reader = RecordingReader.open(file);
  for (let i = 0; i < n; i++) reader.next();
  const offset = reader.position.offset;
  reader.close();
  return offset;
}

describe('recording round trip', () => {
  it('reads back every event type exactly as written', () => {
    const file = tempFile();
    const events: RecordedEvent[] = [
      makeIndexTick(2410055, 0),
      makeQuote({ tsOffsetUs: 1 }),
      makeTrade({ tsOffsetUs: 2, aggressor: 'buy' }),
      makeTrade({ tsOffsetUs: 2, aggressor: 'sell' }),
      makeTrade({ tsOffsetUs: 3, aggressor: 'unknown' }),
      makeDepth(4),
      makeBar(5),
      makeOptionsContext(6),
      makeTrade({ tsOffsetUs: 7, size: 0.0125 }),
      {
        type: 'contractStats',
        symbol: makeTrade().symbol,
        tsEvent: asTimestampUs(SESSION_OPEN_US + 8),
        openInterest: 1_234_500,
        oiChange: -65_000,
        iv: 0.1423,
        delta: 0.35,
      },
      {
        type: 'contractStats',
        symbol: makeTrade().symbol,
        tsEvent: asTimestampUs(SESSION_OPEN_US + 9),
        gamma: 0.0012,
      },
      {
        type: 'marketDataState',
        symbol: NIFTY,
        tsEvent: asTimestampUs(SESSION_OPEN_US + 10),
        outage: 'is stale (no data from ws://127.0.0.1:9/ for 3100 ms)',
      },
      { type: 'marketDataState', symbol: NIFTY, tsEvent: asTimestampUs(SESSION_OPEN_US + 11), outage: null },
      { type: 'clock', symbol: NIFTY, tsEvent: asTimestampUs(SESSION_OPEN_US + 1_500_000) },
    ];
    record(file, events);
    const { events: read, problem, reader } = readAllEvents(file);
    expect(problem).toBeNull();
    expect(read).toEqual(events);
    expect(reader.meta).toEqual({ day: '2026-11-24', source: 'test' });
    expect(reader.instruments.map((instrument) => instrument.symbol)).toEqual([
      'NIFTY-2026-11-24-24000-CE',
      'NIFTY',
    ]);
  });

  it('keeps timestamps that go backwards', () => {
    const file = tempFile();
    const events = [
      makeTrade({ tsOffsetUs: 5000 }),
      makeTrade({ tsOffsetUs: 4000 }),
      makeTrade({ tsOffsetUs: 6000 }),
    ];
    record(file, events);
    expect(readAllEvents(file).events).toEqual(events);
  });

  it('defines a symbol met only in an event with the default price format', () => {
    const file = tempFile();
    const writer = RecordingWriter.open(file);
    writer.append(makeTrade());
    writer.close();
    const { events, reader } = readAllEvents(file);
    expect(events).toEqual([makeTrade()]);
    expect(reader.instruments).toEqual([{ symbol: makeTrade().symbol, priceDecimals: 2, tickUnits: 1 }]);
  });

  it('stores a trade in about 15 bytes', () => {
    const file = tempFile();
    record(file, makeTape(30_000));
    const bytesPerEvent = fs.statSync(file).size / 30_000;
    expect(bytesPerEvent).toBeLessThan(18);
  });

  it('refuses a fractional price rather than rounding it', () => {
    const writer = RecordingWriter.open(tempFile());
    expect(() => writer.append(makeTrade({ price: 123.5 as never }))).toThrow(
      /not an integer count of minor units/,
    );
    writer.abandon();
  });

  it('skips an event type from a newer writer and keeps the time chain', () => {
    const file = tempFile();
    record(file, [makeTrade({ tsOffsetUs: 0 })], { close: false });
    // A future event type 0x40 carrying symbol 0 and a +10 µs delta, then a known trade.
    const out = new ByteWriter();
    out.uvarint(0);
    out.svarint(10);
    out.raw(new Uint8Array([9, 9, 9]));
    const unknown = new ByteWriter();
    appendFrame(unknown, 0x40, out.bytes());
    fs.appendFileSync(file, unknown.bytes());
    const writer = RecordingWriter.open(file);
    writer.append(makeTrade({ tsOffsetUs: 20 }));
    writer.close();
    const reader = RecordingReader.open(file);
    const read = [reader.next(), reader.next(), reader.next()];
    expect(read.map((event) => event && event.tsEvent - SESSION_OPEN_US)).toEqual([0, 20, null]);
    reader.close();
  });
});

describe('damaged recordings', () => {
  it('reads a torn tail up to the last complete record and names the file, byte and record', () => {
    const file = tempFile();
    const events = makeTape(100);
    record(file, events, { close: false });
    const size = fs.statSync(file).size;
    fs.truncateSync(file, size - 3);
    const lastOffset = offsetOfEvent(file, 99);
    const { events: read, problem } = readAllEvents(file);
    expect(read).toEqual(events.slice(0, 99));
    expect(problem).toBeInstanceOf(RecordingError);
    expect(problem?.kind).toBe('truncated');
    expect(problem?.offset).toBe(lastOffset);
    // Frames: meta, 2 symbol definitions, 99 events, then the torn one is number 103.
    expect(problem?.recordNumber).toBe(103);
    expect(problem?.message).toContain(file);
    expect(problem?.message).toContain(`at byte ${lastOffset} (record 103; 99 events before it were read)`);
    expect(problem?.message).toMatch(/the file ends \d+ bytes into this \d+-byte record/);
  });

  it('stops at a flipped byte in the middle and replays everything before it', () => {
    const file = tempFile();
    const events = makeTape(200);
    record(file, events);
    const offset = offsetOfEvent(file, 120);
    const bytes = fs.readFileSync(file);
    bytes[offset + 3] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const { events: read, problem } = readAllEvents(file);
    expect(read).toEqual(events.slice(0, 120));
    expect(problem?.kind).toBe('checksum');
    expect(problem?.offset).toBe(offset);
    expect(problem?.eventsBefore).toBe(120);
  });

  it('refuses a file that is not a recording, naming it', () => {
    const file = tempFile('ticks.csv');
    fs.writeFileSync(file, 'timestamp,symbol,price,size\n2026-11-24T09:15:00+05:30,NIFTY,24100.5,0\n');
    expect(() => RecordingReader.open(file)).toThrow(
      `${file}: invalid header: not a Scalpdesk recording (bad magic bytes)`,
    );
  });

  it('reports a missing file as a read error naming it', () => {
    const file = tempFile('missing.sdrec');
    expect(() => RecordingReader.open(file)).toThrow(RecordingError);
    expect(() => RecordingReader.open(file)).toThrow(file);
  });
});

describe('seeking by time', () => {
  const events = makeTape(1000);
  const target = SESSION_OPEN_US + 567_500; // between event 567 and 568 (1 ms apart)

  function firstAfterSeek(file: string, tsUs: number): { event: RecordedEvent | null; eventNumber: number } {
    const reader = RecordingReader.open(file);
    reader.seekToTime(tsUs);
    const eventNumber = reader.position.eventNumber;
    const event = reader.next();
    reader.close();
    return { event, eventNumber };
  }

  it('lands on the first event at or after the time using the footer index', () => {
    const file = tempFile();
    record(file, events);
    expect(firstAfterSeek(file, target)).toEqual({ event: events[568], eventNumber: 568 });
  });

  it('lands on the same event after a crash (index rebuilt by scanning)', () => {
    const file = tempFile();
    record(file, events, { close: false });
    expect(firstAfterSeek(file, target)).toEqual({ event: events[568], eventNumber: 568 });
  });

  it('builds the same checkpoints from the footer and from a scan', () => {
    const closed = tempFile('closed.sdrec');
    const crashed = tempFile('crashed.sdrec');
    record(closed, events);
    record(crashed, events, { close: false });
    const footer = RecordingReader.open(closed).index();
    const scanned = RecordingReader.open(crashed, { checkpointEvery: 16 }).index();
    expect(footer.checkpoints).toEqual(scanned.checkpoints);
    expect(footer.checkpoints).toHaveLength(Math.ceil(1000 / 16));
    expect({ ...footer, coveredBytes: 0 }).toEqual({ ...scanned, coveredBytes: 0 });
  });

  it('knows the symbols when starting in the middle', () => {
    const file = tempFile();
    record(file, events);
    const reader = RecordingReader.open(file);
    reader.seekToTime(SESSION_OPEN_US + 900_000);
    expect(reader.next()?.symbol).toBe('NIFTY-2026-11-24-24000-CE');
    expect(reader.instruments).toHaveLength(2);
    reader.close();
  });

  it('seeks past the end to the end', () => {
    const file = tempFile();
    record(file, events);
    expect(firstAfterSeek(file, SESSION_OPEN_US + 10_000_000).event).toBeNull();
  });

  it('rewinds to the first event', () => {
    const file = tempFile();
    record(file, events);
    const reader = RecordingReader.open(file);
    reader.seekToTime(target);
    reader.rewind();
    expect(reader.next()).toEqual(events[0]);
    reader.close();
  });
});

describe('reopening a day file', () => {
  it('appends after a clean close and keeps one readable tape', () => {
    const file = tempFile();
    const first = makeTape(50);
    const second = makeTape(50, 50_000);
    record(file, first);
    record(file, second);
    const { events, problem } = readAllEvents(file);
    expect(problem).toBeNull();
    expect(events).toEqual([...first, ...second]);
  });

  it('cuts a torn tail, saves the cut bytes beside the file and appends after the last good record', () => {
    const file = tempFile();
    const first = makeTape(50);
    record(file, first, { close: false });
    fs.appendFileSync(file, Buffer.from([0x0f, 0x10, 0x01]));
    const repairs: RecordingRepair[] = [];
    const writer = RecordingWriter.open(file, { onRepair: (repair) => repairs.push(repair) });
    const more = makeTape(5, 100_000);
    for (const event of more) writer.append(event);
    writer.close();
    expect(repairs).toHaveLength(1);
    expect(repairs[0].problem.kind).toBe('truncated');
    expect(fs.readFileSync(repairs[0].savedTailPath)).toEqual(Buffer.from([0x0f, 0x10, 0x01]));
    const { events, problem } = readAllEvents(file);
    expect(problem).toBeNull();
    expect(events).toEqual([...first, ...more]);
  });

  it('seeks across both sessions of a reopened file', () => {
    const file = tempFile();
    const first = makeTape(100);
    const second = makeTape(100, 200_000);
    record(file, first);
    record(file, second);
    const reader = RecordingReader.open(file);
    reader.seekToTime(SESSION_OPEN_US + 250_000);
    expect(reader.next()).toEqual(second[50]);
    reader.close();
  });

  it('refuses to append to a file that is not a recording', () => {
    const file = tempFile('notes.sdrec');
    fs.writeFileSync(file, 'these are my trading notes, do not overwrite them');
    expect(() => RecordingWriter.open(file)).toThrow(/not a Scalpdesk recording/);
    expect(fs.readFileSync(file, 'utf8')).toBe('these are my trading notes, do not overwrite them');
  });
});

describe('index record types', () => {
  it('writes the footer as the last two frames', () => {
    const file = tempFile();
    record(file, makeTape(10));
    const bytes = fs.readFileSync(file);
    expect(bytes[bytes.length - 13]).toBe(RecordType.IndexTrailer);
  });
});
