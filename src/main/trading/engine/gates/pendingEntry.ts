import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** One working entry at a time: a second candidate waits until the first fills or is cancelled. */
export const pendingEntryGate: EntryGate = {
  name: 'pendingEntry',
  evaluate(_candidate, context) {
    const params = context.params.gates.pendingEntry;
    if (!params.enabled) return disabledVerdict(this.name);
    return verdictOf(this.name, context.pendingEntries, 0, context.pendingEntries === 0);
  },
};
