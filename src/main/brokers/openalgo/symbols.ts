import type { Symbol } from '../../../shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import type { OptionRight } from '../../../shared/domain/instrument';
import { MONTH_ABBREVIATIONS, monthFromAbbreviation } from '../../../shared/domain/instruments/civilDate';
import { toOpenAlgoSymbol } from '../../../shared/domain/instruments/optionSymbols';

/**
 * OpenAlgo's common symbology (docs.openalgo.in "Symbol Format"): an index is its base symbol on
 * NSE_INDEX / BSE_INDEX; an option is base + DDMMMYY + strike + CE/PE (`NIFTY30JAN2525000CE`) on
 * NFO (NSE) or BFO (BSE). The workstation keeps its own sortable form and converts at the edge.
 */
export interface OpenAlgoInstrumentKey {
  readonly symbol: string;
  readonly exchange: string;
}

export class OpenAlgoSymbolError extends Error {
  override name = 'OpenAlgoSymbolError';
}

const INDEX_EXCHANGE: Readonly<Record<string, string>> = { NSE: 'NSE_INDEX', BSE: 'BSE_INDEX' };

export function toOpenAlgoKey(instrument: Instrument): OpenAlgoInstrumentKey {
  if (isOption(instrument))
    return {
      symbol: toOpenAlgoSymbol(instrument.underlying, instrument.expiry, instrument.strike, instrument.right),
      exchange: instrument.exchange,
    };
  if (instrument.kind === 'index') {
    const exchange = INDEX_EXCHANGE[instrument.exchange];
    if (exchange === undefined)
      throw new OpenAlgoSymbolError(
        `no OpenAlgo index exchange for ${instrument.symbol} on ${instrument.exchange}`,
      );
    return { symbol: instrument.symbol, exchange };
  }
  return { symbol: instrument.symbol, exchange: instrument.exchange };
}

export const keyText = (key: OpenAlgoInstrumentKey): string => `${key.exchange}:${key.symbol}`;

const OPTION =
  /^([A-Z][A-Z0-9]*?)(\d{2})(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)(\d{2})(\d+(?:\.\d+)?)(CE|PE)$/;

export interface ParsedOpenAlgoOption {
  readonly underlying: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: OptionRight;
}

/** `NIFTY30JAN2525000CE` → NIFTY, 2025-01-30, 25000, CE; null for anything that is not an option. */
export function parseOpenAlgoOption(symbol: string): ParsedOpenAlgoOption | null {
  const match = OPTION.exec(symbol);
  if (match === null) return null;
  const month = monthFromAbbreviation(match[3]);
  return {
    underlying: match[1],
    expiry: `20${match[4]}-${String(month).padStart(2, '0')}-${match[2]}`,
    strike: Number(match[5]),
    right: match[6] as OptionRight,
  };
}

/** OpenAlgo's expiry list form `10-JUL-25` (and the option chain's `30DEC25`) to ISO `2025-07-10`. */
export function parseOpenAlgoExpiry(text: string): string {
  const match = /^(\d{2})-?([A-Z]{3})-?(\d{2})$/.exec(text.toUpperCase());
  const month = match ? monthFromAbbreviation(match[2]) : 0;
  if (!match || month === 0) throw new OpenAlgoSymbolError(`"${text}" is not an OpenAlgo expiry (DD-MMM-YY)`);
  return `20${match[3]}-${String(month).padStart(2, '0')}-${match[1]}`;
}

/** ISO `2025-12-30` to the option chain's `30DEC25`. */
export function toOpenAlgoExpiry(isoDate: string): string {
  const [year, month, day] = isoDate.split('-');
  return `${day}${MONTH_ABBREVIATIONS[Number(month) - 1].toUpperCase()}${year.slice(2)}`;
}

/** Lookup both ways over the instruments a session trades. */
export class OpenAlgoSymbolMap {
  private readonly byKey = new Map<string, Instrument>();
  private readonly keys = new Map<string, OpenAlgoInstrumentKey>();

  constructor(instruments: Iterable<Instrument>) {
    for (const instrument of instruments) this.add(instrument);
  }

  add(instrument: Instrument): void {
    const key = toOpenAlgoKey(instrument);
    this.byKey.set(keyText(key), instrument);
    this.keys.set(instrument.symbol, key);
  }

  key(symbol: Symbol | string): OpenAlgoInstrumentKey | undefined {
    return this.keys.get(symbol);
  }

  instrument(key: OpenAlgoInstrumentKey): Instrument | undefined {
    return this.byKey.get(keyText(key));
  }

  /** Order and position rows name a symbol and exchange; index rows never trade. */
  instrumentOf(symbol: string, exchange: string): Instrument | undefined {
    return this.byKey.get(keyText({ symbol, exchange }));
  }

  options(): OptionInstrument[] {
    return [...this.byKey.values()].filter(isOption);
  }
}
