import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/**
 * Sweep against the trade: one aggressive order that took several levels of the underlying's book
 * (indicators/sweepDetector.ts) is informed, urgent flow; entering the other way within
 * `withinSeconds` of it trades into that flow. A buy sweep blocks bearish entries, a sell sweep
 * bullish ones; a sweep the same way as the trade passes (it is the move the signal read).
 */
export const sweepAgainstGate: EntryGate = {
  name: 'sweepAgainst',
  evaluate(candidate, context) {
    const params = context.params.gates.sweepAgainst;
    if (params === undefined || !params.enabled) return disabledVerdict(this.name);
    const sweeps = context.underlying.sweeps;
    const ageUs = sweeps.lastSweepUs >= 0 ? context.nowUs - sweeps.lastSweepUs : Infinity;
    const recent = ageUs <= params.withinSeconds * 1_000_000;
    const against =
      recent &&
      (candidate.direction === 'bullish' ? sweeps.lastSweepSide === 'sell' : sweeps.lastSweepSide === 'buy');
    return verdictOf(
      this.name,
      recent ? Math.round(ageUs / 1000) / 1000 : null,
      params.withinSeconds,
      !against,
      {
        detail: recent
          ? `${sweeps.lastSweepSide} sweep through ${sweeps.lastSweepLevels} levels ${against ? 'against' : 'with'} the trade`
          : 'no recent sweep',
      },
    );
  },
};
