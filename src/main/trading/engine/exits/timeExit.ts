import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Time exit: a scalp that has not worked within maxHoldSeconds is closed (theta and opportunity cost). */
export const timeExit: ExitRule = {
  name: 'timeExit',
  check(position, context, probe) {
    const params = context.params.exits.timeExit;
    if (!params.enabled) return false;
    const heldSeconds = (context.nowUs - position.entryUs) / 1_000_000;
    return heldSeconds >= params.maxHoldSeconds
      ? fire(probe, Math.floor(heldSeconds), params.maxHoldSeconds)
      : false;
  },
};
