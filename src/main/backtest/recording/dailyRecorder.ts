import fs from 'node:fs';
import path from 'node:path';
import type { Symbol } from '../../../shared/domain/ids';
import type { RecordedEvent, RecordedInstrument } from '../../../shared/recording/events';
import { FILE_EXTENSION } from '../../../shared/recording/format';
import { daysFromCivil } from '../../../shared/domain/instruments/civilDate';
import { localDate, localTimeToUtcUs } from '../../../shared/domain/instruments/timeZones';
import { RecordingWriter, type RecordingRepair } from './writer';

export interface DailyRecorderOptions {
  /** Folder of the day files, e.g. `<dataDir>/recordings`. */
  readonly directory: string;
  /** Zone whose calendar day names the file (the market's: Asia/Kolkata, America/New_York). */
  readonly timeZone: string;
  /** Price format and instrument of a symbol, written once per file before its first event. */
  readonly instrument: (symbol: Symbol) => RecordedInstrument | undefined;
  /** Written in each file's meta (`live`, `exchange:seed=7`). */
  readonly source: string;
  /** More meta for each file, e.g. `{ underlying: 'NIFTY' }` (the symbol the engine follows). */
  readonly meta?: Readonly<Record<string, unknown>>;
  /** Hand buffered events to the OS this often (ms). Default 200. */
  readonly flushIntervalMs?: number;
  /** fsync (in the background) this often (ms). Default 1000. */
  readonly syncIntervalMs?: number;
  /** Run the flush/sync timers (off in tests, which call flush/sync themselves). Default true. */
  readonly timers?: boolean;
  readonly onRepair?: (repair: RecordingRepair) => void;
}

/**
 * Records every market event of a session to `<directory>/<YYYY-MM-DD>.sdrec`, one file per market
 * day, switching files when an event belongs to the next day. Meant for the core worker, next to the
 * feed: `record()` only encodes into memory; writes and fsyncs happen on timers (docs/recording-format.md,
 * "Writing and fsync").
 */
export class DailyRecorder {
  private writer: RecordingWriter | null = null;
  private day = '';
  /** First µs of the next day; events before it stay in the current file. */
  private dayEndUs = -Infinity;
  private dayStartUs = Infinity;
  private defined = new Set<string>();
  /** Instruments listed by the feed, written at the start of every day file (so a replay knows the whole chain). */
  private readonly listed = new Map<string, RecordedInstrument>();
  private readonly timers: ReturnType<typeof setInterval>[] = [];
  private closed = false;

  constructor(private readonly options: DailyRecorderOptions) {
    fs.mkdirSync(options.directory, { recursive: true });
    if (options.timers ?? true) {
      const flush = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
      const sync = setInterval(() => this.sync(), options.syncIntervalMs ?? 1000);
      flush.unref();
      sync.unref();
      this.timers.push(flush, sync);
    }
  }

  /** The file being written, or null before the first event. */
  get currentFile(): string | null {
    return this.writer?.path ?? null;
  }

  record(event: RecordedEvent): void {
    if (this.closed) throw new Error('the recorder is closed');
    const ts = event.tsEvent;
    if (ts >= this.dayEndUs || ts < this.dayStartUs) {
      // A silent night's clock steps do not open the next day's file: that day starts with its data.
      if (event.type === 'clock') return;
      this.switchDay(ts);
    }
    const writer = this.writer as RecordingWriter;
    if (!this.defined.has(event.symbol)) {
      this.defined.add(event.symbol);
      const instrument = this.options.instrument(event.symbol);
      if (instrument) writer.defineInstrument(instrument);
    }
    writer.append(event);
  }

  /**
   * Declares the instruments the feed lists (the option chain included, traded or not): written now
   * into the current file and at the start of each later one, so a replay's engine sees the same chain.
   */
  defineInstruments(instruments: readonly RecordedInstrument[]): void {
    for (const instrument of instruments) {
      this.listed.set(instrument.symbol, instrument);
      if (this.writer !== null && !this.defined.has(instrument.symbol)) {
        this.defined.add(instrument.symbol);
        this.writer.defineInstrument(instrument);
      }
    }
  }

  flush(): void {
    this.writer?.flush();
  }

  sync(): void {
    this.writer?.sync();
  }

  /** Closes the current file with its index footer. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    for (const timer of this.timers) clearInterval(timer);
    this.writer?.close();
    this.writer = null;
  }

  private switchDay(ts: number): void {
    const day = localDate(this.options.timeZone, ts);
    // A late event of the previous day (feeds are not perfectly ordered) stays in today's file.
    if (day === this.day || (this.writer !== null && day < this.day)) return;
    this.writer?.close();
    const [year, month, date] = day.split('-').map(Number);
    this.day = day;
    const dayNumber = daysFromCivil(year, month, date);
    this.dayStartUs = localTimeToUtcUs(this.options.timeZone, dayNumber, 0);
    this.dayEndUs = localTimeToUtcUs(this.options.timeZone, dayNumber + 1, 0);
    this.defined = new Set();
    this.writer = RecordingWriter.open(path.join(this.options.directory, `${day}${FILE_EXTENSION}`), {
      meta: { ...this.options.meta, day, timeZone: this.options.timeZone, source: this.options.source },
      onRepair: this.options.onRepair,
    });
    for (const instrument of this.listed.values()) {
      this.defined.add(instrument.symbol);
      this.writer.defineInstrument(instrument);
    }
  }
}
