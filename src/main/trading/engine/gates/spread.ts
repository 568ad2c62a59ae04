import type { EntryGate } from './gate';
import { compoundVerdict, disabledVerdict, finiteOrNull, round } from './gate';

/**
 * Spread gate: the contract's spread as a percentage of its mid must be at most `maxSpreadPercent`,
 * and the current spread must not be unusually wide for this contract (rolling percentile at most
 * `maxSpreadPercentile`): a scalp pays the spread twice.
 */
export const spreadGate: EntryGate = {
  name: 'spread',
  evaluate(_candidate, context) {
    const params = context.params.gates.spread;
    if (!params.enabled) return disabledVerdict(this.name);
    const contract = context.contract;
    const percent = contract === null ? NaN : contract.spreadPercent();
    const percentile = contract === null ? NaN : contract.spreads.rank(contract.spreadTicks());
    const percentValue = finiteOrNull(percent);
    const percentileValue = finiteOrNull(percentile);
    return compoundVerdict(this.name, [
      {
        name: 'spreadPercent',
        value: percentValue === null ? null : round(percentValue),
        threshold: params.maxSpreadPercent,
        pass: percentValue !== null && percentValue <= params.maxSpreadPercent,
      },
      {
        name: 'spreadPercentile',
        value: percentileValue === null ? null : round(percentileValue, 2),
        threshold: params.maxSpreadPercentile,
        pass: percentileValue !== null && percentileValue <= params.maxSpreadPercentile,
      },
    ]);
  },
};
