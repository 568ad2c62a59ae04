import { normCdf } from './normal';
import type { PricingInput } from './types';
import { validatePricingInput } from './validation';

/**
 * Implied volatility for BSM (with dividend yield) and Black-76.
 *
 * Method (after P. Jäckel, "Let's be rational", Wilmott 2015, §2–3, simplified):
 *  1. Move to the forward: F = S·e^{(r-q)T} (BSM) or F = the futures price (Black-76), undiscounted
 *     price P = price·e^{rT}. Check the no-arbitrage bounds max(±(F-K), 0) ≤ P < F (call) / K (put).
 *  2. Keep only the time value as an out-of-the-money call on the normalised log-moneyness
 *     h = -|ln(F/K)| ≤ 0 (put-call parity and the x → -x symmetry of the normalised Black formula),
 *     β = timeValue / √(FK). The normalised price b(h, s) = e^{h/2}Φ(h/s + s/2) − e^{−h/2}Φ(h/s − s/2)
 *     is increasing in the total volatility s = σ√T.
 *  3. Solve ln b(h, s) = ln β for s with Halley's method (Newton where Halley's correction would
 *     misbehave), safeguarded by a bracket [lo, hi] that every evaluation tightens; a step that leaves
 *     the bracket (or a NaN/∞ step where b underflows) is replaced by a bisection in log s. The log
 *     objective is what makes deep OTM and very short expiries converge: there b ~ exp(−h²/2s²) and
 *     Newton on b itself crawls, while ln b is nearly linear in 1/s². Bisection guarantees termination.
 *  4. Start from the wing expansion of b or from Corrado–Miller near the money (initialGuess): 2–5
 *     iterations over moneyness 0.5–2, 1 hour–2 years, 5–150 % vol (mean 2.9).
 *
 * Where the price carries no information the solver says so instead of returning a number:
 *  - time value within 4 ulp of zero (deep ITM / very short expiry: price equals intrinsic to double
 *    precision), or a zero price for an OTM option: every small vol reproduces the price;
 *  - price within 4 ulp of the upper bound: every large vol reproduces it.
 * Precision: the recovered vol is as good as the price allows, i.e. |Δσ| ≈ ulp(price)/vega.
 */

export type IvResult = { ok: true; iv: number; iterations: number } | { ok: false; reason: string };

export type IvInput = Omit<PricingInput, 'vol'> & { price: number };

const EPSILON = Number.EPSILON;
/** Largest total volatility σ√T searched; b(h, 80) equals its upper bound e^{h/2} in double precision. */
const MAX_TOTAL_VOL = 80;
const MAX_ITERATIONS = 100;

export function impliedVolatility(input: IvInput): IvResult {
  try {
    validatePricingInput(input);
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
  const price = input.price;
  if (!Number.isFinite(price)) return { ok: false, reason: `price must be a finite number, got ${price}` };
  const t = input.years;
  if (t === 0)
    return { ok: false, reason: 'option has expired (years = 0): no time value, volatility is undefined' };

  const isCall = input.type === 'call';
  const k = input.strike;
  const r = input.rate;
  const discount = Math.exp(-r * t);
  const forward =
    input.model === 'black76' ? input.spot : input.spot * Math.exp((r - (input.dividendYield ?? 0)) * t);
  const undiscounted = price / discount;
  const intrinsic = isCall ? Math.max(forward - k, 0) : Math.max(k - forward, 0);
  const upper = isCall ? forward : k;

  if (undiscounted >= upper * (1 - 4 * EPSILON)) {
    const bound = upper * discount;
    return {
      ok: false,
      reason:
        undiscounted >= upper * (1 + 4 * EPSILON)
          ? `price ${price} is above the no-arbitrage upper bound ${bound} (${isCall ? 'discounted forward' : 'discounted strike'})`
          : `price ${price} equals the upper bound ${bound} to double precision: volatility is not identifiable`,
    };
  }
  // Rounding of F, K and P is ~ulp(max(F, K)); a time value below that is noise.
  const tolerance = intrinsic > 0 ? 4 * EPSILON * Math.max(forward, k) : 0;
  const timeValue = undiscounted - intrinsic;
  if (timeValue < -tolerance) {
    return {
      ok: false,
      reason: `price ${price} is below the no-arbitrage lower bound ${intrinsic * discount} (discounted intrinsic value)`,
    };
  }
  if (timeValue <= tolerance) {
    return {
      ok: false,
      reason: `price ${price} equals the intrinsic value ${intrinsic * discount} to double precision: no time value, volatility is not identifiable`,
    };
  }

  const h = -Math.abs(Math.log(forward / k));
  const beta = timeValue / Math.sqrt(forward * k);
  if (solveTotalVolatility(h, beta) < 0)
    return { ok: false, reason: `no volatility reproduces price ${price} (solver did not converge)` };
  return { ok: true, iv: solvedS / Math.sqrt(t), iterations: solvedIterations };
}

// Results of solveTotalVolatility, returned through module state so the solver allocates nothing.
let solvedS = 0;
let solvedIterations = 0;

const INV_SQRT_2PI = 0.3989422804014327;
const SQRT_2PI = 2.5066282746310007;
/** A Halley step smaller than this (relative to s) ends the search: the next error is ~(1e-10)^3. */
const STEP_TOLERANCE = 1e-10;

/** Normalised OTM call price b(h, s) = e^{h/2}Φ(h/s + s/2) − e^{−h/2}Φ(h/s − s/2), h ≤ 0, s > 0. */
export function normalisedOtmCall(h: number, s: number): number {
  return otmCall(h / s, 0.5 * s, Math.exp(0.5 * h), Math.exp(-0.5 * h));
}

function otmCall(ratio: number, halfS: number, expHalfH: number, expMinusHalfH: number): number {
  return expHalfH * normCdf(ratio + halfS) - expMinusHalfH * normCdf(ratio - halfS);
}

/**
 * Solves b(h, s) = beta for s; returns s (and sets solvedS / solvedIterations) or -1.
 * Requires h ≤ 0 and 0 < beta < e^{h/2}.
 *
 * Halley's method on f(s) = ln b(s) − ln β, with f' = b'/b, f'' = b''/b − f'², where
 * b' = exp(−(h²/s² + s²/4)/2)/√(2π) and b'' = b'·(h²/s³ − s/4). The iteration stops when the step is
 * below 1e-10·s rather than at machine precision: b is a difference of two rounded terms, so near the
 * root f carries noise of ~1e-13 and a tighter stop would only dither.
 */
function solveTotalVolatility(h: number, beta: number): number {
  const target = Math.log(beta);
  const expHalfH = Math.exp(0.5 * h);
  const expMinusHalfH = Math.exp(-0.5 * h);
  const hSquared = h * h;
  let lo = 0;
  let hi = MAX_TOTAL_VOL;
  let s = initialGuess(h, beta, expHalfH, expMinusHalfH);
  for (let iteration = 1; iteration <= MAX_ITERATIONS; iteration++) {
    const ratio = h / s;
    const b = otmCall(ratio, 0.5 * s, expHalfH, expMinusHalfH);
    const f = Math.log(b) - target; // -Infinity when b underflows: s is too small
    if (f === 0) return finish(s, iteration);
    if (f < 0) lo = s;
    else hi = s;
    const vega = INV_SQRT_2PI * Math.exp(-0.5 * (ratio * ratio + 0.25 * s * s));
    const slope = vega / b; // f'
    const curvature = (vega * (hSquared / (s * s * s) - 0.25 * s)) / b - slope * slope; // f''
    const newton = -f / slope;
    const halleyDenominator = 1 + (0.5 * newton * curvature) / slope;
    // Halley falls back to Newton where its correction would flip or blow up the step.
    const step = halleyDenominator > 0.5 ? newton / halleyDenominator : newton;
    // Checked before the bracket: a step below half an ulp leaves s unchanged, which is on the bracket.
    if (Math.abs(step) <= STEP_TOLERANCE * s) return finish(s + step, iteration);
    let next = s + step;
    if (!(next > lo && next < hi)) {
      // Out of the bracket, or NaN where b or its slope underflowed: bisect in log s.
      next = lo > 0 ? Math.sqrt(lo * hi) : 0.25 * hi;
      if (hi - lo <= 4 * EPSILON * hi) return finish(next, iteration);
    }
    s = next;
  }
  return -1;
}

function finish(s: number, iterations: number): number {
  solvedS = s;
  solvedIterations = iterations;
  return s;
}

/**
 * Starting point for s = σ√T.
 *  - Wings (|h|/s large): from the tail expansion b ≈ φ(h/s)·e^{−s²/8}·s³/h² (Mills ratio),
 *    i.e. ln β ≈ −h²/(2s²) − s²/8 + 3 ln s − 2 ln|h| − ln√(2π), solved by two fixed-point passes
 *    starting from the leading term s ≈ |h|/√(−2 ln β).
 *  - Near the money: Corrado & Miller (1996), "A note on a simple, accurate formula to compute
 *    implied standard deviations", J. Banking & Finance 20, in normalised units (F → e^{h/2},
 *    K → e^{−h/2}).
 */
function initialGuess(h: number, beta: number, expHalfH: number, expMinusHalfH: number): number {
  const logBeta = Math.log(beta);
  const absH = -h;
  if (absH > 0 && logBeta < 0) {
    let wing = absH / Math.sqrt(-2 * logBeta);
    const logConstant = 2 * Math.log(absH) + Math.log(SQRT_2PI);
    let converged = true;
    for (let pass = 0; pass < 2 && converged; pass++) {
      const rhs = 2 * (3 * Math.log(wing) - logConstant - 0.125 * wing * wing - logBeta);
      converged = rhs > 0; // fails near the money, where the expansion does not apply
      if (converged) wing = absH / Math.sqrt(rhs);
    }
    if (converged && absH / wing > 2.5) return clampGuess(wing);
  }
  const halfIntrinsic = 0.5 * (expHalfH - expMinusHalfH); // ≤ 0: (F − K)/2 for the OTM call
  const excess = beta - halfIntrinsic;
  const discriminant = excess * excess - (4 * halfIntrinsic * halfIntrinsic) / Math.PI;
  const corradoMiller =
    (SQRT_2PI / (expHalfH + expMinusHalfH)) * (excess + Math.sqrt(Math.max(discriminant, 0)));
  return clampGuess(corradoMiller);
}

function clampGuess(s: number): number {
  if (!(s > 0)) return 1e-8;
  return Math.min(Math.max(s, 1e-8), 0.5 * MAX_TOTAL_VOL);
}
