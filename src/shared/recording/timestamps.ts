import { daysFromCivil } from '../domain/instruments/civilDate';
import { localTimeToUtcUs } from '../domain/instruments/timeZones';

/**
 * Parsing of the timestamp forms tick files use, to exact microseconds (decimal strings are split,
 * never multiplied as floats, so `34200.01746` is 34 200 017 460 µs, not ...459).
 */
export class TimestampParseError extends Error {
  override name = 'TimestampParseError';
}

/** Decimal seconds string ("34200.01746") to integer microseconds; extra digits beyond µs are truncated. */
export function decimalSecondsToUs(text: string): number {
  const match = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (match === null) throw new TimestampParseError(`"${text}" is not a number of seconds`);
  const fraction = (match[3] ?? '').padEnd(6, '0').slice(0, 6);
  const value = Number(match[2]) * 1_000_000 + Number(fraction);
  return match[1] === '-' ? -value : value;
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch numbers are told apart by magnitude: seconds (≤ 11 integer digits, decimals allowed),
 * milliseconds (12–14), microseconds (15–17), nanoseconds (18–19). Any date between 1973 and 5138
 * is unambiguous this way.
 */
function epochToUs(text: string): number {
  const [integer, fraction = ''] = text.split('.');
  const digits = integer.replace('-', '').length;
  if (digits <= 11) return decimalSecondsToUs(text);
  if (fraction !== '') throw new TimestampParseError(`"${text}": only epoch seconds may carry decimals`);
  if (digits <= 14) return Number(integer) * 1000;
  if (digits <= 17) return Number(integer);
  if (digits <= 19) return Number(BigInt(integer) / 1000n);
  throw new TimestampParseError(`"${text}" is too long for an epoch timestamp`);
}

/**
 * ISO-8601 with an offset or Z (`2026-11-24T09:15:00.123456+05:30`), naive ISO date-time read in
 * `timeZone` (an error without it: guessing a zone silently shifts a whole session), or epoch
 * seconds/ms/µs/ns.
 */
export function parseTimestampUs(text: string, timeZone: string | undefined): number {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return epochToUs(trimmed);
  const match = ISO.exec(trimmed);
  if (match === null)
    throw new TimestampParseError(`"${text}" is not an ISO-8601 date-time or an epoch number`);
  const [, year, month, day, hour, minute, second = '0', fraction = '', zone] = match;
  if (
    Number(month) < 1 ||
    Number(month) > 12 ||
    Number(day) < 1 ||
    Number(day) > 31 ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second) > 60
  ) {
    throw new TimestampParseError(`"${text}" has a field out of range`);
  }
  const microsOfDay =
    (Number(hour) * 3600 + Number(minute) * 60 + Number(second)) * 1_000_000 +
    Number(fraction.padEnd(6, '0').slice(0, 6));
  if (zone === undefined) {
    if (timeZone === undefined)
      throw new TimestampParseError(`"${text}" has no UTC offset; pass --tz (e.g. --tz Asia/Kolkata)`);
    return localTimeToUtcUs(timeZone, daysFromCivil(Number(year), Number(month), Number(day)), microsOfDay);
  }
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
  }
  return (
    Date.UTC(Number(year), Number(month) - 1, Number(day)) * 1000 + microsOfDay - offsetMinutes * 60_000_000
  );
}
