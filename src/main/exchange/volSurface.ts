/**
 * Implied volatility surface of the simulated chain: an ATM term structure times a smile in
 * standardised moneyness.
 *
 *   σ_atm(T) = level · baseIv · (1 + SHORT_DATED_PREMIUM · e^(−365·T / TERM_DAYS))
 *   z        = ln(K / F) / (σ_atm(T) · √T), clamped to ±Z_LIMIT
 *   σ(K, T)  = σ_atm(T) · max(MIN_SMILE, 1 + skew · z + curvature · z²)
 *
 * Short expiries carry a premium that fades over ~TERM_DAYS (event risk concentrated in the next few
 * sessions; weekly index options usually trade above the monthly ATM IV). Skew < 0 makes OTM puts
 * dearer than OTM calls (the equity-index put skew); curvature lifts both wings. Measuring the smile
 * in standard deviations keeps its shape comparable across 0DTE and monthly expiries. `level`
 * follows the regime (volatile and jump regimes bid up IV, ranges let it sag).
 */
export const SHORT_DATED_PREMIUM = 0.15;
export const TERM_DAYS = 10;
const Z_LIMIT = 4;
const MIN_SMILE = 0.5;

export interface SmileParameters {
  readonly baseIv: number;
  readonly skew: number;
  readonly curvature: number;
}

export function atmVolatility(parameters: SmileParameters, level: number, years: number): number {
  return level * parameters.baseIv * (1 + SHORT_DATED_PREMIUM * Math.exp((-365 * years) / TERM_DAYS));
}

/** Standardised log-moneyness z of a strike against the forward, clamped. */
export function standardisedMoneyness(
  strike: number,
  forward: number,
  atmVol: number,
  years: number,
): number {
  const z = Math.log(strike / forward) / (atmVol * Math.sqrt(years));
  return z > Z_LIMIT ? Z_LIMIT : z < -Z_LIMIT ? -Z_LIMIT : z;
}

export function smileVolatility(parameters: SmileParameters, atmVol: number, z: number): number {
  const factor = 1 + parameters.skew * z + parameters.curvature * z * z;
  return atmVol * (factor < MIN_SMILE ? MIN_SMILE : factor);
}
