import type { Symbol } from './ids';
import type { PriceFormat } from './price';

export type MarketProfile = 'nse' | 'us';
export type InstrumentKind = 'index' | 'future' | 'equity' | 'option';
/** CE/PE in NSE terms; US calls and puts map onto the same two rights. */
export type OptionRight = 'CE' | 'PE';
/** European: exercise at expiry only (NSE/BSE index options). American: any time (US equity options). */
export type ExerciseStyle = 'european' | 'american';
/** Which listing cycle an expiry belongs to; an expiry that is both weekly and monthly is 'monthly'. */
export type ExpiryCycle = 'daily' | 'weekly' | 'monthly';

export interface InstrumentBase extends PriceFormat {
  readonly symbol: Symbol;
  readonly kind: InstrumentKind;
  readonly exchange: string;
  readonly profile: MarketProfile;
  /** Quantity step: orders must be whole multiples (NSE lot size; 1 for US contracts). */
  readonly lotSize: number;
  /** Money per one price unit per one quantity: 1 for NSE options (quantity is in units), 100 for US options (quantity is in contracts). */
  readonly multiplier: number;
  /** Largest quantity one order may carry at the exchange; larger orders are sliced. 0 means no limit. */
  readonly freezeQuantity: number;
  /** Currency of prices and P&L, e.g. INR, USD. */
  readonly currency: string;
  /** Market calendar giving the trading session (resources/calendars/<calendarId>.json), when known. */
  readonly calendarId?: string;
}

export interface IndexInstrument extends InstrumentBase {
  readonly kind: 'index';
}
export interface EquityInstrument extends InstrumentBase {
  readonly kind: 'equity';
}
export interface FutureInstrument extends InstrumentBase {
  readonly kind: 'future';
  readonly underlying: Symbol;
  /** ISO date YYYY-MM-DD. */
  readonly expiry: string;
}
export interface OptionInstrument extends InstrumentBase {
  readonly kind: 'option';
  readonly underlying: Symbol;
  /** ISO date YYYY-MM-DD. */
  readonly expiry: string;
  /** Strike in the underlying's price units. */
  readonly strike: number;
  readonly right: OptionRight;
  readonly exerciseStyle?: ExerciseStyle;
  readonly expiryCycle?: ExpiryCycle;
}

export type Instrument = IndexInstrument | EquityInstrument | FutureInstrument | OptionInstrument;

export function isOption(instrument: Instrument): instrument is OptionInstrument {
  return instrument.kind === 'option';
}

export function optionSymbol(underlying: string, expiry: string, strike: number, right: OptionRight): Symbol {
  return `${underlying}-${expiry}-${strike}-${right}` as Symbol;
}
