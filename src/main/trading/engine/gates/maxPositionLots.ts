import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Max position size in lots: what is held in the contract plus this entry. */
export const maxPositionLotsGate: EntryGate = {
  name: 'maxPositionLots',
  evaluate(candidate, context) {
    const params = context.params.gates.maxPositionLots;
    if (!params.enabled) return disabledVerdict(this.name);
    const after = context.lotsOnSymbol + candidate.lots;
    return verdictOf(this.name, after, params.max, after <= params.max);
  },
};
