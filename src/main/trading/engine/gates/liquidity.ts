import type { EntryGate } from './gate';
import { compoundVerdict, disabledVerdict, finiteOrNull, round } from './gate';

/**
 * Liquidity gate: open interest at least `minOpenInterest` (an unknown OI fails when a minimum is set)
 * and the thinner side of the top-5 book at least `minDepthLots` lots, so the exit can be filled.
 */
export const liquidityGate: EntryGate = {
  name: 'liquidity',
  evaluate(_candidate, context) {
    const params = context.params.gates.liquidity;
    if (!params.enabled) return disabledVerdict(this.name);
    const contract = context.contract;
    const oi = finiteOrNull(contract === null ? NaN : contract.openInterest);
    const depth = finiteOrNull(contract === null ? NaN : contract.depthLots());
    return compoundVerdict(this.name, [
      {
        name: 'openInterest',
        value: oi,
        threshold: params.minOpenInterest,
        // Open interest is an option's; an underlying has none to check.
        pass:
          context.tradesUnderlying ||
          params.minOpenInterest === 0 ||
          (oi !== null && oi >= params.minOpenInterest),
      },
      {
        name: 'depthLots',
        value: depth === null ? null : round(depth, 2),
        threshold: params.minDepthLots,
        pass: depth !== null && depth >= params.minDepthLots,
      },
    ]);
  },
};
