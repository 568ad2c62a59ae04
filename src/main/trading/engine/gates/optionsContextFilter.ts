import type { GateCheck } from '../types';
import type { EntryGate } from './gate';
import { compoundVerdict, disabledVerdict, round, verdictOf } from './gate';

/**
 * Options-context filter (documented in docs/risk-rules.md):
 * - PCR bias: a high OI put/call ratio means heavy put writing (support), read as bullish; a low one as
 *   bearish. Calls are blocked below `pcrBearishBelow`, puts above `pcrBullishAbove`.
 * - Max pain: near expiry, price tends to drift toward the max-pain strike. Calls are blocked when spot
 *   is more than `maxPainPullPercent` above it, puts when that far below.
 * - GEX walls: a top-gamma strike within `gexWallPoints` in the trade's direction caps the move
 *   (dealers hedge against it), so calls are blocked by one just above spot, puts by one just below.
 */
export const optionsContextGate: EntryGate = {
  name: 'optionsContext',
  evaluate(candidate, context) {
    const params = context.params.gates.optionsContext;
    if (!params.enabled) return disabledVerdict(this.name);
    const options = context.optionsContext;
    // Trading the underlying: the chain filter reads the chain when there is one, and otherwise steps aside.
    if (options === null && context.tradesUnderlying)
      return disabledVerdict(this.name, 'trading the underlying without an options chain');
    const stale =
      options !== null && context.nowUs - options.lastUpdated > params.maxContextAgeSeconds * 1_000_000;
    if (options === null || stale) {
      return verdictOf(this.name, null, null, !params.requireContext, {
        detail: options === null ? 'no options context' : 'options context is stale',
      });
    }
    const bullish = candidate.direction === 'bullish';
    const pcr = options.pcr;
    const pullPercent = options.spotVsMaxPain * 100;
    const spot = context.underlying.lastPrice / 10 ** context.underlyingDecimals;
    let wall: number | null = null;
    for (const strike of options.topGammaStrikes) {
      const distance = bullish ? strike - spot : spot - strike;
      if (
        distance > 0 &&
        distance <= params.gexWallPoints &&
        (wall === null || Math.abs(strike - spot) < Math.abs(wall - spot))
      ) {
        wall = strike;
      }
    }
    const checks: GateCheck[] = [
      bullish
        ? {
            name: 'pcr',
            value: round(pcr),
            threshold: `>= ${params.pcrBearishBelow}`,
            pass: pcr >= params.pcrBearishBelow,
          }
        : {
            name: 'pcr',
            value: round(pcr),
            threshold: `<= ${params.pcrBullishAbove}`,
            pass: pcr <= params.pcrBullishAbove,
          },
      bullish
        ? {
            name: 'spotVsMaxPainPercent',
            value: round(pullPercent),
            threshold: `<= ${params.maxPainPullPercent}`,
            pass: pullPercent <= params.maxPainPullPercent,
          }
        : {
            name: 'spotVsMaxPainPercent',
            value: round(pullPercent),
            threshold: `>= ${-params.maxPainPullPercent}`,
            pass: pullPercent >= -params.maxPainPullPercent,
          },
      { name: 'gexWall', value: wall, threshold: params.gexWallPoints, pass: wall === null },
    ];
    return compoundVerdict(this.name, checks);
  },
};
