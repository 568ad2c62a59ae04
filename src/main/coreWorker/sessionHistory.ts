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

/**
 * The session so far from the day's recording, for a chart opened mid-session: every market event of
 * one symbol in today's file (today in market time), oldest first. Reads the whole file once per
 * newly charted symbol, synchronously — the core must not apply a live event to the bars before the
 * history under them is in.
 * A missing file is an empty history; a damaged tail ends it where the damage starts, with a log line.
 */
export function recordedSessionHistory(
  options: RecordedSessionHistoryOptions,
): (symbol: string, nowUs: number) => MarketEvent[] {
  return (symbol, nowUs) => {
    const file = path.join(options.directory, `${localDate(options.timeZone, nowUs)}${FILE_EXTENSION}`);
    options.flushRecorder();
    if (!fs.existsSync(file)) return [];
    const events: MarketEvent[] = [];
    let reader: RecordingReader;
    try {
      reader = RecordingReader.open(file);
    } catch (error) {
      options.log(`chart history for ${symbol}: ${(error as Error).message}`);
      return [];
    }
    try {
      for (let event = reader.next(); event !== null; event = reader.next())
        if (event.symbol === symbol && isMarketEvent(event)) events.push(event);
    } finally {
      reader.close();
    }
    if (reader.problem !== null) options.log(`chart history for ${symbol}: ${reader.problem.message}`);
    return events;
  };
}
