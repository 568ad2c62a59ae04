import type { Symbol } from '../../../shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import type { InstrumentCatalog } from './engine';

/** A fixed catalog over a list of instruments (tests, the bench, a replay with a known chain). */
export function createStaticCatalog(instruments: readonly Instrument[]): InstrumentCatalog {
  const bySymbol = new Map<string, Instrument>();
  for (const instrument of instruments) bySymbol.set(instrument.symbol, instrument);
  return {
    get: (symbol: Symbol) => bySymbol.get(symbol),
    optionsOf: (underlying: Symbol) =>
      instruments.filter(
        (instrument): instrument is OptionInstrument =>
          isOption(instrument) && instrument.underlying === underlying,
      ),
  };
}
