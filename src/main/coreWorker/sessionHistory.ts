import fs from 'node:fs';
import path from 'node:path';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import { localDate } from '../../shared/domain/instruments/timeZones';
import { isMarketEvent } from '../../shared/recording/events';
import { FILE_EXTENSION } from '../../shared/recording/format';
import { RecordingReader } from '../backtest/recording/reader';

export interface RecordedSessionHistoryOptions {
  /** The recorder's folder: `<dataDir>/recordings`, one `<YYYY-MM-DD>.sdrec` per market day. */
  readonly directory: string;
  /** The zone whose calendar day names the files (the market's). */
  readonly timeZone: string;
  /** Hands the recorder's buffered events to the file first, so the history reaches the last event. */
  readonly flushRecorder: () => void;
  readonly log: (message: string) => void;
}

/** Events read per slice: ~10 ms of decoding, after which live ticks and requests get their turn. */
const EVENTS_PER_SLICE = 5_000;

/**
 * The session so far from the day's recording, for a chart opened mid-session: every market event of
 * one symbol in today's file (today in market time), oldest first, in slices. The file is read up to
 * its length when asked — after the recorder's buffer is flushed, so up to the last event the core
 * applied; what the recorder appends meanwhile is live and reaches the chart live. A full NSE day is
 * millions of events (a 35-minute tape, 513,000, took 1–2 s to read under load), so the read yields to
 * the event loop between slices rather than hold the core. A missing file is an empty history; a
 * damaged tail ends it where the damage starts, with a log line.
 */
export function recordedSessionHistory(
  options: RecordedSessionHistoryOptions,
): (symbol: string, nowUs: number) => AsyncIterable<readonly MarketEvent[]> {
  return (symbol, nowUs) => {
    const file = path.join(options.directory, `${localDate(options.timeZone, nowUs)}${FILE_EXTENSION}`);
    options.flushRecorder();
    const limit = fs.existsSync(file) ? fs.statSync(file).size : 0;
    return readSlices(file, limit, symbol, options.log);
  };
}

async function* readSlices(
  file: string,
  limit: number,
  symbol: string,
  log: (message: string) => void,
): AsyncGenerator<readonly MarketEvent[]> {
  if (limit === 0) return;
  let reader: RecordingReader;
  try {
    reader = RecordingReader.open(file);
  } catch (error) {
    log(`chart history for ${symbol}: ${(error as Error).message}`);
    return;
  }
  try {
    for (;;) {
      const slice: MarketEvent[] = [];
      let read = 0;
      let event = reader.next();
      // A frame ending past `limit` was appended after the ask: it reaches the chart live.
      for (; event !== null && reader.position.offset <= limit; event = reader.next()) {
        if (event.symbol === symbol && isMarketEvent(event)) slice.push(event);
        if (++read === EVENTS_PER_SLICE) break;
      }
      if (slice.length > 0) yield slice;
      if (event === null || reader.position.offset > limit) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    reader.close();
  }
  if (reader.problem !== null) log(`chart history for ${symbol}: ${reader.problem.message}`);
}
