import type { TimestampUs } from '../time';
import type { DayNumber } from './civilDate';
import { formatIsoDate } from './civilDate';
import {
  civilFromDays,
  daysFromCivil,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  US_PER_DAY,
  US_PER_MINUTE,
} from './civilDate';

/**
 * Time zones, the one implementation (market calendars, the paper broker's session times, importers
 * of files whose timestamps carry no offset, the ledger's market day, the replay window's clock).
 *
 * The exchange time zones are implemented from their rules rather than the platform's tz database:
 * src/shared also runs in the renderer and in minimal Node builds (small-icu), where Intl time-zone
 * data may be missing or stale, and an exchange calendar must not depend on it.
 *
 * - Asia/Kolkata (IST): UTC+05:30 all year; India has observed no daylight saving since 1945.
 * - America/New_York (ET): EST = UTC−05:00, EDT = UTC−04:00. Daylight saving per the US Energy Policy
 *   Act of 2005 (15 U.S.C. §260a), in force from 2007: from the second Sunday of March at 02:00
 *   local standard time to the first Sunday of November at 02:00 local daylight time. For 1987–2006
 *   the previous rule applies (first Sunday of April to the last Sunday of October); earlier years use
 *   that rule too, which is wrong for them but no exchange data here goes back that far.
 * - UTC, for tests and for crypto-style 24h markets.
 *
 * Any other IANA zone (a CSV imported with `--tz Europe/London`) is read through the runtime's ICU
 * data via Intl; an unknown name is a TimeZoneError.
 */
export const TIME_ZONE_IDS = ['UTC', 'Asia/Kolkata', 'America/New_York'] as const;
export type TimeZoneId = (typeof TIME_ZONE_IDS)[number];

const IST_OFFSET_MINUTES = 330;
const EST_OFFSET_MINUTES = -300;
const EDT_OFFSET_MINUTES = -240;

export function isTimeZoneId(value: string): value is TimeZoneId {
  return (TIME_ZONE_IDS as readonly string[]).includes(value);
}

export class TimeZoneError extends Error {
  override name = 'TimeZoneError';
}

/** UTC instants (µs) at which US daylight saving starts and ends in a given year. */
export function usDaylightSavingBounds(year: number): { startUs: number; endUs: number } {
  const sunday = 0;
  const startDay =
    year >= 2007 ? nthWeekdayOfMonth(year, 3, sunday, 2) : nthWeekdayOfMonth(year, 4, sunday, 1);
  const endDay = year >= 2007 ? nthWeekdayOfMonth(year, 11, sunday, 1) : lastWeekdayOfMonth(year, 10, sunday);
  // 02:00 EST = 07:00 UTC (start); 02:00 EDT = 06:00 UTC (end).
  return {
    startUs: startDay * US_PER_DAY + 7 * 60 * US_PER_MINUTE,
    endUs: endDay * US_PER_DAY + 6 * 60 * US_PER_MINUTE,
  };
}

/**
 * Offset of local time from UTC, in minutes (IST +330, EST −300, EDT −240), at a UTC instant: by rule
 * for the exchange zones, through Intl for any other IANA zone.
 */
export function utcOffsetMinutes(zone: string, utcUs: number): number {
  switch (zone) {
    case 'UTC':
      return 0;
    case 'Asia/Kolkata':
      return IST_OFFSET_MINUTES;
    case 'America/New_York': {
      const { year } = civilFromDays(Math.floor(utcUs / US_PER_DAY));
      const { startUs, endUs } = usDaylightSavingBounds(year);
      return utcUs >= startUs && utcUs < endUs ? EDT_OFFSET_MINUTES : EST_OFFSET_MINUTES;
    }
    default:
      return intlOffsetMinutes(zone, utcUs);
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Intl offsets by zone and UTC quarter hour: every offset change in the tz database falls on one. */
const intlOffsets = new Map<string, number>();
const QUARTER_HOUR_MS = 900_000;

function intlOffsetMinutes(zone: string, utcUs: number): number {
  const utcMs = Math.floor(utcUs / 1000);
  const key = `${zone}|${Math.floor(utcMs / QUARTER_HOUR_MS)}`;
  const cached = intlOffsets.get(key);
  if (cached !== undefined) return cached;
  const parts = formatterFor(zone).formatToParts(new Date(utcMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  const localAsUtcMs = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  const offset = Math.round((localAsUtcMs - Math.floor(utcMs / 1000) * 1000) / 60_000);
  intlOffsets.set(key, offset);
  return offset;
}

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new TimeZoneError(
        `unknown time zone "${zone}" (use an IANA name such as Asia/Kolkata or America/New_York)`,
      );
    }
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * Local wall-clock time (a date and microseconds after midnight, which may exceed a day) to a UTC
 * instant. A wall time that does not exist (the spring-forward hour 02:00–03:00 ET) is read with the
 * offset before the change, so it maps forward; one that occurs twice (01:00–02:00 ET on the fall-back
 * Sunday) maps to the first occurrence — the choices of Temporal's 'compatible' disambiguation. No
 * exchange session touches either hour.
 */
export function localTimeToUtcUs(zone: string, day: DayNumber, microsOfDay: number): TimestampUs {
  const localUs = day * US_PER_DAY + microsOfDay;
  const offsetUs = (utcUs: number): number => utcOffsetMinutes(zone, utcUs) * US_PER_MINUTE;
  const first = offsetUs(localUs);
  const second = offsetUs(localUs - first);
  // first === second except next to a change; the earlier instant is the larger offset, if it holds.
  let offset = first === second ? first : Math.max(first, second);
  if (offsetUs(localUs - offset) !== offset) offset = Math.min(first, second);
  return (localUs - offset) as TimestampUs;
}

/** As `localTimeToUtcUs`, the time of day in minutes (fractional allowed). */
export function zonedToUtcUs(zone: string, day: DayNumber, minutesOfDay: number): TimestampUs {
  return localTimeToUtcUs(zone, day, Math.round(minutesOfDay * US_PER_MINUTE));
}

export interface ZonedTime {
  /** Local calendar day. */
  readonly day: DayNumber;
  /** Microseconds after local midnight. */
  readonly microsOfDay: number;
  /** Offset from UTC in minutes at that instant. */
  readonly offsetMinutes: number;
}

export function utcUsToZoned(zone: string, utcUs: number): ZonedTime {
  const offsetMinutes = utcOffsetMinutes(zone, utcUs);
  const localUs = utcUs + offsetMinutes * US_PER_MINUTE;
  const day = Math.floor(localUs / US_PER_DAY);
  return { day, microsOfDay: localUs - day * US_PER_DAY, offsetMinutes };
}

/** `2026-03-09T09:30:00.000-04:00`: an instant as local ISO 8601 text, for logs and the CLI. */
export function formatZoned(zone: string, utcUs: number): string {
  const { day, microsOfDay, offsetMinutes } = utcUsToZoned(zone, utcUs);
  const { year, month, day: dayOfMonth } = civilFromDays(day);
  const totalMs = Math.floor(microsOfDay / 1000);
  const hours = Math.floor(totalMs / 3_600_000);
  const minutes = Math.floor((totalMs % 3_600_000) / 60_000);
  const seconds = Math.floor((totalMs % 60_000) / 1000);
  const millis = totalMs % 1000;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absOffset = Math.abs(offsetMinutes);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return (
    `${pad(year, 4)}-${pad(month)}-${pad(dayOfMonth)}T${pad(hours)}:${pad(minutes)}:${pad(seconds)}.${pad(millis, 3)}` +
    `${sign}${pad(Math.floor(absOffset / 60))}:${pad(absOffset % 60)}`
  );
}

/** UTC midnight of a day, as a timestamp (for tests and fixtures). */
export function utcMidnightUs(year: number, month: number, day: number): TimestampUs {
  return (daysFromCivil(year, month, day) * US_PER_DAY) as TimestampUs;
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant in a time zone. */
export function localDate(zone: string, utcUs: number): string {
  return formatIsoDate(utcUsToZoned(zone, utcUs).day);
}
