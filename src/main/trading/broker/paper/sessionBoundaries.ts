import type { MarketProfile } from '../../../../shared/domain/instrument';
import { localDate, nextWallTimeUs } from './marketHours';
import type { MarketTerms } from './paperConfig';

export interface SessionBoundary {
  readonly atUs: number;
  /** `squareOff`: intraday positions close and opening orders are refused; `close`: DAY orders expire. */
  readonly kind: 'squareOff' | 'close';
  readonly profile: MarketProfile;
}

interface ProfileTimes {
  nextSquareOffUs: number | null;
  nextCloseUs: number | null;
}

/**
 * The session times of every market the paper broker has seen an order or a price in: the next
 * square-off and close per profile, and the local date each profile was last squared off on (no
 * new opening orders until the next session).
 */
export class SessionBoundaries {
  private readonly times = new Map<MarketProfile, ProfileTimes>();
  private readonly squaredOffOn = new Map<MarketProfile, string>();

  constructor(private readonly terms: (profile: MarketProfile) => MarketTerms) {}

  /** Starts tracking a market's session times from `nowUs` (once per profile). */
  watch(profile: MarketProfile, nowUs: number): void {
    if (this.times.has(profile)) return;
    const terms = this.terms(profile);
    this.times.set(profile, {
      nextSquareOffUs: terms.squareOff ? nextWallTimeUs(terms.squareOff, nowUs) : null,
      nextCloseUs: terms.sessionClose ? nextWallTimeUs(terms.sessionClose, nowUs) : null,
    });
  }

  /** The earliest boundary of any watched market, or null when none is scheduled. */
  next(): SessionBoundary | null {
    let best: SessionBoundary | null = null;
    for (const [profile, times] of this.times) {
      if (times.nextSquareOffUs !== null && (best === null || times.nextSquareOffUs < best.atUs)) {
        best = { atUs: times.nextSquareOffUs, kind: 'squareOff', profile };
      }
      if (times.nextCloseUs !== null && (best === null || times.nextCloseUs < best.atUs)) {
        best = { atUs: times.nextCloseUs, kind: 'close', profile };
      }
    }
    return best;
  }

  /** Records that `boundary` was reached at `nowUs` and schedules the same boundary's next day. */
  pass(boundary: SessionBoundary, nowUs: number): void {
    const terms = this.terms(boundary.profile);
    const times = this.times.get(boundary.profile);
    if (!times) throw new Error(`session times of ${boundary.profile} are not watched`);
    if (boundary.kind === 'squareOff') {
      times.nextSquareOffUs = terms.squareOff ? nextWallTimeUs(terms.squareOff, nowUs + 1) : null;
      this.squaredOffOn.set(boundary.profile, localDate(terms.timeZone, nowUs));
    } else {
      times.nextCloseUs = terms.sessionClose ? nextWallTimeUs(terms.sessionClose, nowUs + 1) : null;
    }
  }

  /** Whether the market's square-off has passed on the local date of `nowUs`. */
  squaredOffToday(profile: MarketProfile, nowUs: number): boolean {
    return this.squaredOffOn.get(profile) === localDate(this.terms(profile).timeZone, nowUs);
  }
}
