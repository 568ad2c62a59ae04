import type { EntryGate, GateContext } from './gate';
import { disabledVerdict, scoreBar, verdictOf } from './gate';

/**
 * Hot zones are prices where the tape tends to turn: near a swing support/resistance, at the VWAP ±2σ
 * bands, or near a top gamma strike (dealer hedging pins price there). With the toggle on, a candidate
 * in a hot zone needs `scoreBump` more confidence than the minimum score; outside one it is judged as
 * usual. Returns the zone's name or null.
 */
export function hotZoneAt(context: GateContext): string | null {
  const u = context.underlying;
  const params = context.params.gates.hotZone;
  const price = u.lastPrice;
  const proximity = params.proximityTicks * u.tickUnits;
  if (Math.abs(price - u.swings.resistanceAbove(price)) <= proximity) return 'resistance';
  if (Math.abs(price - u.swings.supportBelow(price)) <= proximity) return 'support';
  const vwap = u.vwap.value;
  const twoSigma = 2 * u.vwap.deviation;
  if (
    twoSigma > 0 &&
    (Math.abs(price - (vwap + twoSigma)) <= proximity || Math.abs(price - (vwap - twoSigma)) <= proximity)
  ) {
    return 'vwapBand2';
  }
  const strikes = context.optionsContext?.topGammaStrikes;
  if (strikes !== undefined) {
    const spot = price / 10 ** context.underlyingDecimals;
    for (const strike of strikes)
      if (Math.abs(spot - strike) <= params.gammaProximityPoints) return `gammaStrike ${strike}`;
  }
  return null;
}

export const hotZoneGate: EntryGate = {
  name: 'hotZone',
  evaluate(candidate, context) {
    const params = context.params.gates.hotZone;
    if (!params.enabled) return disabledVerdict(this.name);
    const zone = hotZoneAt(context);
    const base = scoreBar(context);
    const required = zone === null ? base : base + params.scoreBump;
    return verdictOf(this.name, candidate.score, required, candidate.score >= required, {
      detail: zone === null ? 'not in a hot zone' : `in hot zone: ${zone}`,
    });
  },
};
