import type { Symbol } from '../ids';
import type { ExpiryCycle, OptionInstrument, OptionRight } from '../instrument';
import { civilFromDays, formatIsoDate, isIsoDate, MONTH_ABBREVIATIONS, parseIsoDate } from './civilDate';
import type { OptionSeries } from './master';

/**
 * Option symbols. The workstation's own form is `UNDERLYING-YYYY-MM-DD-STRIKE-RIGHT`
 * (`NIFTY-2026-01-13-26000-CE`, `TSLA-2026-01-16-452.5-C`): sortable, unambiguous, readable in logs,
 * and within the API's symbol alphabet (letters, digits, `.`, `-`). Broker forms are derived from it:
 * OpenAlgo's `NIFTY13JAN2626000CE` for NSE/BSE, and the OCC/OSI 21-character form for US options.
 */

export class OptionSymbolError extends Error {
  override name = 'OptionSymbolError';
}

/** Shortest decimal text of a strike (24000, 252.5); strikes are quoted to at most 4 decimals. */
export function formatStrike(strike: number): string {
  if (!(strike > 0) || !Number.isFinite(strike))
    throw new OptionSymbolError(`strike must be a positive number, got ${strike}`);
  return String(Math.round(strike * 10_000) / 10_000);
}

function rightText(right: OptionRight, style: 'CE/PE' | 'C/P'): string {
  if (style === 'CE/PE') return right;
  return right === 'CE' ? 'C' : 'P';
}

export function buildOptionSymbol(
  underlying: string,
  expiryDate: string,
  strike: number,
  right: OptionRight,
  rightStyle: 'CE/PE' | 'C/P' = 'CE/PE',
): Symbol {
  if (!/^[A-Z][A-Z0-9]*$/.test(underlying))
    throw new OptionSymbolError(`"${underlying}" is not an underlying symbol`);
  if (!isIsoDate(expiryDate))
    throw new OptionSymbolError(`"${expiryDate}" is not an expiry date in YYYY-MM-DD form`);
  return `${underlying}-${expiryDate}-${formatStrike(strike)}-${rightText(right, rightStyle)}` as Symbol;
}

export interface ParsedOptionSymbol {
  readonly underlying: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: OptionRight;
}

const OPTION_SYMBOL = /^([A-Z][A-Z0-9]*)-(\d{4}-\d{2}-\d{2})-(\d+(?:\.\d+)?)-(CE|PE|C|P)$/;

/** Parses the workstation form; returns null for anything else (an underlying, a future). */
export function parseOptionSymbol(symbol: string): ParsedOptionSymbol | null {
  const match = OPTION_SYMBOL.exec(symbol);
  if (match === null || !isIsoDate(match[2])) return null;
  const strike = Number(match[3]);
  if (!(strike > 0)) return null;
  const right: OptionRight = match[4] === 'CE' || match[4] === 'C' ? 'CE' : 'PE';
  return { underlying: match[1], expiry: match[2], strike, right };
}

/**
 * OpenAlgo's common symbol for NSE/BSE options: base symbol, expiry as DDMMMYY, strike, CE/PE, e.g.
 * `NIFTY28MAR2420800CE` (docs.openalgo.in, "Symbol Format").
 */
export function toOpenAlgoSymbol(
  underlying: string,
  expiryDate: string,
  strike: number,
  right: OptionRight,
): string {
  const { year, month, day } = civilFromDays(parseIsoDate(expiryDate));
  const date = `${String(day).padStart(2, '0')}${MONTH_ABBREVIATIONS[month - 1].toUpperCase()}${String(year % 100).padStart(2, '0')}`;
  return `${underlying}${date}${formatStrike(strike)}${right}`;
}

/**
 * OCC Options Symbology Initiative (OSI, 2010) 21-character key: root left-justified in 6 characters,
 * YYMMDD, C/P, strike × 1000 in 8 digits, e.g. `SPY   260116C00690000`. Alpaca accepts it without the padding.
 */
export function toOccSymbol(
  underlying: string,
  expiryDate: string,
  strike: number,
  right: OptionRight,
  padded = true,
): string {
  if (underlying.length > 6)
    throw new OptionSymbolError(`OCC roots have at most 6 characters, got "${underlying}"`);
  const { year, month, day } = civilFromDays(parseIsoDate(expiryDate));
  const date = `${String(year % 100).padStart(2, '0')}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}`;
  const strikeThousandths = Math.round(strike * 1000);
  if (strikeThousandths >= 1e8) throw new OptionSymbolError(`strike ${strike} does not fit the OCC format`);
  const root = padded ? underlying.padEnd(6, ' ') : underlying;
  return `${root}${date}${right === 'CE' ? 'C' : 'P'}${String(strikeThousandths).padStart(8, '0')}`;
}

/** Whether a strike lies on the series' strike grid (a multiple of strikeStep, to 1e-9 relative). */
export function isStrikeOnGrid(series: OptionSeries, strike: number): boolean {
  const steps = strike / series.strikeStep;
  return strike > 0 && Math.abs(steps - Math.round(steps)) < 1e-9 * Math.max(1, steps);
}

/** Strikes on the grid nearest to `spot`: the ATM strike and `count` strikes either side, ascending. */
export function strikesAround(series: OptionSeries, spot: number, count: number): number[] {
  const step = series.strikeStep;
  const atmSteps = Math.round(spot / step);
  const strikes: number[] = [];
  for (let offset = -count; offset <= count; offset++) {
    const steps = atmSteps + offset;
    // Round away float noise from step multiples such as 2.5 × 181.
    if (steps > 0) strikes.push(Math.round(steps * step * 10_000) / 10_000);
  }
  return strikes;
}

/** What every contract of a series shares: venue, units, lot, currency, calendar and underlying. */
export function seriesContractTerms(
  series: OptionSeries,
): Omit<
  OptionInstrument,
  'symbol' | 'kind' | 'expiry' | 'strike' | 'right' | 'exerciseStyle' | 'expiryCycle'
> {
  return {
    exchange: series.exchange,
    profile: series.profile,
    priceDecimals: series.priceDecimals,
    tickUnits: series.tickUnits,
    lotSize: series.lotSize,
    multiplier: series.multiplier,
    freezeQuantity: series.freezeQuantity,
    currency: series.currency,
    calendarId: series.calendarId,
    underlying: series.underlying,
  };
}

/** A typed option instrument of a series, with its workstation symbol. */
export function makeOptionInstrument(
  series: OptionSeries,
  expiry: { readonly day: number; readonly cycle: ExpiryCycle },
  strike: number,
  right: OptionRight,
): OptionInstrument {
  if (!isStrikeOnGrid(series, strike)) {
    throw new OptionSymbolError(
      `${series.underlying} strike ${strike} is not a multiple of the strike step ${series.strikeStep}`,
    );
  }
  const expiryDate = formatIsoDate(expiry.day);
  return {
    symbol: buildOptionSymbol(series.underlying, expiryDate, strike, right, series.rightStyle),
    kind: 'option',
    ...seriesContractTerms(series),
    expiry: expiryDate,
    strike,
    right,
    exerciseStyle: series.exerciseStyle,
    expiryCycle: expiry.cycle,
  };
}
