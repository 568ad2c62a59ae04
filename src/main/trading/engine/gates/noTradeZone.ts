import type { EntryGate } from './gate';
import { disabledVerdict, finiteOrNull, round, verdictOf } from './gate';

/**
 * No-trade zone: when the underlying's 30 s range is below `minRange30sPercent` the tape is dead; option
 * premium decays while nothing moves, and spreads eat a scalp.
 */
export const noTradeZoneGate: EntryGate = {
  name: 'noTradeZone',
  evaluate(_candidate, context) {
    const params = context.params.gates.noTradeZone;
    if (!params.enabled) return disabledVerdict(this.name);
    const rangePercent = context.underlying.range30sPercent();
    const value = finiteOrNull(rangePercent);
    return verdictOf(
      this.name,
      value === null ? null : round(value, 5),
      params.minRange30sPercent,
      value !== null && value >= params.minRange30sPercent,
    );
  },
};
