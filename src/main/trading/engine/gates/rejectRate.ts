import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/**
 * Reject-rate guardrail: `maxRejects` broker rejects among the last `windowOrders` orders pauses
 * entries for `pauseMinutes` (the engine sets the pause when the count is reached, with an alert):
 * repeated rejects mean margin, price band or connectivity trouble that more orders will not fix.
 */
export const rejectRateGate: EntryGate = {
  name: 'rejectRate',
  evaluate(_candidate, context) {
    const params = context.params.gates.rejectRate;
    if (!params.enabled) return disabledVerdict(this.name);
    const risk = context.risk;
    const rejects = risk.recentRejects();
    const paused = context.nowUs < risk.rejectPauseUntilUs;
    return verdictOf(this.name, rejects, params.maxRejects, !paused && rejects < params.maxRejects, {
      detail: paused
        ? `paused for ${Math.ceil((risk.rejectPauseUntilUs - context.nowUs) / 1_000_000)} s more`
        : `last ${params.windowOrders} orders`,
    });
  },
};
