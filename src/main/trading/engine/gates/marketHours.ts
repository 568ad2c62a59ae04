import type { EntryGate } from './gate';
import { compoundVerdict, disabledVerdict, round, verdictOf } from './gate';

const MINUTE_US = 60_000_000;

/**
 * Market hours: entries only inside the session, not in the first `noEntryAfterOpenMinutes` (the
 * opening auction's noise) and not in the last `noEntryBeforeCloseMinutes` (a scalp needs room
 * before the broker's square-off, ~15:15 IST on NSE).
 */
export const marketHoursGate: EntryGate = {
  name: 'marketHours',
  evaluate(_candidate, context) {
    const params = context.params.gates.marketHours;
    if (!params.enabled) return disabledVerdict(this.name);
    const session = context.session;
    if (session === null)
      return verdictOf(this.name, 'closed', 'session', false, { detail: 'no session today' });
    const now = context.nowUs;
    const sinceOpen = (now - session.openUs) / MINUTE_US;
    const closeUs = session.squareOffUs ?? session.closeUs;
    const toClose = (closeUs - now) / MINUTE_US;
    return compoundVerdict(this.name, [
      {
        name: 'minutesSinceOpen',
        value: round(sinceOpen, 2),
        threshold: params.noEntryAfterOpenMinutes,
        pass: sinceOpen >= params.noEntryAfterOpenMinutes,
      },
      {
        name: 'minutesToClose',
        value: round(toClose, 2),
        threshold: params.noEntryBeforeCloseMinutes,
        pass: toClose > params.noEntryBeforeCloseMinutes,
      },
    ]);
  },
};
