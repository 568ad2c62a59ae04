import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Max trades per minute (entries sent in the last 60 s), against overtrading in a fast tape. */
export const tradesPerMinuteGate: EntryGate = {
  name: 'tradesPerMinute',
  evaluate(_candidate, context) {
    const params = context.params.gates.tradesPerMinute;
    if (!params.enabled) return disabledVerdict(this.name);
    const recent = context.risk.entriesSince(context.nowUs - 60_000_000);
    return verdictOf(this.name, recent, params.max, recent < params.max);
  },
};
