import fs from 'node:fs';
import path from 'node:path';
import { runExchangeTape } from '../../src/main/backtest/exchangeTape';
import { RecordingWriter } from '../../src/main/backtest/recording/writer';

/**
 * Records the built-in exchange's NIFTY session (seed 7, with the chain context the core pushes) into
 * `<dir>/<name>`, as the live recorder would: every listed instrument defined up front, the day, zone
 * and underlying in the meta. `maxEvents` cuts it short (a small tape for stepping and seeking).
 */
export function writeExchangeRecording(
  dir: string,
  name: string,
  options: {
    readonly minutes: number;
    readonly maxEvents?: number;
    readonly seed?: number;
    /** An NSE trading day (default Tuesday 2026-01-06). */
    readonly day?: string;
  },
): { readonly file: string; readonly events: number } {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const seed = options.seed ?? 7;
  // A Tuesday with an NSE session: the tape starts at its 09:15 IST open.
  const day = options.day ?? '2026-01-06';
  const writer = RecordingWriter.open(file, {
    meta: { source: `exchange:seed=${seed}`, underlying: 'NIFTY', timeZone: 'Asia/Kolkata', day },
  });
  const limit = options.maxEvents ?? Infinity;
  let events = 0;
  runExchangeTape(
    {
      seed,
      minutes: options.minutes,
      startDate: day,
      onListed: ({ instruments }) => {
        for (const instrument of instruments) writer.defineInstrument(instrument);
      },
    },
    (event) => {
      if (events >= limit) return;
      writer.append(event);
      events++;
    },
  );
  writer.close();
  return { file, events };
}
