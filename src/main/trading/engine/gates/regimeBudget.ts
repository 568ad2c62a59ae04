import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Regime trade budget: at most N entries per day in each regime (few in volatile tape, more in trend). */
export const regimeBudgetGate: EntryGate = {
  name: 'regimeBudget',
  evaluate(candidate, context) {
    const params = context.params.gates.regimeBudget;
    if (!params.enabled) return disabledVerdict(this.name);
    const used = context.risk.regimeTrades[candidate.regime];
    const budget = params[candidate.regime];
    return verdictOf(this.name, used, budget, used < budget, { detail: candidate.regime });
  },
};
