import { describe, expect, it } from 'vitest';
import { parseMarketCalendar } from '../../../src/shared/domain/instruments/calendar';
import { formatIsoDate } from '../../../src/shared/domain/instruments/civilDate';
import { MarketDataError } from '../../../src/shared/domain/instruments/dataErrors';
import { cloneJson, day, nseCalendar, nseCalendarJson, usCalendar } from './marketData';

const utcUs = (iso: string): number => Date.parse(iso) * 1000;

describe('NSE calendar', () => {
  it('trades 09:15–15:30 IST with the broker square-off at 15:15', () => {
    const session = nseCalendar.session(day('2026-01-06'));
    expect(session?.openUs).toBe(utcUs('2026-01-06T03:45:00Z'));
    expect(session?.closeUs).toBe(utcUs('2026-01-06T10:00:00Z'));
    expect(session?.squareOffUs).toBe(utcUs('2026-01-06T09:45:00Z'));
  });

  it('is closed on weekends and listed holidays', () => {
    expect(nseCalendar.isTradingDay(day('2026-01-10'))).toBe(false); // Saturday
    expect(nseCalendar.isTradingDay(day('2026-01-26'))).toBe(false);
    expect(nseCalendar.holidayName(day('2026-03-03'))).toBe('Holi');
    expect(nseCalendar.session(day('2026-03-03'))).toBeNull();
    expect(nseCalendar.isTradingDay(day('2026-03-02'))).toBe(true);
  });

  it('finds the previous and next trading days around holidays and weekends', () => {
    expect(formatIsoDate(nseCalendar.previousTradingDay(day('2026-01-27')))).toBe('2026-01-23'); // over Mon 26 and the weekend
    expect(formatIsoDate(nseCalendar.nextTradingDay(day('2026-04-02')))).toBe('2026-04-06'); // over Good Friday
  });

  it('says whether the market is open at an instant', () => {
    expect(nseCalendar.isOpen(utcUs('2026-01-06T03:44:59Z'))).toBe(false);
    expect(nseCalendar.isOpen(utcUs('2026-01-06T03:45:00Z'))).toBe(true);
    expect(nseCalendar.isOpen(utcUs('2026-01-06T10:00:00Z'))).toBe(false);
  });

  it('gives the next session after the close', () => {
    const next = nseCalendar.currentOrNextSession(utcUs('2026-01-09T11:00:00Z')); // Friday evening
    expect(next.date).toBe('2026-01-12');
  });

  it('tells which dates its holiday list covers', () => {
    expect(nseCalendar.covers(day('2026-06-01'))).toBe(true);
    expect(nseCalendar.covers(day('2027-06-01'))).toBe(false);
  });
});

describe('US calendar', () => {
  it('opens 09:30 ET on both sides of the DST switch', () => {
    expect(usCalendar.session(day('2026-03-06'))?.openUs).toBe(utcUs('2026-03-06T14:30:00Z'));
    expect(usCalendar.session(day('2026-03-09'))?.openUs).toBe(utcUs('2026-03-09T13:30:00Z'));
  });

  it('closes at 13:00 ET on an early-close day', () => {
    const session = usCalendar.session(day('2026-11-27'));
    expect(session?.earlyClose).toBe(true);
    expect(session?.closeUs).toBe(utcUs('2026-11-27T18:00:00Z'));
  });

  it('observes Independence Day on Friday 2026-07-03', () => {
    expect(usCalendar.isTradingDay(day('2026-07-03'))).toBe(false);
    expect(usCalendar.session(day('2026-07-03'))).toBeNull();
  });
});

describe('calendar validation', () => {
  it('rejects a session that closes before it opens, naming the field', () => {
    const broken = cloneJson(nseCalendarJson);
    broken.session.close = '09:00';
    expect(() => parseMarketCalendar(broken, 'nse.json')).toThrow(
      /nse\.json is invalid: session\.close: must be after session\.open/,
    );
  });

  it('rejects a malformed holiday date', () => {
    const broken = cloneJson(nseCalendarJson);
    broken.holidays[2].date = '2026-02-30';
    try {
      parseMarketCalendar(broken, 'nse.json');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MarketDataError);
      expect((error as MarketDataError).problems).toContain(
        'holidays[2].date: must be a valid date in YYYY-MM-DD form',
      );
    }
  });

  it('rejects an unknown time zone', () => {
    const broken = { ...cloneJson(nseCalendarJson), timeZone: 'Asia/Calcutta' };
    expect(() => parseMarketCalendar(broken, 'nse.json')).toThrow(/timeZone/);
  });
});
