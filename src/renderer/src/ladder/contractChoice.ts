import { create } from 'zustand';
import type { InstrumentView } from '../../../shared/api/views';

export type LadderLayout = 'both' | 'CE' | 'PE';

/** The contract this ladder window trades: underlying → expiry → strike; CE and PE ladders of it. */
export interface ContractChoice {
  readonly underlying: string;
  readonly expiry: string;
  /** Strike in the underlying's price (e.g. 24500), as listed; null before one is chosen. */
  readonly strike: number | null;
  readonly layout: LadderLayout;
}

export const useContractChoice = create<ContractChoice>(() => ({
  underlying: '',
  expiry: '',
  strike: null,
  layout: typeof window !== 'undefined' && window.innerWidth < 760 ? 'CE' : 'both',
}));

export function chooseContract(changes: Partial<ContractChoice>): void {
  useContractChoice.setState(changes);
}

export function optionsOf(instruments: readonly InstrumentView[], underlying: string): InstrumentView[] {
  return instruments.filter(
    (instrument) => instrument.kind === 'option' && instrument.underlying === underlying,
  );
}

export function underlyingsOf(instruments: readonly InstrumentView[]): string[] {
  return [
    ...new Set(
      instruments.flatMap((instrument) =>
        instrument.kind === 'option' && instrument.underlying ? [instrument.underlying] : [],
      ),
    ),
  ];
}

export function expiriesOf(options: readonly InstrumentView[]): string[] {
  return [...new Set(options.map((option) => option.expiry ?? ''))].filter(Boolean).sort();
}

export function strikesOf(options: readonly InstrumentView[], expiry: string): number[] {
  return [
    ...new Set(options.filter((option) => option.expiry === expiry).map((option) => option.strike ?? 0)),
  ].sort((a, b) => a - b);
}

/** The listed strike nearest the spot (the money); null without a spot or strikes. */
export function atmStrike(strikes: readonly number[], spot: number | null): number | null {
  if (spot === null || strikes.length === 0) return null;
  return strikes.reduce((best, strike) => (Math.abs(strike - spot) < Math.abs(best - spot) ? strike : best));
}

/** ATM ± `around` strikes, in order. */
export function strikesAroundAtm(strikes: readonly number[], atm: number | null, around: number): number[] {
  if (atm === null) return [...strikes];
  const index = strikes.indexOf(atm);
  return strikes.slice(Math.max(0, index - around), index + around + 1);
}

export function contractOf(
  instruments: readonly InstrumentView[],
  choice: ContractChoice,
  right: 'CE' | 'PE',
): InstrumentView | undefined {
  return instruments.find(
    (instrument) =>
      instrument.kind === 'option' &&
      instrument.underlying === choice.underlying &&
      instrument.expiry === choice.expiry &&
      instrument.strike === choice.strike &&
      instrument.right === right,
  );
}

/**
 * Type-to-search: every word must appear in the symbol ("nifty 245 pe"); options of the nearest
 * expiries first, then by symbol. At most `limit` matches.
 */
export function searchContracts(
  instruments: readonly InstrumentView[],
  query: string,
  limit = 8,
): InstrumentView[] {
  const words = query.toUpperCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  return instruments
    .filter(
      (instrument) =>
        instrument.kind === 'option' && words.every((word) => instrument.symbol.toUpperCase().includes(word)),
    )
    .sort((a, b) => (a.expiry ?? '').localeCompare(b.expiry ?? '') || a.symbol.localeCompare(b.symbol))
    .slice(0, limit);
}

/**
 * The choice that shows one option contract (a window opened as `#/ladder?symbol=…`, e.g. from the
 * chain): its underlying, expiry and strike, with its side's ladder alone; null when it is not a listed option.
 */
export function choiceOfSymbol(
  instruments: readonly InstrumentView[],
  symbol: string,
): ContractChoice | null {
  const option = instruments.find((instrument) => instrument.symbol === symbol);
  if (
    option?.kind !== 'option' ||
    !option.underlying ||
    !option.expiry ||
    option.strike === undefined ||
    !option.right
  )
    return null;
  return {
    underlying: option.underlying,
    expiry: option.expiry,
    strike: option.strike,
    layout: option.right,
  };
}
