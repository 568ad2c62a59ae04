import { majorToMinor, minorToMajor } from '../risk/money';
import type { RiskState } from '../risk/riskState';
import type { EngineParams } from '../config/schema';
import type { EntryGate } from './gate';
import { disabledVerdict, round, verdictOf } from './gate';

/** True when the day gave back more than `maxGivebackPercent` of a peak of at least `minPeakProfit`. */
export function peakToTroughBreached(
  risk: RiskState,
  params: EngineParams['gates']['peakToTrough'],
): boolean {
  if (risk.peakDayPnl < majorToMinor(params.minPeakProfit) || risk.peakDayPnl <= 0) return false;
  return risk.dayPnl <= risk.peakDayPnl * (1 - params.maxGivebackPercent / 100);
}

/**
 * Peak-to-trough lock: once the day's P&L has reached at least `minPeakProfit`, giving back more than
 * `maxGivebackPercent` of that peak stops entries for the day (a good day stays a good day).
 */
export const peakToTroughGate: EntryGate = {
  name: 'peakToTrough',
  evaluate(_candidate, context) {
    const params = context.params.gates.peakToTrough;
    if (!params.enabled) return disabledVerdict(this.name);
    const risk = context.risk;
    const locked = risk.dayLockedReason === 'peakToTrough' || peakToTroughBreached(risk, params);
    const floor = risk.peakDayPnl * (1 - params.maxGivebackPercent / 100);
    return verdictOf(this.name, round(minorToMajor(risk.dayPnl), 2), round(minorToMajor(floor), 2), !locked, {
      detail: `peak ${round(minorToMajor(risk.peakDayPnl), 2)}`,
    });
  },
};
