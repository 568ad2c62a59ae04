import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Cooldown after any exit, and the longer `afterLossMs` after a losing one (no revenge trades). */
export const cooldownGate: EntryGate = {
  name: 'cooldown',
  evaluate(_candidate, context) {
    const params = context.params.gates.cooldown;
    if (!params.enabled) return disabledVerdict(this.name);
    const risk = context.risk;
    const required = risk.lastExitWasLoss ? params.afterLossMs : params.afterExitMs;
    if (risk.lastExitUs < 0) return verdictOf(this.name, null, required, true, { detail: 'no exit today' });
    const elapsedMs = Math.round((context.nowUs - risk.lastExitUs) / 1000);
    return verdictOf(this.name, elapsedMs, required, elapsedMs >= required, {
      detail: risk.lastExitWasLoss ? 'after a loss' : 'after an exit',
    });
  },
};
