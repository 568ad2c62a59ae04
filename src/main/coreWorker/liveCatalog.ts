import type { Symbol } from '../../shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../shared/domain/instrument';
import { isOption } from '../../shared/domain/instrument';
import type { InstrumentCatalog } from '../trading/engine/engine';

const bySymbol = (a: Instrument, b: Instrument): number =>
  a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0;

/** The live desk's instruments (the feed's list at start-up), with each underlying's options at hand. */
export class LiveCatalog implements InstrumentCatalog {
  private readonly instruments = new Map<string, Instrument>();
  private readonly optionsByUnderlying = new Map<string, OptionInstrument[]>();

  constructor(instruments: readonly Instrument[]) {
    for (const instrument of instruments) {
      this.instruments.set(instrument.symbol, instrument);
      if (!isOption(instrument)) continue;
      const list = this.optionsByUnderlying.get(instrument.underlying) ?? [];
      list.push(instrument);
      this.optionsByUnderlying.set(instrument.underlying, list);
    }
    // Symbol order, as the replay lists them, so the engine picks the same contract live and in replay.
    for (const list of this.optionsByUnderlying.values()) list.sort(bySymbol);
  }

  get(symbol: Symbol | string): Instrument | undefined {
    return this.instruments.get(symbol);
  }

  optionsOf(underlying: Symbol): readonly OptionInstrument[] {
    return this.optionsByUnderlying.get(underlying) ?? [];
  }

  all(): Instrument[] {
    return [...this.instruments.values()];
  }
}
