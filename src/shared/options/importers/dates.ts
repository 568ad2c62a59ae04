import type { TimestampUs } from '../../domain/time';
import { msToUs } from '../../domain/time';
import { MONTH_ABBREVIATIONS, monthFromAbbreviation } from '../../domain/instruments/civilDate';
import { ChainImportError } from './chainImport';

/** India has no daylight saving time: IST is UTC+05:30 all year. */
export const IST_OFFSET_MINUTES = 330;
/** NSE index options stop trading at the close of the session, 15:30 IST, on the expiry date. */
export const NSE_EXPIRY_CLOSE = { hour: 15, minute: 30, utcOffsetMinutes: IST_OFFSET_MINUTES } as const;

export interface SessionClose {
  readonly hour: number;
  readonly minute: number;
  /** Offset of the exchange's local time from UTC, in minutes (IST +330). */
  readonly utcOffsetMinutes: number;
}

interface CalendarDate {
  readonly year: number;
  readonly month: number; // 1-12
  readonly day: number;
}

function validDate(year: number, month: number, day: number): boolean {
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Parses `31-Mar-2022` (NSE) or `2022-03-31` (ISO); null when it is neither or not a real date. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const trimmed = text.trim();
  let match = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(trimmed);
  if (match !== null) {
    const month = monthFromAbbreviation(match[2]);
    const date = { year: Number(match[3]), month, day: Number(match[1]) };
    return month > 0 && validDate(date.year, date.month, date.day) ? date : null;
  }
  match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (match !== null) {
    const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
    return validDate(date.year, date.month, date.day) ? date : null;
  }
  return null;
}

export function isoDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** `2022-03-31` → `31-Mar-2022`, the form NSE and the `chain --expiry` flag use. */
export function nseDate(iso: string): string {
  const date = parseCalendarDate(iso);
  if (date === null) return iso;
  return `${String(date.day).padStart(2, '0')}-${MONTH_ABBREVIATIONS[date.month - 1]}-${date.year}`;
}

/** Normalises an expiry written either way to ISO; throws ChainImportError naming `what` otherwise. */
export function toIsoDate(text: string, what: string): string {
  const date = parseCalendarDate(text);
  if (date === null)
    throw new ChainImportError(`${what}: "${text}" is not a date (expected DD-Mon-YYYY or YYYY-MM-DD)`);
  return isoDate(date);
}

function localToUs(
  date: CalendarDate,
  hour: number,
  minute: number,
  second: number,
  utcOffsetMinutes: number,
): TimestampUs {
  return msToUs(
    Date.UTC(date.year, date.month - 1, date.day, hour, minute, second) - utcOffsetMinutes * 60_000,
  );
}

/** The instant an expiry stops trading: `close` local time on the expiry date. */
export function expiryInstantUs(isoExpiry: string, close: SessionClose = NSE_EXPIRY_CLOSE): TimestampUs {
  const date = parseCalendarDate(isoExpiry);
  if (date === null) throw new ChainImportError(`expiry "${isoExpiry}" is not a date`);
  return localToUs(date, close.hour, close.minute, 0, close.utcOffsetMinutes);
}

/** NSE `records.timestamp`, e.g. `28-Mar-2022 10:47:19`, which is IST. */
export function parseNseTimestamp(text: string, what: string): TimestampUs {
  const match = /^(\d{1,2}-[A-Za-z]{3}-\d{4}) (\d{2}):(\d{2}):(\d{2})$/.exec(text.trim());
  const date = match === null ? null : parseCalendarDate(match[1]);
  if (match === null || date === null) {
    throw new ChainImportError(
      `${what}: "${text}" is not an NSE timestamp (expected DD-Mon-YYYY HH:MM:SS, IST)`,
    );
  }
  const hour = Number(match[2]);
  const minute = Number(match[3]);
  const second = Number(match[4]);
  if (hour > 23 || minute > 59 || second > 59)
    throw new ChainImportError(`${what}: "${text}" has an invalid time of day`);
  return localToUs(date, hour, minute, second, IST_OFFSET_MINUTES);
}

/**
 * ISO 8601 instant with an explicit offset or Z (`2022-03-28T10:47:19+05:30`); a bare local time is
 * refused because its zone would be the machine's, not the exchange's.
 */
export function parseIsoInstant(text: string, what: string): TimestampUs {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/.test(trimmed)) {
    throw new ChainImportError(
      `${what}: "${text}" is not an ISO 8601 instant with offset (e.g. 2022-03-28T10:47:19+05:30)`,
    );
  }
  const ms = Date.parse(trimmed);
  if (!Number.isFinite(ms)) throw new ChainImportError(`${what}: "${text}" is not a valid instant`);
  return msToUs(ms);
}
