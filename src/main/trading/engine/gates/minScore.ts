import type { EntryGate } from './gate';
import { disabledVerdict, scoreBar, verdictOf } from './gate';

/** Minimum score: the winning signal's confidence must reach the preset's bar. */
export const minScoreGate: EntryGate = {
  name: 'minScore',
  evaluate(candidate, context) {
    const params = context.params.gates.minScore;
    if (!params.enabled) return disabledVerdict(this.name);
    const bar = scoreBar(context);
    return verdictOf(this.name, candidate.score, bar, candidate.score >= bar);
  },
};
