import { normCdf, normPdf } from './normal';
import type { Greeks, PricingInput } from './types';
import { validatePricingInput } from './validation';

/**
 * European option prices and greeks, Black-Scholes-Merton (continuous dividend yield) and Black-76
 * (options on futures/forwards), in the generalized cost-of-carry form of Haug, "The Complete Guide
 * to Option Pricing Formulas", 2nd ed. (2007), §1.1.6 and ch. 2:
 *   BSM:      carry b = r - q, underlying = spot
 *   Black-76: carry b = 0,     underlying = forward (the `spot` field holds the forward)
 *
 * Units (the CLI prints these as-is, see docs/options-analytics.md):
 *   vega  per 1.00 of volatility (0.20 -> 1.20), i.e. divide by 100 for "per vol point"
 *   rho   per 1.00 of rate, divide by 100 for "per 1 %"
 *   theta per year (calendar time, the change in value as time passes, usually negative);
 *         thetaPerDay = theta / 365
 *
 * Black-76 rho holds the futures price fixed while r moves (only the discount factor depends on r),
 * so rho = -T × price, as Haug §2.5.1 "futures options"; for BSM the forward moves with r.
 */

export type { OptionType, PricingModel, PricingInput, Greeks } from './types';

export const DAYS_PER_YEAR = 365;

/**
 * Price and greeks. Allocates only the returned object (called per strike per tick by the engine and
 * the simulated exchange). Throws RangeError on invalid input.
 *
 * Degenerate cases: at expiry (years = 0) the value is intrinsic, delta is 1/0 (−1/0 for puts, 0.5
 * exactly at the money) and the other greeks are 0. With vol = 0 and years > 0 the option is worth its
 * discounted forward intrinsic value; gamma and vega are reported as 0 there (they are a Dirac spike
 * exactly at the forward, not a number).
 */
export function priceOption(input: PricingInput): Greeks {
  validatePricingInput(input);
  const isCall = input.type === 'call';
  const isBlack76 = input.model === 'black76';
  const s = input.spot;
  const k = input.strike;
  const t = input.years;
  const r = input.rate;
  const vol = input.vol;
  const carry = isBlack76 ? 0 : r - (input.dividendYield ?? 0);

  if (t === 0) return expiredGreeks(isCall, s, k);

  const discount = Math.exp(-r * t); // e^{-rT}
  const carryDiscount = Math.exp((carry - r) * t); // e^{(b-r)T}: e^{-qT} for BSM, e^{-rT} for Black-76
  const sqrtT = Math.sqrt(t);
  const stdDev = vol * sqrtT;
  const sign = isCall ? 1 : -1;

  let d1: number;
  let d2: number;
  let density: number; // φ(d1)
  if (stdDev > 0) {
    d1 = (Math.log(s / k) + (carry + 0.5 * vol * vol) * t) / stdDev;
    d2 = d1 - stdDev;
    density = normPdf(d1);
  } else {
    // Zero volatility: the underlying grows deterministically to the forward s·e^{bT}.
    const forwardMinusStrike = s * Math.exp(carry * t) - k;
    d1 = d2 = forwardMinusStrike > 0 ? Infinity : forwardMinusStrike < 0 ? -Infinity : 0;
    density = 0;
  }

  // N(±d): the sign flip for puts uses N(-d) directly (not 1 - N(d)) to keep tail accuracy.
  const nd1 = normCdf(sign * d1);
  const nd2 = normCdf(sign * d2);
  const underlyingLeg = s * carryDiscount * nd1;
  const strikeLeg = k * discount * nd2;
  const price = Math.max(sign * (underlyingLeg - strikeLeg), 0);

  const delta = sign * carryDiscount * nd1;
  const gamma = stdDev > 0 ? (carryDiscount * density) / (s * stdDev) : 0;
  const vega = s * carryDiscount * density * sqrtT;
  // Haug (2.29)/(2.30): -S e^{(b-r)T} φ(d1) σ / (2√T) ∓ (b - r) S e^{(b-r)T} N(±d1) ∓ r K e^{-rT} N(±d2)
  const timeDecay = stdDev > 0 ? -(s * carryDiscount * density * vol) / (2 * sqrtT) : 0;
  const theta = timeDecay - sign * (carry - r) * underlyingLeg - sign * r * strikeLeg;
  const rho = isBlack76 ? -t * price : sign * t * strikeLeg;

  return { price, delta, gamma, vega, theta, thetaPerDay: theta / DAYS_PER_YEAR, rho };
}

function expiredGreeks(isCall: boolean, s: number, k: number): Greeks {
  const intrinsic = isCall ? Math.max(s - k, 0) : Math.max(k - s, 0);
  let delta: number;
  if (s === k) delta = isCall ? 0.5 : -0.5;
  else if (isCall) delta = s > k ? 1 : 0;
  else delta = s < k ? -1 : 0;
  return { price: intrinsic, delta, gamma: 0, vega: 0, theta: 0, thetaPerDay: 0, rho: 0 };
}

export { validatePricingInput } from './validation';
export { impliedVolatility } from './impliedVolatility';
export type { IvResult, IvInput } from './impliedVolatility';

/**
 * BSM gamma alone (the same for calls and puts), with no object allocated: chain analytics calls it
 * for every strike of every snapshot. Returns 0 where gamma is not a number (expired, zero vol).
 * For Black-76 pass the forward as `spot` and `dividendYield = rate`.
 */
export function bsmGamma(
  spot: number,
  strike: number,
  years: number,
  rate: number,
  dividendYield: number,
  vol: number,
): number {
  const stdDev = vol * Math.sqrt(years);
  if (!(stdDev > 0) || !(spot > 0) || !(strike > 0)) return 0;
  const d1 = (Math.log(spot / strike) + (rate - dividendYield + 0.5 * vol * vol) * years) / stdDev;
  return (Math.exp(-dividendYield * years) * normPdf(d1)) / (spot * stdDev);
}
