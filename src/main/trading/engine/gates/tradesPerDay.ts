import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Max trades per day (entries sent today, unfilled ones given back). */
export const tradesPerDayGate: EntryGate = {
  name: 'tradesPerDay',
  evaluate(_candidate, context) {
    const params = context.params.gates.tradesPerDay;
    if (!params.enabled) return disabledVerdict(this.name);
    const trades = context.risk.tradesToday;
    return verdictOf(this.name, trades, params.max, trades < params.max);
  },
};
