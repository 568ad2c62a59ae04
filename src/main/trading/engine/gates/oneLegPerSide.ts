import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/**
 * At most one leg per option right: a candidate is refused while the engine already holds (or is
 * entering) a position on the same right. With two positions allowed the book is then a call and a
 * put whose entries the signals time — long gamma with the direction mostly hedged — never two bets
 * on one direction (docs/engine.md, "Measured on the built-in market").
 */
export const oneLegPerSideGate: EntryGate = {
  name: 'oneLegPerSide',
  evaluate(candidate, context) {
    if (!context.params.gates.oneLegPerSide.enabled) return disabledVerdict(this.name);
    const held = context.lotsOnRight[candidate.right];
    return verdictOf(this.name, held, 0, held === 0, {
      detail:
        held === 0 ? `no ${candidate.right} held` : `${held} ${candidate.right} lot(s) held or entering`,
    });
  },
};
