import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/** Side-wise kill switch: the trader can stop calls or puts alone (the preset sets the start state). */
export const sideKillSwitchGate: EntryGate = {
  name: 'sideKillSwitch',
  evaluate(candidate, context) {
    const params = context.params.gates.sideKillSwitch;
    if (!params.enabled) return disabledVerdict(this.name);
    const enabled = context.risk.sideEnabled(candidate.right);
    return verdictOf(this.name, enabled ? 'enabled' : 'killed', 'enabled', enabled, {
      detail: candidate.right,
    });
  },
};
