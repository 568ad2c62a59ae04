import type { ExpiryCycle } from '../instrument';
import type { MarketCalendar } from './calendar';
import type { DayNumber } from './civilDate';
import {
  civilFromDays,
  daysFromCivil,
  daysInMonth,
  formatIsoDate,
  nthWeekdayOfMonth,
  weekdayOf,
} from './civilDate';
import type { ExpiryRule, OptionSeries } from './master';

/**
 * Expiry dates from the rules in the instrument master. A rule names a nominal day (every Tuesday,
 * the last Tuesday of the month, every trading day); when that day is not a trading day the expiry
 * moves to the previous trading day (NSE F&O rule; OCC does the same for a Friday holiday).
 *
 * Time to expiry is measured to the close of the expiry day's session (15:30 IST, 16:00 ET, or an
 * early close), in calendar years of 365 days (ACT/365): weekends and holidays count, as in the
 * options analytics (src/shared/options/pricing.ts). A trader's "0DTE" has a few hours, i.e. about
 * 0.0007 years, left at the open.
 */

export interface Expiry {
  readonly day: DayNumber;
  /** ISO date of the actual (holiday-adjusted) expiry. */
  readonly date: string;
  /** 'monthly' when a monthly rule produced it, even if a weekly rule did too. */
  readonly cycle: ExpiryCycle;
  /** ISO date the rule named before any holiday shift. */
  readonly nominalDate: string;
  /** True when a holiday moved the expiry to an earlier trading day. */
  readonly shifted: boolean;
}

/** Expiries are listed at most this far ahead (NSE lists quarterly contracts ~3 years out; scalpers need weeks). */
const MAX_HORIZON_DAYS = 400;

function ruleApplies(rule: ExpiryRule, nominal: DayNumber): boolean {
  return (
    (rule.effectiveFrom === null || nominal >= rule.effectiveFrom) &&
    (rule.effectiveTo === null || nominal <= rule.effectiveTo)
  );
}

/** Whether `day` is a nominal expiry of the rule (before holiday adjustment). */
function isNominalExpiry(rule: ExpiryRule, calendar: MarketCalendar, day: DayNumber): boolean {
  if (!ruleApplies(rule, day)) return false;
  switch (rule.cycle) {
    case 'daily':
      // Every trading day; a holiday simply has no daily expiry (there is nothing to shift).
      return calendar.isTradingDay(day);
    case 'weekly':
      return weekdayOf(day) === rule.weekday;
    case 'monthly': {
      if (weekdayOf(day) !== rule.weekday || rule.weekday === null) return false;
      const { year, month, day: dayOfMonth } = civilFromDays(day);
      if (rule.occurrence === 'last') return dayOfMonth + 7 > daysInMonth(year, month);
      return day === nthWeekdayOfMonth(year, month, rule.weekday, rule.occurrence ?? 1);
    }
  }
}

const CYCLE_RANK: Record<ExpiryCycle, number> = { daily: 0, weekly: 1, monthly: 2 };

/**
 * The first `count` expiries on or after `fromDay` (an expiry on `fromDay` itself is included: on
 * expiry day the contract still trades until the close).
 */
export function listExpiries(
  series: OptionSeries,
  calendar: MarketCalendar,
  fromDay: DayNumber,
  count: number,
): Expiry[] {
  const result: Expiry[] = [];
  // Holiday shifts only move an expiry earlier, so scanning nominal days from fromDay finds them in order
  // except where a shift lands on a day that another rule also produces; the map merges those.
  const byDay = new Map<DayNumber, Expiry>();
  for (let nominal = fromDay; nominal <= fromDay + MAX_HORIZON_DAYS; nominal++) {
    for (const rule of series.expiryRules) {
      if (!isNominalExpiry(rule, calendar, nominal)) continue;
      const actual = calendar.tradingDayOnOrBefore(nominal);
      if (actual < fromDay) continue;
      const existing = byDay.get(actual);
      if (existing !== undefined && CYCLE_RANK[existing.cycle] >= CYCLE_RANK[rule.cycle]) continue;
      byDay.set(actual, {
        day: actual,
        date: formatIsoDate(actual),
        cycle: rule.cycle,
        nominalDate: formatIsoDate(nominal),
        shifted: actual !== nominal,
      });
    }
    // An expiry is final once the scan is past it by more than the longest possible shift (a later
    // nominal day can only move back onto a day at most MAX_SHIFT_DAYS earlier).
    if (byDay.size >= count && countBefore(byDay, nominal - MAX_SHIFT_DAYS) >= count) break;
  }
  const sorted = [...byDay.values()].sort((a, b) => a.day - b.day);
  for (const expiry of sorted) {
    if (result.length >= count) break;
    result.push(expiry);
  }
  return result;
}

/** MarketCalendar searches at most 30 closed days for a trading day. */
const MAX_SHIFT_DAYS = 31;

function countBefore(map: Map<number, unknown>, limit: number): number {
  let count = 0;
  for (const key of map.keys()) if (key < limit) count++;
  return count;
}

/** The expiry on `day`, if the series expires that day. */
export function expiryOn(series: OptionSeries, calendar: MarketCalendar, day: DayNumber): Expiry | null {
  const [first] = listExpiries(series, calendar, day, 1);
  return first !== undefined && first.day === day ? first : null;
}

export function isExpiryDay(series: OptionSeries, calendar: MarketCalendar, day: DayNumber): boolean {
  return expiryOn(series, calendar, day) !== null;
}

export function nextExpiry(series: OptionSeries, calendar: MarketCalendar, fromDay: DayNumber): Expiry {
  const [first] = listExpiries(series, calendar, fromDay, 1);
  if (first === undefined)
    throw new RangeError(`${series.underlying}: no expiry within ${MAX_HORIZON_DAYS} days`);
  return first;
}

/** The monthly expiry of a given month, if the series has a monthly rule. */
export function monthlyExpiryOf(
  series: OptionSeries,
  calendar: MarketCalendar,
  year: number,
  month: number,
): Expiry | null {
  const monthStart = daysFromCivil(year, month, 1);
  const expiries = listExpiries(series, calendar, monthStart, 40);
  return (
    expiries.find((expiry) => expiry.cycle === 'monthly' && civilFromDays(expiry.day).month === month) ?? null
  );
}

export const SECONDS_PER_YEAR = 365 * 86_400;
const US_PER_YEAR = SECONDS_PER_YEAR * 1_000_000;

/** Instant at which an expiry day's session closes (options stop trading and settle on it). */
export function expiryCloseUs(calendar: MarketCalendar, expiryDay: DayNumber): number {
  const session = calendar.session(expiryDay);
  if (session !== null) return session.closeUs;
  // An expiry is always adjusted onto a trading day; a day-off expiry can only come from outside data.
  throw new RangeError(`${formatIsoDate(expiryDay)} is not a trading day in calendar ${calendar.id}`);
}

/**
 * Years (ACT/365, calendar time) from `nowUs` to the close of the expiry day; 0 at or after the close.
 */
export function timeToExpiryYears(nowUs: number, calendar: MarketCalendar, expiryDay: DayNumber): number {
  const remaining = expiryCloseUs(calendar, expiryDay) - nowUs;
  return remaining > 0 ? remaining / US_PER_YEAR : 0;
}

/** Years from an instant to a known close instant (the simulated exchange caches close instants). */
export function yearsUntil(nowUs: number, closeUs: number): number {
  const remaining = closeUs - nowUs;
  return remaining > 0 ? remaining / US_PER_YEAR : 0;
}
