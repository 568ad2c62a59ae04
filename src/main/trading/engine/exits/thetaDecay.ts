import type { ExitRule } from './exitRule';
import { fire, spotOf } from './exitRule';

/**
 * Theta decay: after `minHoldSeconds`, the premium is down `decayPercent` while the underlying sits
 * within `flatPercent` of where it was at entry. That loss is time, not a move against the trade that
 * a move back could repair; near expiry it only grows (0DTE theta is steepest in the last hours).
 * Options only: an underlying position has no premium to decay.
 */
export const thetaDecayExit: ExitRule = {
  name: 'thetaDecay',
  check(position, context, probe) {
    const params = context.params.exits.thetaDecay;
    if (!params.enabled || position.instrument.kind !== 'option' || !(position.underlyingAtEntry > 0))
      return false;
    if (context.nowUs - position.entryUs < params.minHoldSeconds * 1_000_000) return false;
    const mark = context.mark;
    if (!Number.isFinite(mark)) return false;
    const decay = -position.movePercent(mark);
    if (decay < params.decayPercent) return false;
    const spotMove = Math.abs(spotOf(context) / position.underlyingAtEntry - 1) * 100;
    return spotMove <= params.flatPercent
      ? fire(probe, Math.round(decay * 100) / 100, params.decayPercent)
      : false;
  },
};
