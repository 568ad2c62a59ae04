import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * Session square-off: close engine positions `minutesBeforeClose` before the broker's square-off (or the
 * close where there is none), so the engine exits on its own terms rather than at the broker's
 * auto-square-off price and charge.
 */
export const sessionSquareOffExit: ExitRule = {
  name: 'sessionSquareOff',
  check(_position, context, probe) {
    const params = context.params.exits.sessionSquareOff;
    if (!params.enabled) return false;
    const session = context.session;
    if (session === null) return fire(probe, 'closed', null);
    const endUs = session.squareOffUs ?? session.closeUs;
    const minutesLeft = (endUs - context.nowUs) / 60_000_000;
    return minutesLeft <= params.minutesBeforeClose
      ? fire(probe, Math.round(minutesLeft * 100) / 100, params.minutesBeforeClose)
      : false;
  },
};
