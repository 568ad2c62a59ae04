import type { Instrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import type { OptionRight } from '../../../shared/domain/instrument';
import { toOccSymbol } from '../../../shared/domain/instruments/optionSymbols';

/**
 * Alpaca names stocks by ticker and options by the OCC/OSI key without padding
 * (`TSLA261121C00250000`: root, YYMMDD, C/P, strike × 1000 in 8 digits).
 */
export function toAlpacaSymbol(instrument: Instrument): string {
  return isOption(instrument)
    ? toOccSymbol(instrument.underlying, instrument.expiry, instrument.strike, instrument.right, false)
    : instrument.symbol;
}

export interface ParsedOccSymbol {
  readonly underlying: string;
  readonly expiry: string;
  readonly strike: number;
  readonly right: OptionRight;
}

const OCC = /^([A-Z][A-Z0-9.]{0,5}?)\s*(\d{2})(\d{2})(\d{2})([CP])(\d{8})$/;

export function parseOccSymbol(symbol: string): ParsedOccSymbol | null {
  const match = OCC.exec(symbol);
  if (!match) return null;
  return {
    underlying: match[1],
    expiry: `20${match[2]}-${match[3]}-${match[4]}`,
    strike: Number(match[6]) / 1000,
    right: match[5] === 'C' ? 'CE' : 'PE',
  };
}

export class AlpacaSymbolMap {
  private readonly byAlpaca = new Map<string, Instrument>();
  private readonly toAlpaca = new Map<string, string>();

  constructor(instruments: Iterable<Instrument>) {
    for (const instrument of instruments) this.add(instrument);
  }

  add(instrument: Instrument): void {
    const symbol = toAlpacaSymbol(instrument);
    this.byAlpaca.set(symbol, instrument);
    this.toAlpaca.set(instrument.symbol, symbol);
  }

  alpacaSymbol(symbol: string): string | undefined {
    return this.toAlpaca.get(symbol);
  }

  instrument(alpacaSymbol: string): Instrument | undefined {
    return this.byAlpaca.get(alpacaSymbol);
  }
}
