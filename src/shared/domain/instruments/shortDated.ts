import type { Symbol } from '../ids';
import type { MarketCalendar } from './calendar';
import type { DayNumber } from './civilDate';
import type { Expiry } from './expiry';
import { expiryOn } from './expiry';
import type { InstrumentMaster } from './master';

/**
 * 0DTE / 1DTE: which underlyings have an expiry today (0 days to expiry) or on the next trading day
 * (1DTE; "days" are trading days here, as traders use the term: Friday's 1DTE is Monday's expiry).
 * SPY and QQQ list an expiry every trading day, so they always have both; TSLA has a 0DTE only on
 * its Friday (or holiday-shifted) expiry.
 */
export interface ShortDatedExpiries {
  readonly underlying: Symbol;
  /** Expiry on the given trading day, or null. */
  readonly zeroDte: Expiry | null;
  /** Expiry on the next trading day, or null. */
  readonly oneDte: Expiry | null;
}

export function shortDatedExpiries(
  master: InstrumentMaster,
  calendar: MarketCalendar,
  day: DayNumber,
): ShortDatedExpiries[] {
  const today = calendar.tradingDayOnOrAfter(day);
  const nextDay = calendar.nextTradingDay(today);
  return master.underlyings.map((underlying) => ({
    underlying: underlying.instrument.symbol,
    zeroDte: today === day ? expiryOn(underlying.options, calendar, today) : null,
    oneDte: expiryOn(underlying.options, calendar, today === day ? nextDay : today),
  }));
}

/** Underlyings with a 0DTE expiry on `day`. */
export function zeroDteUnderlyings(
  master: InstrumentMaster,
  calendar: MarketCalendar,
  day: DayNumber,
): Symbol[] {
  return shortDatedExpiries(master, calendar, day)
    .filter((entry) => entry.zeroDte !== null)
    .map((entry) => entry.underlying);
}

/** Underlyings with a 1DTE expiry on the trading day after `day`. */
export function oneDteUnderlyings(
  master: InstrumentMaster,
  calendar: MarketCalendar,
  day: DayNumber,
): Symbol[] {
  return shortDatedExpiries(master, calendar, day)
    .filter((entry) => entry.oneDte !== null)
    .map((entry) => entry.underlying);
}
