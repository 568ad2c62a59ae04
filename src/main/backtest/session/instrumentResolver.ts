import type { Symbol } from '../../../shared/domain/ids';
import type { Instrument, MarketProfile, OptionInstrument } from '../../../shared/domain/instrument';
import { parseOptionSymbol, seriesContractTerms } from '../../../shared/domain/instruments/optionSymbols';
import type { RecordedInstrument } from '../../../shared/recording/events';
import { loadMarketProfile } from '../../trading/reference/marketProfiles';

const PROFILES: readonly MarketProfile[] = ['nse', 'us'];

/**
 * The full instrument (lot size, multiplier, freeze quantity, calendar) of a symbol on a replayed
 * tape, which the engine and the paper broker need to trade it:
 * 1. as the recording stored it (the live recorder writes every instrument it records);
 * 2. from the shipped instrument master, for an underlying it lists or an option symbol on one
 *    (`NIFTY-2026-11-24-24000-CE`), as a CSV import gives;
 * 3. otherwise an equity in `fallbackProfile` with lot size and multiplier 1 (a LOBSTER stock).
 */
export function resolveInstrument(
  symbol: Symbol,
  recorded: RecordedInstrument | undefined,
  fallbackProfile: MarketProfile = 'us',
): Instrument {
  if (recorded?.instrument) return recorded.instrument;
  const option = parseOptionSymbol(symbol);
  for (const profile of PROFILES) {
    const { master } = loadMarketProfile(profile);
    if (option !== null) {
      const definition = master.underlyings.find(
        (underlying) => underlying.instrument.symbol === option.underlying,
      );
      if (definition === undefined) continue;
      const series = definition.options;
      const instrument: OptionInstrument = {
        symbol,
        kind: 'option',
        ...seriesContractTerms(series),
        // The recording's own units win: they are what its prices were written in.
        priceDecimals: recorded?.priceDecimals ?? series.priceDecimals,
        tickUnits: recorded?.tickUnits ?? series.tickUnits,
        expiry: option.expiry,
        strike: option.strike,
        right: option.right,
      };
      return instrument;
    }
    const underlying = master.underlyings.find((definition) => definition.instrument.symbol === symbol);
    if (underlying !== undefined) return underlying.instrument;
  }
  return {
    symbol,
    kind: 'equity',
    exchange: 'REPLAY',
    profile: fallbackProfile,
    priceDecimals: recorded?.priceDecimals ?? 2,
    tickUnits: recorded?.tickUnits ?? 1,
    lotSize: 1,
    multiplier: 1,
    freezeQuantity: 0,
    currency: fallbackProfile === 'nse' ? 'INR' : 'USD',
  };
}
