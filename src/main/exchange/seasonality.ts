/**
 * Intraday activity: the U-shaped volume curve of equity and index markets (heavy at the open,
 * quiet at midday, rising into the close; e.g. Admati & Pfleiderer 1988, and NSE's own intraday
 * volume profile), plus a short burst in the first minutes after the open.
 *
 * `fraction` is the elapsed part of the session, 0 at the open and 1 at the close. The curve is
 * normalised to average 1 over the session, so a rate multiplied by it keeps its daily total:
 * 0.5 + 1.5·(2x − 1)² has mean 1 on [0, 1]; the opening burst 1.2·e^(−x/0.025) adds ≈ 0.03.
 */
const BASE = 0.5;
const CURVATURE = 1.5;
const OPENING_BURST = 1.2;
const OPENING_DECAY = 0.025;
const NORMALISER = 1 + OPENING_BURST * OPENING_DECAY * (1 - Math.exp(-1 / OPENING_DECAY));

export function intradayActivity(fraction: number): number {
  const x = fraction < 0 ? 0 : fraction > 1 ? 1 : fraction;
  const u = 2 * x - 1;
  return (BASE + CURVATURE * u * u + OPENING_BURST * Math.exp(-x / OPENING_DECAY)) / NORMALISER;
}
