import { windowIndexOf } from '../market/underlyingState';
import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * Momentum reversal: after minHoldSeconds, the underlying moving at least reversalPercent against the
 * position over the window (down for calls, up for puts) ends the scalp's reason to exist.
 */
export const momentumReversalExit: ExitRule = {
  name: 'momentumReversal',
  check(position, context, probe) {
    const params = context.params.exits.momentumReversal;
    if (!params.enabled) return false;
    if (context.nowUs - position.entryUs < params.minHoldSeconds * 1_000_000) return false;
    const change = context.underlying.changePercent(windowIndexOf(params.windowSeconds));
    const against = position.right === 'CE' ? -change : change;
    return against >= params.reversalPercent
      ? fire(probe, change, position.right === 'CE' ? -params.reversalPercent : params.reversalPercent)
      : false;
  },
};
