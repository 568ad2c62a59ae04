import { minorToMajor } from '../risk/money';
import type { EntryGate } from './gate';
import { disabledVerdict, round, verdictOf } from './gate';

/** Daily loss limit: no entry once the day's P&L (realised + unrealised, after charges) reaches −limit. */
export const dailyLossLimitGate: EntryGate = {
  name: 'dailyLossLimit',
  evaluate(_candidate, context) {
    const params = context.params.gates.dailyLossLimit;
    if (!params.enabled) return disabledVerdict(this.name);
    const limit = context.params.risk.dailyLossLimit;
    const dayPnl = minorToMajor(context.risk.dayPnl);
    const locked = context.risk.dayLockedReason === 'dailyLossLimit';
    return verdictOf(
      this.name,
      round(dayPnl, 2),
      -limit,
      !locked && dayPnl > -limit,
      locked ? { detail: 'day stopped' } : undefined,
    );
  },
};
