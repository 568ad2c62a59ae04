/**
 * Calendar dates without time zones: an ISO date `YYYY-MM-DD` as a day number (days since
 * 1970-01-01). Pure integer arithmetic after H. Hinnant, "chrono-Compatible Low-Level Date
 * Algorithms" (days_from_civil / civil_from_days), so nothing depends on the platform's Date or its
 * time-zone data (src/shared runs in the renderer too).
 */

export type DayNumber = number;

/** ISO weekday numbers as JavaScript's getUTCDay: 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;
export const WEEKDAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
export type WeekdayName = (typeof WEEKDAY_NAMES)[number];
/** English month abbreviations, January first: `MONTH_ABBREVIATIONS[month - 1]`. */
export const MONTH_ABBREVIATIONS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const;

/** 1–12 for an English month abbreviation in any case (`jan`, `JAN`, `Jan`); 0 for anything else. */
export function monthFromAbbreviation(text: string): number {
  const lower = text.toLowerCase();
  return MONTH_ABBREVIATIONS.findIndex((name) => name.toLowerCase() === lower) + 1;
}

export const US_PER_DAY = 86_400_000_000;
export const US_PER_MINUTE = 60_000_000;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class CivilDateError extends Error {
  override name = 'CivilDateError';
}

export function daysFromCivil(year: number, month: number, day: number): DayNumber {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function civilFromDays(days: DayNumber): CivilDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36524) - Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const mp = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function daysInMonth(year: number, month: number): number {
  return (
    daysFromCivil(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) -
    daysFromCivil(year, month, 1)
  );
}

/** Parses `YYYY-MM-DD`, rejecting impossible dates such as 2026-02-30. */
export function parseIsoDate(text: string): DayNumber {
  const match = ISO_DATE.exec(text);
  if (!match) throw new CivilDateError(`"${text}" is not a date in YYYY-MM-DD form`);
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw new CivilDateError(`"${text}" is not a valid calendar date`);
  }
  return daysFromCivil(year, month, day);
}

export function isIsoDate(text: string): boolean {
  try {
    parseIsoDate(text);
    return true;
  } catch {
    return false;
  }
}

export function formatIsoDate(days: DayNumber): string {
  const { year, month, day } = civilFromDays(days);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function weekdayOf(days: DayNumber): Weekday {
  // 1970-01-01 was a Thursday (4).
  return (((days % 7) + 7 + 4) % 7) as Weekday;
}

export function weekdayFromName(name: WeekdayName): Weekday {
  return WEEKDAY_NAMES.indexOf(name) as Weekday;
}

/** The last given weekday of a month, e.g. the last Tuesday of March 2026. */
export function lastWeekdayOfMonth(year: number, month: number, weekday: Weekday): DayNumber {
  const last = daysFromCivil(year, month, daysInMonth(year, month));
  return last - ((weekdayOf(last) - weekday + 7) % 7);
}

/** The n-th (1-based) given weekday of a month, e.g. the third Friday; throws if the month has fewer. */
export function nthWeekdayOfMonth(year: number, month: number, weekday: Weekday, n: number): DayNumber {
  const first = daysFromCivil(year, month, 1);
  const day = first + ((weekday - weekdayOf(first) + 7) % 7) + (n - 1) * 7;
  if (n < 1 || day >= first + daysInMonth(year, month)) {
    throw new CivilDateError(`${year}-${month} has no occurrence ${n} of ${WEEKDAY_NAMES[weekday]}`);
  }
  return day;
}

/** `HH:MM` (24-hour) to minutes after midnight. */
export function parseTimeOfDay(text: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) throw new CivilDateError(`"${text}" is not a time in HH:MM form`);
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59) throw new CivilDateError(`"${text}" is not a valid time of day`);
  return hours * 60 + minutes;
}

export function formatTimeOfDay(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
