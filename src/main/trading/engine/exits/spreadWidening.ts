import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Spread widening: the contract's spread grew to `multiple` × its width at entry (and at least minTicks): liquidity is leaving. */
export const spreadWideningExit: ExitRule = {
  name: 'spreadWidening',
  check(position, context, probe) {
    const params = context.params.exits.spreadWidening;
    const contract = context.contract;
    if (!params.enabled || contract === null || !contract.hasQuote) return false;
    const spread = contract.spreadTicks();
    const atEntry =
      position.spreadTicksAtEntry === position.spreadTicksAtEntry
        ? Math.max(position.spreadTicksAtEntry, 1)
        : 1;
    const threshold = Math.max(params.multiple * atEntry, params.minTicks);
    return spread >= threshold ? fire(probe, spread, threshold) : false;
  },
};
