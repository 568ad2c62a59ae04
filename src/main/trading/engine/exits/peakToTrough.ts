import { minorToMajor } from '../risk/money';
import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * Peak-to-trough flatten: once the give-back lock has stopped the day (gates.peakToTrough) and the
 * preset asks for it (`flatten`), every engine position is closed too, so what is left of a good
 * day is banked rather than left to the positions' own exits.
 */
export const peakToTroughExit: ExitRule = {
  name: 'peakToTrough',
  check(_position, context, probe) {
    const params = context.params.gates.peakToTrough;
    if (!params.enabled || !params.flatten || context.risk.dayLockedReason !== 'peakToTrough') return false;
    return fire(probe, minorToMajor(context.risk.dayPnl), minorToMajor(context.risk.peakDayPnl));
  },
};
