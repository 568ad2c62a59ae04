import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/**
 * Consecutive-loss breaker: after `max` losing trades in a row, pause for `pauseMinutes` after the last
 * loss (0 = for the rest of the day). A winning trade resets the count.
 */
export const consecutiveLossesGate: EntryGate = {
  name: 'consecutiveLosses',
  evaluate(_candidate, context) {
    const params = context.params.gates.consecutiveLosses;
    if (!params.enabled) return disabledVerdict(this.name);
    const risk = context.risk;
    const losses = risk.consecutiveLosses;
    if (losses < params.max) return verdictOf(this.name, losses, params.max, true);
    if (params.pauseMinutes === 0)
      return verdictOf(this.name, losses, params.max, false, { detail: 'stopped for the day' });
    const resumeUs = risk.lastExitUs + params.pauseMinutes * 60_000_000;
    const paused = context.nowUs < resumeUs;
    return verdictOf(this.name, losses, params.max, !paused, {
      detail: paused
        ? `paused for ${Math.ceil((resumeUs - context.nowUs) / 1_000_000)} s more`
        : 'pause over',
    });
  },
};
