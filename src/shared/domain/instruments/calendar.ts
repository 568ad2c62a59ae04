import { z } from 'zod';
import type { TimestampUs } from '../time';
import type { DayNumber, WeekdayName } from './civilDate';
import {
  formatIsoDate,
  isIsoDate,
  parseIsoDate,
  parseTimeOfDay,
  weekdayFromName,
  weekdayOf,
  WEEKDAY_NAMES,
} from './civilDate';
import { dataErrorFromZod, MarketDataError } from './dataErrors';
import type { TimeZoneId } from './timeZones';
import { TIME_ZONE_IDS, utcUsToZoned, zonedToUtcUs } from './timeZones';

/**
 * Market calendars (resources/calendars/*.json): the regular session in exchange local time, the
 * weekend, holidays and early closes as data, with the time zone implemented in timeZones.ts.
 */

const isoDateSchema = z.string().refine(isIsoDate, 'must be a valid date in YYYY-MM-DD form');
const timeOfDaySchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time in HH:MM (24-hour) form');
const weekdayNameSchema = z.enum(WEEKDAY_NAMES);

export const calendarFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/, 'must be lower-case letters, digits and -'),
    name: z.string().min(1),
    timeZone: z.enum(TIME_ZONE_IDS),
    session: z.object({ open: timeOfDaySchema, close: timeOfDaySchema }).strict(),
    /** Brokers' intraday auto square-off (Indian brokers: ~15:15 IST for F&O MIS positions). */
    brokerSquareOff: timeOfDaySchema.optional(),
    weekendDays: z.array(weekdayNameSchema),
    holidays: z.array(z.object({ date: isoDateSchema, name: z.string().min(1) }).strict()),
    earlyCloses: z.array(
      z.object({ date: isoDateSchema, close: timeOfDaySchema, name: z.string().min(1) }).strict(),
    ),
    /** Years whose holidays the file lists; outside them every weekday is assumed to be a trading day. */
    coverage: z.object({ from: isoDateSchema, to: isoDateSchema }).strict(),
    source: z.string().min(1),
    asOf: isoDateSchema,
    notes: z.array(z.string()).optional(),
  })
  .strict()
  .superRefine((file, context) => {
    const open = parseTimeOfDay(file.session.open);
    const close = parseTimeOfDay(file.session.close);
    if (close <= open)
      context.addIssue({ code: 'custom', path: ['session', 'close'], message: 'must be after session.open' });
    if (file.brokerSquareOff !== undefined) {
      const squareOff = parseTimeOfDay(file.brokerSquareOff);
      if (squareOff <= open || squareOff > close)
        context.addIssue({
          code: 'custom',
          path: ['brokerSquareOff'],
          message: 'must be inside the session',
        });
    }
    const seen = new Set<string>();
    file.holidays.forEach((holiday, index) => {
      if (seen.has(holiday.date))
        context.addIssue({
          code: 'custom',
          path: ['holidays', index, 'date'],
          message: `${holiday.date} is listed twice`,
        });
      seen.add(holiday.date);
    });
    file.earlyCloses.forEach((early, index) => {
      const earlyClose = parseTimeOfDay(early.close);
      if (earlyClose <= open || earlyClose >= close)
        context.addIssue({
          code: 'custom',
          path: ['earlyCloses', index, 'close'],
          message: 'must be inside the regular session',
        });
      if (seen.has(early.date))
        context.addIssue({
          code: 'custom',
          path: ['earlyCloses', index, 'date'],
          message: `${early.date} is also a holiday`,
        });
    });
    if (isIsoDate(file.coverage.from) && isIsoDate(file.coverage.to) && file.coverage.to < file.coverage.from)
      context.addIssue({
        code: 'custom',
        path: ['coverage', 'to'],
        message: 'must not be before coverage.from',
      });
  });

export type CalendarFile = z.output<typeof calendarFileSchema>;

/** One trading day's session as UTC instants. */
export interface TradingSession {
  /** Local (exchange) calendar day. */
  readonly day: DayNumber;
  readonly date: string;
  readonly openUs: TimestampUs;
  readonly closeUs: TimestampUs;
  /** Broker square-off instant, when the calendar defines one (NSE); never after closeUs. */
  readonly squareOffUs: TimestampUs | null;
  readonly earlyClose: boolean;
}

/** Search horizon for the next/previous trading day: no market is shut for longer than this. */
const MAX_CLOSED_DAYS = 30;

export class MarketCalendar {
  readonly id: string;
  readonly name: string;
  readonly timeZone: TimeZoneId;
  readonly openMinutes: number;
  readonly closeMinutes: number;
  readonly squareOffMinutes: number | null;
  readonly coverageFrom: DayNumber;
  readonly coverageTo: DayNumber;
  readonly source: string;
  readonly asOf: string;
  private readonly weekend: ReadonlySet<number>;
  private readonly holidays: ReadonlyMap<DayNumber, string>;
  private readonly earlyCloses: ReadonlyMap<DayNumber, number>;

  constructor(file: CalendarFile) {
    this.id = file.id;
    this.name = file.name;
    this.timeZone = file.timeZone;
    this.openMinutes = parseTimeOfDay(file.session.open);
    this.closeMinutes = parseTimeOfDay(file.session.close);
    this.squareOffMinutes = file.brokerSquareOff === undefined ? null : parseTimeOfDay(file.brokerSquareOff);
    this.weekend = new Set(file.weekendDays.map((name: WeekdayName) => weekdayFromName(name)));
    this.holidays = new Map(file.holidays.map((holiday) => [parseIsoDate(holiday.date), holiday.name]));
    this.earlyCloses = new Map(
      file.earlyCloses.map((early) => [parseIsoDate(early.date), parseTimeOfDay(early.close)]),
    );
    this.coverageFrom = parseIsoDate(file.coverage.from);
    this.coverageTo = parseIsoDate(file.coverage.to);
    this.source = file.source;
    this.asOf = file.asOf;
  }

  /** Whether the holiday list covers the day (outside coverage only weekends are known). */
  covers(day: DayNumber): boolean {
    return day >= this.coverageFrom && day <= this.coverageTo;
  }

  isTradingDay(day: DayNumber): boolean {
    return !this.weekend.has(weekdayOf(day)) && !this.holidays.has(day);
  }

  holidayName(day: DayNumber): string | undefined {
    return this.holidays.get(day);
  }

  /** Trading day strictly after `day`. */
  nextTradingDay(day: DayNumber): DayNumber {
    return this.tradingDayOnOrAfter(day + 1);
  }

  /** Trading day strictly before `day`. */
  previousTradingDay(day: DayNumber): DayNumber {
    return this.tradingDayOnOrBefore(day - 1);
  }

  tradingDayOnOrAfter(day: DayNumber): DayNumber {
    for (let candidate = day; candidate <= day + MAX_CLOSED_DAYS; candidate++) {
      if (this.isTradingDay(candidate)) return candidate;
    }
    throw new MarketDataError(
      `calendar ${this.id}: no trading day within ${MAX_CLOSED_DAYS} days after ${formatIsoDate(day)}`,
    );
  }

  tradingDayOnOrBefore(day: DayNumber): DayNumber {
    for (let candidate = day; candidate >= day - MAX_CLOSED_DAYS; candidate--) {
      if (this.isTradingDay(candidate)) return candidate;
    }
    throw new MarketDataError(
      `calendar ${this.id}: no trading day within ${MAX_CLOSED_DAYS} days before ${formatIsoDate(day)}`,
    );
  }

  /** The session of a local day, or null when the market is closed that day. */
  session(day: DayNumber): TradingSession | null {
    if (!this.isTradingDay(day)) return null;
    const earlyClose = this.earlyCloses.get(day);
    const closeMinutes = earlyClose ?? this.closeMinutes;
    const closeUs = zonedToUtcUs(this.timeZone, day, closeMinutes);
    const squareOffUs =
      this.squareOffMinutes === null
        ? null
        : zonedToUtcUs(this.timeZone, day, Math.min(this.squareOffMinutes, closeMinutes));
    return {
      day,
      date: formatIsoDate(day),
      openUs: zonedToUtcUs(this.timeZone, day, this.openMinutes),
      closeUs,
      squareOffUs,
      earlyClose: earlyClose !== undefined,
    };
  }

  /** Exchange-local calendar day of an instant. */
  localDay(tsUs: number): DayNumber {
    return utcUsToZoned(this.timeZone, tsUs).day;
  }

  /** The session in progress at `tsUs` (open ≤ ts < close), or null. */
  sessionAt(tsUs: number): TradingSession | null {
    const session = this.session(this.localDay(tsUs));
    return session !== null && tsUs >= session.openUs && tsUs < session.closeUs ? session : null;
  }

  isOpen(tsUs: number): boolean {
    return this.sessionAt(tsUs) !== null;
  }

  /** The session in progress at `tsUs`, or else the next one to open. */
  currentOrNextSession(tsUs: number): TradingSession {
    const today = this.localDay(tsUs);
    const session = this.session(today);
    if (session !== null && tsUs < session.closeUs) return session;
    const next = this.session(this.nextTradingDay(today));
    if (next === null) throw new MarketDataError(`calendar ${this.id}: inconsistent trading day`);
    return next;
  }

  /** Seconds of regular trading in a full (not early-closed) session. */
  get regularSessionSeconds(): number {
    return (this.closeMinutes - this.openMinutes) * 60;
  }
}

export function parseMarketCalendar(json: unknown, label = 'calendar'): MarketCalendar {
  const parsed = calendarFileSchema.safeParse(json);
  if (!parsed.success) throw dataErrorFromZod(label, parsed.error);
  return new MarketCalendar(parsed.data);
}
