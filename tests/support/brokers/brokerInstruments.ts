import type { Instrument, OptionInstrument } from '../../../src/shared/domain/instrument';
import type { MarketProfile } from '../../../src/shared/domain/instrument';
import { parseIsoDate } from '../../../src/shared/domain/instruments/civilDate';
import { findUnderlying } from '../../../src/shared/domain/instruments/master';
import { makeOptionInstrument } from '../../../src/shared/domain/instruments/optionSymbols';
import { loadMarketProfile } from '../../../src/main/trading/reference/marketProfiles';

/** Instruments from the shipped master, as a broker session would list them. */
export function underlyingOf(profile: MarketProfile, symbol: string): Instrument {
  return findUnderlying(loadMarketProfile(profile).master, symbol).instrument;
}

export function optionOf(
  profile: MarketProfile,
  underlying: string,
  expiry: string,
  strike: number,
  right: 'CE' | 'PE',
): OptionInstrument {
  const series = findUnderlying(loadMarketProfile(profile).master, underlying).options;
  return makeOptionInstrument(series, { day: parseIsoDate(expiry), cycle: 'weekly' }, strike, right);
}
