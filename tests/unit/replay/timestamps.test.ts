import { describe, expect, it } from 'vitest';
import { decimalToUnits, unitsToDecimal } from '../../../src/shared/recording/decimal';
import { decimalSecondsToUs, parseTimestampUs } from '../../../src/shared/recording/timestamps';
import { daysFromCivil } from '../../../src/shared/domain/instruments/civilDate';
import {
  localDate,
  localTimeToUtcUs,
  utcOffsetMinutes,
} from '../../../src/shared/domain/instruments/timeZones';

const utcUs = (iso: string): number => Date.parse(iso) * 1000;

describe('parseTimestampUs', () => {
  it('reads ISO-8601 with an offset to the microsecond', () => {
    expect(parseTimestampUs('2026-11-24T09:15:00.123456+05:30', undefined)).toBe(
      utcUs('2026-11-24T03:45:00.123Z') + 456,
    );
  });

  it('reads Z and a space instead of T', () => {
    expect(parseTimestampUs('2026-11-24 03:45:00Z', undefined)).toBe(utcUs('2026-11-24T03:45:00Z'));
  });

  it('reads a naive time in the zone given', () => {
    expect(parseTimestampUs('2026-11-24 09:15:00.250', 'Asia/Kolkata')).toBe(
      utcUs('2026-11-24T03:45:00.250Z'),
    );
  });

  it('refuses a naive time without a zone, saying how to fix it', () => {
    expect(() => parseTimestampUs('2026-11-24 09:15:00', undefined)).toThrow('has no UTC offset; pass --tz');
  });

  it('tells epoch seconds, milliseconds, microseconds and nanoseconds apart', () => {
    const expected = utcUs('2026-11-24T03:45:00.123Z') + 456;
    expect(parseTimestampUs('1795491900.123456', undefined)).toBe(expected);
    expect(parseTimestampUs('1795491900123', undefined)).toBe(expected - 456);
    expect(parseTimestampUs('1795491900123456', undefined)).toBe(expected);
    expect(parseTimestampUs('1795491900123456789', undefined)).toBe(expected);
  });

  it('refuses text that is no time and fields out of range', () => {
    expect(() => parseTimestampUs('yesterday', undefined)).toThrow(
      'is not an ISO-8601 date-time or an epoch number',
    );
    expect(() => parseTimestampUs('2026-13-01T00:00:00Z', undefined)).toThrow('out of range');
  });
});

describe('decimalSecondsToUs', () => {
  it('is exact where float multiplication is not', () => {
    expect(34200.01746 * 1e6).not.toBe(34_200_017_460);
    expect(decimalSecondsToUs('34200.01746')).toBe(34_200_017_460);
  });
});

describe('localTimeToUtcUs', () => {
  it('applies New York daylight time in June and standard time in January', () => {
    expect(localTimeToUtcUs('America/New_York', daysFromCivil(2012, 6, 21), 34_200_000_000)).toBe(
      utcUs('2012-06-21T13:30:00Z'),
    );
    expect(localTimeToUtcUs('America/New_York', daysFromCivil(2013, 1, 15), 34_200_000_000)).toBe(
      utcUs('2013-01-15T14:30:00Z'),
    );
  });

  it('reads a time in the spring-forward gap with the offset before the change', () => {
    // 2026-03-08 02:30 does not exist in New York; read as EST (UTC-5): 07:30Z.
    expect(localTimeToUtcUs('America/New_York', daysFromCivil(2026, 3, 8), 9_000_000_000)).toBe(
      utcUs('2026-03-08T07:30:00Z'),
    );
  });

  it('takes the earlier instant in the fall-back overlap', () => {
    // 2026-11-01 01:30 happens twice in New York; the first is EDT (UTC-4): 05:30Z.
    expect(localTimeToUtcUs('America/New_York', daysFromCivil(2026, 11, 1), 5_400_000_000)).toBe(
      utcUs('2026-11-01T05:30:00Z'),
    );
  });

  it('names an unknown zone', () => {
    expect(() => localTimeToUtcUs('Mars/Olympus', daysFromCivil(2026, 1, 1), 0)).toThrow(
      'unknown time zone "Mars/Olympus"',
    );
  });

  it('gives the local date of an instant', () => {
    expect(localDate('Asia/Kolkata', utcUs('2026-11-23T20:00:00Z'))).toBe('2026-11-24');
  });

  it('reads a zone without rules of its own through Intl, with its daylight saving', () => {
    // London: GMT in January, BST (UTC+1) in July.
    expect(localTimeToUtcUs('Europe/London', daysFromCivil(2026, 1, 15), 9 * 3_600_000_000)).toBe(
      utcUs('2026-01-15T09:00:00Z'),
    );
    expect(localTimeToUtcUs('Europe/London', daysFromCivil(2026, 7, 15), 9 * 3_600_000_000)).toBe(
      utcUs('2026-07-15T08:00:00Z'),
    );
  });

  it('agrees with Intl on the rule-based exchange zones', () => {
    // The rules for America/New_York against the runtime's tz data, either side of both 2026 changes.
    for (const iso of [
      '2026-03-08T06:59:00Z',
      '2026-03-08T07:00:00Z',
      '2026-11-01T05:59:00Z',
      '2026-11-01T06:00:00Z',
    ]) {
      const local = new Intl.DateTimeFormat('en-US', {
        timeZone: 'America/New_York',
        timeZoneName: 'shortOffset',
      })
        .formatToParts(new Date(iso))
        .find((part) => part.type === 'timeZoneName')?.value;
      const offsetHours = utcOffsetMinutes('America/New_York', utcUs(iso)) / 60;
      expect(local).toBe(`GMT${offsetHours}`);
    }
  });
});

describe('decimalToUnits', () => {
  it('converts without float error', () => {
    expect(decimalToUnits('24100.05', 2)).toBe(2410005);
    expect(decimalToUnits('0.3', 2)).toBe(30);
    expect(decimalToUnits('585.3300', 4)).toBe(5853300);
    expect(decimalToUnits('-1.5', 2)).toBe(-150);
  });

  it('refuses more decimals than the unit has', () => {
    expect(() => decimalToUnits('24100.055', 2)).toThrow('has more than 2 decimals');
  });

  it('formats units back', () => {
    expect(unitsToDecimal(2410005, 2)).toBe('24100.05');
    expect(unitsToDecimal(-5, 2)).toBe('-0.05');
  });
});
