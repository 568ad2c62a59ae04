import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * OI unwinding while in profit: the writers who supported the move are leaving (put OI falling for a
 * long call, call OI falling for a long put) — take the profit before the support goes.
 */
export const oiUnwindingExit: ExitRule = {
  name: 'oiUnwinding',
  check(position, context, probe) {
    const params = context.params.exits.oiUnwinding;
    const options = context.optionsContext;
    if (!params.enabled || options === null || !(position.oiChangePutAtEntry === position.oiChangePutAtEntry))
      return false;
    if (!(position.movePercent(context.mark) >= params.minProfitPercent)) return false;
    const supportChange =
      position.right === 'CE'
        ? options.oiChangePE - position.oiChangePutAtEntry
        : options.oiChangeCE - position.oiChangeCallAtEntry;
    return supportChange <= -params.minContracts ? fire(probe, supportChange, -params.minContracts) : false;
  },
};
