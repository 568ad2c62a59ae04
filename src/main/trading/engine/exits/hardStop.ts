import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Hard stop-loss: mark at or below entry − stopLossPercent (× the pack's stop multiplier) of the premium. */
export const hardStopExit: ExitRule = {
  name: 'hardStop',
  check(position, context, probe) {
    const params = context.params.exits.hardStop;
    if (!params.enabled) return false;
    const stop = position.averagePrice * (1 - (params.stopLossPercent * position.stopMultiplier) / 100);
    return context.mark <= stop ? fire(probe, context.mark, stop) : false;
  },
};
