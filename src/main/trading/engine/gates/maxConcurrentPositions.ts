import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Max concurrent positions (open engine positions plus entries still working). */
export const maxConcurrentPositionsGate: EntryGate = {
  name: 'maxConcurrentPositions',
  evaluate(_candidate, context) {
    const params = context.params.gates.maxConcurrentPositions;
    if (!params.enabled) return disabledVerdict(this.name);
    const open = context.openPositions + context.pendingEntries;
    return verdictOf(this.name, open, params.max, open < params.max);
  },
};
