import fs from 'node:fs';
import path from 'node:path';
import type { MarketProfile } from '../../../shared/domain/instrument';
import { formatIsoDate, parseIsoDate } from '../../../shared/domain/instruments/civilDate';
import { FILE_EXTENSION } from '../../../shared/recording/format';
import { runExchangeTape } from '../exchangeTape';
import { RecordingWriter } from '../recording/writer';
import { DEFAULT_START_DATE, loadMarketProfile } from '../../trading/reference/marketProfiles';

export interface SimulateOptions {
  readonly profile: MarketProfile;
  /** Trading days to write, one recording each. */
  readonly days: number;
  /** Seed of the first day; day i uses seed + i (so a day is reproducible on its own). */
  readonly seed: number;
  /** First trading day (YYYY-MM-DD; a non-trading day starts on the next). Default: the profile's. */
  readonly from?: string;
  /** Simulated minutes from each open (default: the whole regular session). */
  readonly minutes?: number;
  /** Underlying to simulate (default: the profile's first, NIFTY or SPY). */
  readonly underlying?: string;
  readonly directory: string;
  /** Called after each day's file is closed. */
  readonly onDay?: (day: SimulatedDay, index: number) => void;
}

export interface SimulatedDay {
  readonly file: string;
  readonly day: string;
  readonly seed: number;
  readonly underlying: string;
  readonly events: number;
  readonly minutes: number;
}

export class SimulateError extends Error {
  override name = 'SimulateError';
}

/**
 * Writes sessions of the built-in market as recordings, one file per trading day
 * (`<directory>/<YYYY-MM-DD>.sdrec`): each day is its own simulation (seed + day index) from the open,
 * with the chain context the core pushes live (exchangeTape.ts), so a replay of a file sees what a
 * paper session on that day would have seen. Same options, same bytes.
 */
export function simulateSessions(options: SimulateOptions): SimulatedDay[] {
  if (!(Number.isInteger(options.days) && options.days >= 1))
    throw new SimulateError(`days must be a positive integer, got ${options.days}`);
  if (!Number.isSafeInteger(options.seed))
    throw new SimulateError(`seed must be an integer, got ${options.seed}`);
  const { calendar, master } = loadMarketProfile(options.profile);
  const underlying = options.underlying ?? (options.profile === 'nse' ? 'NIFTY' : 'SPY');
  if (!master.underlyings.some((definition) => definition.instrument.symbol === underlying)) {
    const known = master.underlyings.map((definition) => definition.instrument.symbol).join(', ');
    throw new SimulateError(
      `underlying "${underlying}" is not on the ${options.profile} profile (known: ${known})`,
    );
  }
  const sessionMinutes = Math.floor(calendar.regularSessionSeconds / 60);
  const minutes = options.minutes ?? sessionMinutes;
  if (!(Number.isInteger(minutes) && minutes >= 1 && minutes <= sessionMinutes))
    throw new SimulateError(`minutes must be an integer from 1 to ${sessionMinutes}, got ${options.minutes}`);
  let day = calendar.tradingDayOnOrAfter(parseIsoDate(options.from ?? DEFAULT_START_DATE[options.profile]));
  fs.mkdirSync(options.directory, { recursive: true });
  const written: SimulatedDay[] = [];
  for (let index = 0; index < options.days; index++) {
    if (!calendar.covers(day))
      throw new SimulateError(`the ${options.profile} calendar ends before trading day ${index + 1}`);
    const date = formatIsoDate(day);
    const seed = options.seed + index;
    const file = path.join(options.directory, `${date}${FILE_EXTENSION}`);
    fs.rmSync(file, { force: true });
    const writer = RecordingWriter.open(file, {
      meta: {
        source: `exchange:seed=${seed}`,
        day: date,
        timeZone: calendar.timeZone,
        underlying,
        profile: options.profile,
        seed,
        minutes,
      },
    });
    let events = 0;
    try {
      events = runExchangeTape(
        {
          seed,
          profile: options.profile,
          symbols: [underlying],
          minutes,
          startDate: date,
          onListed: ({ instruments }) => {
            for (const instrument of instruments) writer.defineInstrument(instrument);
          },
        },
        (event) => writer.append(event),
      ).events;
    } finally {
      writer.close();
    }
    const simulated = { file, day: date, seed, underlying, events, minutes };
    written.push(simulated);
    options.onDay?.(simulated, index);
    day = calendar.nextTradingDay(day);
  }
  return written;
}
