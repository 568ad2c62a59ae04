import type { EngineParams } from '../config/schema';

/**
 * Trail distance factor from the option's delta and the IV percentile: near the money gamma is highest,
 * so the premium moves fastest per point of the underlying and a tighter trail (atmFactor) protects the
 * same underlying move; far out of the money premium is noisier relative to its size, so the trail is
 * wider (otmFactor); linear in |delta| between otmDelta and atmDelta. High IV percentile widens it,
 * low narrows: × (1 + ivWeight × (ivPercentile − 50) / 100). Clamped to [minFactor, maxFactor].
 */
export function greeksTrailFactor(
  delta: number,
  ivPercentile: number | null,
  params: EngineParams['exits']['greeksTrail'],
): number {
  if (!params.enabled) return 1;
  let factor = 1;
  const absDelta = Math.abs(delta);
  if (absDelta === absDelta) {
    if (absDelta >= params.atmDelta) factor = params.atmFactor;
    else if (absDelta <= params.otmDelta) factor = params.otmFactor;
    else {
      const t = (absDelta - params.otmDelta) / (params.atmDelta - params.otmDelta);
      factor = params.otmFactor + t * (params.atmFactor - params.otmFactor);
    }
  }
  if (ivPercentile !== null && Number.isFinite(ivPercentile))
    factor *= 1 + (params.ivWeight * (ivPercentile - 50)) / 100;
  if (factor < params.minFactor) factor = params.minFactor;
  if (factor > params.maxFactor) factor = params.maxFactor;
  return factor;
}
