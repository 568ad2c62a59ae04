import { describe, expect, it } from 'vitest';
import {
  expiryOn,
  isExpiryDay,
  listExpiries,
  monthlyExpiryOf,
  nextExpiry,
  timeToExpiryYears,
} from '../../../src/shared/domain/instruments/expiry';
import { oneDteUnderlyings, zeroDteUnderlyings } from '../../../src/shared/domain/instruments/shortDated';
import { day, nseCalendar, nseMaster, seriesOf, usCalendar, usMaster } from './marketData';

const utcUs = (iso: string): number => Date.parse(iso) * 1000;
const HOUR_IN_YEARS = 1 / (365 * 24);

describe('NSE expiry rules', () => {
  const nifty = seriesOf(nseMaster, 'NIFTY');

  it('lists NIFTY weekly expiries on Tuesdays, the last Tuesday marked monthly', () => {
    const expiries = listExpiries(nifty, nseCalendar, day('2026-01-01'), 4);
    expect(expiries.map((expiry) => [expiry.date, expiry.cycle])).toEqual([
      ['2026-01-06', 'weekly'],
      ['2026-01-13', 'weekly'],
      ['2026-01-20', 'weekly'],
      ['2026-01-27', 'monthly'],
    ]);
  });

  it('moves an expiry on a holiday to the previous trading day (Holi, Tuesday 2026-03-03)', () => {
    const expiry = nextExpiry(nifty, nseCalendar, day('2026-03-01'));
    expect(expiry).toMatchObject({
      date: '2026-03-02',
      nominalDate: '2026-03-03',
      shifted: true,
      cycle: 'weekly',
    });
  });

  it('moves the March 2026 monthly (last Tuesday 31st, Mahavir Jayanti) to Monday the 30th', () => {
    expect(monthlyExpiryOf(nifty, nseCalendar, 2026, 3)).toMatchObject({ date: '2026-03-30', shifted: true });
  });

  it('lists only monthly expiries for BANKNIFTY and FINNIFTY', () => {
    for (const symbol of ['BANKNIFTY', 'FINNIFTY']) {
      const expiries = listExpiries(seriesOf(nseMaster, symbol), nseCalendar, day('2026-01-01'), 3);
      expect(expiries.map((expiry) => expiry.date)).toEqual(['2026-01-27', '2026-02-24', '2026-03-30']);
      expect(expiries.every((expiry) => expiry.cycle === 'monthly')).toBe(true);
    }
  });

  it('lists SENSEX weekly on Thursdays, shifted off the 2026-01-15 holiday', () => {
    const expiries = listExpiries(seriesOf(nseMaster, 'SENSEX'), nseCalendar, day('2026-01-08'), 3);
    expect(expiries.map((expiry) => expiry.date)).toEqual(['2026-01-08', '2026-01-14', '2026-01-22']);
  });

  it('keeps the pre-September-2025 Thursday rule for historical NIFTY data', () => {
    const expiries = listExpiries(nifty, nseCalendar, day('2022-03-28'), 2);
    expect(expiries.map((expiry) => [expiry.date, expiry.cycle])).toEqual([
      ['2022-03-31', 'monthly'],
      ['2022-04-07', 'weekly'],
    ]);
  });

  it('detects expiry days', () => {
    expect(isExpiryDay(nifty, nseCalendar, day('2026-01-06'))).toBe(true);
    expect(isExpiryDay(nifty, nseCalendar, day('2026-01-07'))).toBe(false);
    expect(isExpiryDay(nifty, nseCalendar, day('2026-03-02'))).toBe(true);
    expect(expiryOn(seriesOf(nseMaster, 'BANKNIFTY'), nseCalendar, day('2026-01-06'))).toBeNull();
  });
});

describe('time to expiry', () => {
  const nifty = seriesOf(nseMaster, 'NIFTY');

  it('runs to the 15:30 IST close of expiry day in 365-day years', () => {
    const atOpen = utcUs('2026-01-06T03:45:00Z');
    expect(timeToExpiryYears(atOpen, nseCalendar, day('2026-01-06'))).toBeCloseTo(6.25 * HOUR_IN_YEARS, 12);
  });

  it('counts weekend calendar days (Friday close to Tuesday close is four days)', () => {
    const fridayClose = utcUs('2026-01-09T10:00:00Z');
    expect(timeToExpiryYears(fridayClose, nseCalendar, day('2026-01-13'))).toBeCloseTo(4 / 365, 12);
    expect(nextExpiry(nifty, nseCalendar, day('2026-01-10')).date).toBe('2026-01-13');
  });

  it('is zero at and after the close', () => {
    expect(timeToExpiryYears(utcUs('2026-01-06T10:00:00Z'), nseCalendar, day('2026-01-06'))).toBe(0);
    expect(timeToExpiryYears(utcUs('2026-01-06T12:00:00Z'), nseCalendar, day('2026-01-06'))).toBe(0);
  });

  it('loses an hour over the US spring-forward weekend', () => {
    const fridayClose = utcUs('2026-03-06T21:00:00Z'); // 16:00 EST
    expect(timeToExpiryYears(fridayClose, usCalendar, day('2026-03-09'))).toBeCloseTo(71 * HOUR_IN_YEARS, 12);
  });
});

describe('US expiries and 0DTE/1DTE', () => {
  it('lists an SPY expiry every trading day, none on the New Year holiday', () => {
    const expiries = listExpiries(seriesOf(usMaster, 'SPY'), usCalendar, day('2026-01-01'), 3);
    expect(expiries.map((expiry) => expiry.date)).toEqual(['2026-01-02', '2026-01-05', '2026-01-06']);
  });

  it('marks the third Friday as the TSLA monthly and moves Good Friday’s expiry to Thursday', () => {
    const tsla = seriesOf(usMaster, 'TSLA');
    expect(expiryOn(tsla, usCalendar, day('2026-01-16'))?.cycle).toBe('monthly');
    expect(expiryOn(tsla, usCalendar, day('2026-01-09'))?.cycle).toBe('weekly');
    expect(nextExpiry(tsla, usCalendar, day('2026-03-30'))).toMatchObject({
      date: '2026-04-02',
      shifted: true,
    });
  });

  it('has SPY, QQQ and TSLA 0DTE on a Friday, and only SPY and QQQ 1DTE for Monday', () => {
    expect(zeroDteUnderlyings(usMaster, usCalendar, day('2026-01-09'))).toEqual(['TSLA', 'SPY', 'QQQ']);
    expect(oneDteUnderlyings(usMaster, usCalendar, day('2026-01-09'))).toEqual(['SPY', 'QQQ']);
  });

  it('has TSLA 1DTE on Thursday and no 0DTE on a holiday', () => {
    expect(oneDteUnderlyings(usMaster, usCalendar, day('2026-01-08'))).toEqual(['TSLA', 'SPY', 'QQQ']);
    expect(zeroDteUnderlyings(usMaster, usCalendar, day('2026-01-19'))).toEqual([]);
  });
});
