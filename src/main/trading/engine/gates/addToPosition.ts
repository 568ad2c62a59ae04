import type { EntryGate } from './gate';
import { disabledVerdict, round, verdictOf } from './gate';

/**
 * Adding to a held position: refused unless the preset allows scaling, and then only while the
 * position is at least `minProfitPercent` in profit. Averaging down a scalp turns one stop into a
 * bigger one; a new signal on the same contract is not new information.
 */
export const addToPositionGate: EntryGate = {
  name: 'addToPosition',
  evaluate(_candidate, context) {
    const params = context.params.gates.addToPosition;
    if (!params.enabled) return disabledVerdict(this.name);
    const held = context.positionOnSymbol;
    if (held === null)
      return verdictOf(this.name, 0, params.minProfitPercent, true, { detail: 'no position held' });
    const move = round(held.movePercent, 2);
    if (!params.allowScaling)
      return verdictOf(this.name, move, null, false, {
        detail: `${held.lots} lot(s) held; scaling not allowed`,
      });
    return verdictOf(this.name, move, params.minProfitPercent, move >= params.minProfitPercent, {
      detail: `${held.lots} lot(s) held`,
    });
  },
};
