import { TimeZoneError, utcUsToZoned } from '../../../shared/domain/instruments/timeZones';

/**
 * Tape times for the replay window, shown and entered in the tape's own zone (a NIFTY recording in
 * Asia/Kolkata, a LOBSTER day in America/New_York), since that is the clock the trader remembers the
 * session by. Times are µs since the epoch.
 */

/** Local time of day in `timeZone`, in µs after local midnight (UTC for a zone the runtime does not know). */
function timeOfDayUs(tsUs: number, timeZone: string): number {
  try {
    return utcUsToZoned(timeZone, tsUs).microsOfDay;
  } catch (error) {
    if (error instanceof TimeZoneError) return utcUsToZoned('UTC', tsUs).microsOfDay;
    throw error;
  }
}

/** `09:15:01.357` in the tape's zone. */
export function formatTapeTime(tsUs: number | null, timeZone: string): string {
  if (tsUs === null) return '—';
  const ofDay = timeOfDayUs(tsUs, timeZone);
  const seconds = Math.floor(ofDay / 1_000_000);
  const millis = Math.floor((ofDay % 1_000_000) / 1000);
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}.${pad(millis, 3)}`;
}

const TIME_OF_DAY = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

/**
 * Reads what the trader typed in the jump box: a time of day `HH:MM[:SS[.ffffff]]` on the tape's day in
 * its zone (relative to `referenceUs`, a time on that day), or a full ISO-8601 date-time with an offset.
 * Returns null when it is neither.
 */
export function parseJumpTime(text: string, referenceUs: number, timeZone: string): number | null {
  const trimmed = text.trim();
  const match = TIME_OF_DAY.exec(trimmed);
  if (match) {
    const [, hours, minutes, seconds = '0', fraction = ''] = match;
    if (Number(hours) > 23 || Number(minutes) > 59 || Number(seconds) > 59) return null;
    const targetOfDay =
      (Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1_000_000 +
      Number(fraction.padEnd(6, '0'));
    const midnightUs = referenceUs - timeOfDayUs(referenceUs, timeZone);
    return midnightUs + targetOfDay;
  }
  if (/^\d{4}-\d{2}-\d{2}T/.test(trimmed) && /(Z|[+-]\d{2}:?\d{2})$/.test(trimmed)) {
    const ms = Date.parse(trimmed);
    return Number.isFinite(ms) ? ms * 1000 : null;
  }
  return null;
}

export function formatRate(value: number | null): string {
  return value === null ? '—' : `${(value * 100).toFixed(1)}%`;
}

export function formatRatio(value: number | null): string {
  return value === null ? '—' : value.toFixed(2);
}

/** Wall-clock time of a saved run, in the viewer's zone. */
export function formatWhen(tsUs: number): string {
  const date = new Date(Math.floor(tsUs / 1000));
  const pad = (value: number): string => String(value).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}
