import type { TimestampUs } from '../../domain/time';

/**
 * One side (call = CE or put = PE) of one strike in a chain snapshot, in plain decimal units of the
 * underlying (not integer ticks: analytics is statistics over the chain, not order prices).
 * A quantity the source did not report is 0, an IV it did not report is null.
 */
export interface ChainQuote {
  /** Open interest in the source's unit (NSE: contracts; multiply by `contractMultiplier` for units). */
  readonly oi: number;
  /** Change of open interest since the previous session's close. */
  readonly oiChange: number;
  /** Contracts traded today. */
  readonly volume: number;
  /** Implied volatility as a fraction (0.1425 = 14.25 %); null when the source has none (NSE prints 0). */
  readonly iv: number | null;
  /** Last traded price; 0 when the contract has not traded. */
  readonly ltp: number;
  /** Change of the last price since the previous close (for OI buildup classification). */
  readonly ltpChange: number;
  /** Best bid / ask price, 0 when there is no quote on that side. */
  readonly bid: number;
  readonly ask: number;
  readonly bidQty: number;
  readonly askQty: number;
}

export interface ChainRow {
  readonly strike: number;
  readonly ce: ChainQuote | null;
  readonly pe: ChainQuote | null;
}

/** A single-expiry option chain at one instant. Rows are sorted by ascending strike, strikes unique. */
export interface ChainSnapshot {
  readonly underlying: string;
  /** Underlying price the chain was quoted against (NSE `underlyingValue`). */
  readonly spot: number;
  /** ISO date YYYY-MM-DD. */
  readonly expiry: string;
  /** The instant the contracts stop trading (NSE: 15:30 IST on the expiry date). */
  readonly expiryUs: TimestampUs;
  /** When the snapshot was taken (NSE `records.timestamp`, IST). */
  readonly timestampUs: TimestampUs;
  /** Units of underlying per unit of OI: the lot size when OI is in contracts, 1 when OI is in units. */
  readonly contractMultiplier: number;
  readonly rows: readonly ChainRow[];
}

export const MICROSECONDS_PER_YEAR = 365 * 24 * 3600 * 1_000_000;

/** ACT/365 time from the snapshot (or `atUs`) to expiry in years, never negative. */
export function yearsToExpiry(snapshot: ChainSnapshot, atUs: number = snapshot.timestampUs): number {
  return Math.max(snapshot.expiryUs - atUs, 0) / MICROSECONDS_PER_YEAR;
}

/** Mid price when both sides are quoted and not crossed, otherwise the last traded price. */
export function quoteMid(quote: ChainQuote): number {
  if (quote.bid > 0 && quote.ask > 0 && quote.ask >= quote.bid) return 0.5 * (quote.bid + quote.ask);
  return quote.ltp;
}
