import { majorToMinor, minorToMajor } from '../risk/money';
import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Daily loss limit: when the day's P&L reaches −limit, every engine position is closed and the day stops. */
export const dailyLossExit: ExitRule = {
  name: 'dailyLoss',
  check(_position, context, probe) {
    if (!context.params.exits.dailyLoss.enabled) return false;
    const limit = majorToMinor(context.params.risk.dailyLossLimit);
    if (context.risk.dayPnl > -limit && context.risk.dayLockedReason !== 'dailyLossLimit') return false;
    return fire(probe, minorToMajor(context.risk.dayPnl), -context.params.risk.dailyLossLimit);
  },
};
