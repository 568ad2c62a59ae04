import { isTimeZoneId, utcOffsetMinutes } from '../domain/instruments/timeZones';

/**
 * Wall-clock time in a named IANA time zone to UTC microseconds, for importers of files whose
 * timestamps have no offset: LOBSTER (seconds after midnight, New York) and CSV ticks with `--tz`.
 * The exchange zones (UTC, Asia/Kolkata, America/New_York) use the domain's own rules
 * (src/shared/domain/instruments/timeZones.ts), the same the market calendars use; any other IANA
 * zone a CSV may name uses the runtime's ICU data through Intl.
 */
export class TimeZoneError extends Error {
  override name = 'TimeZoneError';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
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
        `unknown time zone "${timeZone}" (use an IANA name such as Asia/Kolkata or America/New_York)`,
      );
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Offset of `timeZone` from UTC at the instant `utcMs`, in milliseconds (IST: +19 800 000). */
export function timeZoneOffsetMs(timeZone: string, utcMs: number): number {
  if (isTimeZoneId(timeZone)) return utcOffsetMinutes(timeZone, utcMs * 1000) * 60_000;
  const parts = formatterFor(timeZone).formatToParts(new Date(utcMs));
  const field = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    field('year'),
    field('month') - 1,
    field('day'),
    field('hour'),
    field('minute'),
    field('second'),
  );
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

const offsetCache = new Map<string, number>();

/**
 * UTC microseconds of a local wall time. `microsOfDay` may exceed a day. In a spring-forward gap the
 * time is read with the offset before the change; in a fall-back overlap the earlier instant wins —
 * the same choices as JavaScript's Temporal 'compatible' disambiguation.
 */
export function zonedToUtcUs(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  microsOfDay: number,
): number {
  const localMidnightMs = Date.UTC(year, month - 1, day);
  const wholeMs = Math.floor(microsOfDay / 1000);
  const localMs = localMidnightMs + wholeMs;
  // Offsets change only on the hour or half hour; cache per local half hour (a whole session replays
  // with a few dozen Intl calls instead of one per row).
  const key = `${timeZone}|${Math.floor(localMs / 1_800_000)}`;
  let offset = offsetCache.get(key);
  if (offset === undefined) {
    const first = timeZoneOffsetMs(timeZone, localMs);
    const second = timeZoneOffsetMs(timeZone, localMs - first);
    // first === second except next to a transition; the earlier instant is the larger offset.
    offset = first === second ? first : Math.max(first, second);
    if (timeZoneOffsetMs(timeZone, localMs - offset) !== offset) offset = Math.min(first, second);
    offsetCache.set(key, offset);
  }
  return (localMs - offset) * 1000 + (microsOfDay - wholeMs * 1000);
}

/** The local calendar date (YYYY-MM-DD) of a UTC instant in a time zone. */
export function localDate(timeZone: string, utcUs: number): string {
  const utcMs = Math.floor(utcUs / 1000);
  const local = new Date(utcMs + timeZoneOffsetMs(timeZone, utcMs));
  return local.toISOString().slice(0, 10);
}
