import type { EntryGate } from './gate';
import { compoundVerdict, disabledVerdict } from './gate';

/**
 * Max concurrent exposure: positions (open engine positions plus entries still working) below `max`,
 * and lots over all of them, this entry included, at most `maxLots` (a 4-lot position is four times
 * the risk of a 1-lot one, not the same).
 */
export const maxConcurrentPositionsGate: EntryGate = {
  name: 'maxConcurrentPositions',
  evaluate(candidate, context) {
    const params = context.params.gates.maxConcurrentPositions;
    if (!params.enabled) return disabledVerdict(this.name);
    const open = context.openPositions + context.pendingEntries;
    const lotsAfter = context.openLots + candidate.lots;
    return compoundVerdict(this.name, [
      { name: 'positions', value: open, threshold: params.max, pass: open < params.max },
      { name: 'lots', value: lotsAfter, threshold: params.maxLots, pass: lotsAfter <= params.maxLots },
    ]);
  },
};
