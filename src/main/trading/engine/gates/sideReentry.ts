import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Side-specific re-entry cooldown: calls and puts are tracked apart, so a PE exit does not hold up a CE entry. */
export const sideReentryGate: EntryGate = {
  name: 'sideReentry',
  evaluate(candidate, context) {
    const params = context.params.gates.sideReentry;
    if (!params.enabled) return disabledVerdict(this.name);
    const lastExit = context.risk.lastExitOnSide(candidate.right);
    if (lastExit < 0)
      return verdictOf(this.name, null, params.cooldownMs, true, {
        detail: `no ${candidate.right} exit today`,
      });
    const elapsedMs = Math.round((context.nowUs - lastExit) / 1000);
    return verdictOf(this.name, elapsedMs, params.cooldownMs, elapsedMs >= params.cooldownMs, {
      detail: candidate.right,
    });
  },
};
