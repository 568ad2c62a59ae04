import { describe, expect, it } from 'vitest';
import {
  civilFromDays,
  daysFromCivil,
  formatIsoDate,
  lastWeekdayOfMonth,
  nthWeekdayOfMonth,
  parseIsoDate,
  weekdayOf,
} from '../../../src/shared/domain/instruments/civilDate';
import {
  formatZoned,
  usDaylightSavingBounds,
  utcOffsetMinutes,
  utcUsToZoned,
  zonedToUtcUs,
} from '../../../src/shared/domain/instruments/timeZones';

const utcUs = (iso: string): number => Date.parse(iso) * 1000;
const minutes = (hours: number, mins = 0): number => hours * 60 + mins;

describe('civil dates', () => {
  it('round-trips day numbers across leap years and centuries', () => {
    for (const iso of ['1970-01-01', '2000-02-29', '2024-02-29', '2026-12-31', '2100-03-01']) {
      expect(formatIsoDate(parseIsoDate(iso))).toBe(iso);
    }
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(civilFromDays(daysFromCivil(2026, 3, 8))).toEqual({ year: 2026, month: 3, day: 8 });
  });

  it('rejects impossible dates', () => {
    expect(() => parseIsoDate('2026-02-29')).toThrow(/not a valid calendar date/);
    expect(() => parseIsoDate('26-01-06')).toThrow(/YYYY-MM-DD/);
  });

  it('knows weekdays and n-th / last weekdays of a month', () => {
    expect(weekdayOf(parseIsoDate('2026-01-06'))).toBe(2); // Tuesday
    expect(formatIsoDate(lastWeekdayOfMonth(2026, 3, 2))).toBe('2026-03-31');
    expect(formatIsoDate(nthWeekdayOfMonth(2026, 1, 5, 3))).toBe('2026-01-16');
    expect(() => nthWeekdayOfMonth(2026, 2, 1, 5)).toThrow(/no occurrence 5/);
  });
});

describe('IST', () => {
  it('is UTC+05:30 all year', () => {
    expect(utcOffsetMinutes('Asia/Kolkata', utcUs('2026-01-15T00:00:00Z'))).toBe(330);
    expect(utcOffsetMinutes('Asia/Kolkata', utcUs('2026-07-15T00:00:00Z'))).toBe(330);
  });

  it('puts the NSE open 09:15 IST at 03:45 UTC', () => {
    expect(zonedToUtcUs('Asia/Kolkata', parseIsoDate('2026-01-06'), minutes(9, 15))).toBe(
      utcUs('2026-01-06T03:45:00Z'),
    );
  });

  it('maps an instant after 18:30 UTC onto the next IST day', () => {
    const zoned = utcUsToZoned('Asia/Kolkata', utcUs('2026-01-05T19:00:00Z'));
    expect(formatIsoDate(zoned.day)).toBe('2026-01-06');
    expect(zoned.microsOfDay).toBe(minutes(0, 30) * 60_000_000);
  });
});

describe('ET daylight saving', () => {
  it('starts on the second Sunday of March at 07:00 UTC and ends on the first Sunday of November at 06:00 UTC', () => {
    const bounds = usDaylightSavingBounds(2026);
    expect(bounds.startUs).toBe(utcUs('2026-03-08T07:00:00Z'));
    expect(bounds.endUs).toBe(utcUs('2026-11-01T06:00:00Z'));
  });

  it('switches offset exactly at the boundary instants', () => {
    expect(utcOffsetMinutes('America/New_York', utcUs('2026-03-08T06:59:59Z'))).toBe(-300);
    expect(utcOffsetMinutes('America/New_York', utcUs('2026-03-08T07:00:00Z'))).toBe(-240);
    expect(utcOffsetMinutes('America/New_York', utcUs('2026-11-01T05:59:59Z'))).toBe(-240);
    expect(utcOffsetMinutes('America/New_York', utcUs('2026-11-01T06:00:00Z'))).toBe(-300);
  });

  it('opens the US session at 14:30 UTC before the switch and 13:30 UTC after it', () => {
    expect(zonedToUtcUs('America/New_York', parseIsoDate('2026-03-06'), minutes(9, 30))).toBe(
      utcUs('2026-03-06T14:30:00Z'),
    );
    expect(zonedToUtcUs('America/New_York', parseIsoDate('2026-03-09'), minutes(9, 30))).toBe(
      utcUs('2026-03-09T13:30:00Z'),
    );
    expect(zonedToUtcUs('America/New_York', parseIsoDate('2026-11-02'), minutes(9, 30))).toBe(
      utcUs('2026-11-02T14:30:00Z'),
    );
  });

  it('uses the pre-2007 rule (first Sunday of April, last Sunday of October) for older years', () => {
    const bounds = usDaylightSavingBounds(2006);
    expect(bounds.startUs).toBe(utcUs('2006-04-02T07:00:00Z'));
    expect(bounds.endUs).toBe(utcUs('2006-10-29T06:00:00Z'));
  });

  it('maps the nonexistent spring-forward hour forward and the repeated fall-back hour to its first occurrence', () => {
    expect(zonedToUtcUs('America/New_York', parseIsoDate('2026-03-08'), minutes(2, 30))).toBe(
      utcUs('2026-03-08T07:30:00Z'),
    );
    expect(zonedToUtcUs('America/New_York', parseIsoDate('2026-11-01'), minutes(1, 30))).toBe(
      utcUs('2026-11-01T05:30:00Z'),
    );
  });

  it('agrees with the platform tz database where one is present', () => {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      hourCycle: 'h23',
      hour: '2-digit',
      minute: '2-digit',
    });
    for (const iso of [
      '2026-01-10T15:00:00Z',
      '2026-03-08T06:30:00Z',
      '2026-03-08T07:30:00Z',
      '2026-07-04T20:00:00Z',
      '2026-11-01T05:30:00Z',
      '2026-11-01T06:30:00Z',
    ]) {
      const zoned = utcUsToZoned('America/New_York', utcUs(iso));
      const ours = `${String(Math.floor(zoned.microsOfDay / 3.6e9)).padStart(2, '0')}:${String(Math.floor((zoned.microsOfDay % 3.6e9) / 6e7)).padStart(2, '0')}`;
      expect(ours).toBe(formatter.format(new Date(iso)));
    }
  });

  it('formats an instant as local ISO text with its offset', () => {
    expect(formatZoned('America/New_York', utcUs('2026-03-09T13:30:00Z'))).toBe(
      '2026-03-09T09:30:00.000-04:00',
    );
    expect(formatZoned('Asia/Kolkata', utcUs('2026-01-06T03:45:00Z'))).toBe('2026-01-06T09:15:00.000+05:30');
  });
});
