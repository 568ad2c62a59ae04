/**
 * Standard normal density and distribution with full double precision.
 *
 * The CDF goes through the complementary error function of W. J. Cody, "Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969) 631–637, as implemented in his
 * SPECFUN routine CALERF (netlib, 1990). Its relative error is below ~1e-16 over the whole range,
 * including the far tails, which matters here: deep out-of-the-money prices are differences of
 * tail probabilities, and the implied-volatility solver works on the logarithm of such prices.
 * A crude approximation (Abramowitz–Stegun 26.2.17, ~7e-8 absolute) would make those useless.
 *
 * The polynomials are written out (no coefficient arrays, no loops) so the hot path allocates nothing
 * and the JIT keeps everything in registers.
 */

const SQRT_PI_INVERSE = 0.5641895835477563; // 1/sqrt(pi)
const INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2 pi)
const INV_SQRT_2 = 0.7071067811865476;
/** Beyond this erfc(x) underflows to 0 in IEEE double (Cody's XBIG). */
const ERFC_UNDERFLOW = 26.543;

/**
 * exp(-y*y) computed as exp(-ysq*ysq) * exp(-del) with ysq = y rounded down to 1/16: y*y itself is
 * inexact and exp amplifies its rounding by y^2 (Cody's trick, CALERF lines "YSQ = AINT(Y*SIXTEN)/SIXTEN").
 */
function expMinusSquare(y: number): number {
  const ysq = Math.trunc(y * 16) / 16;
  const del = (y - ysq) * (y + ysq);
  return Math.exp(-ysq * ysq) * Math.exp(-del);
}

/**
 * exp(y²)·erfc(y) for y > 0.46875: Cody's rational approximations without the exponential, so callers
 * can supply exp(−y²) computed from their own, exactly known argument (see normCdf).
 */
function scaledErfc(y: number): number {
  if (y <= 4) {
    let num = 2.1531153547440383e-8 * y;
    let den = y;
    num = (num + 0.5641884969886701) * y;
    den = (den + 15.744926110709835) * y;
    num = (num + 8.883149794388377) * y;
    den = (den + 117.6939508913125) * y;
    num = (num + 66.11919063714163) * y;
    den = (den + 537.1811018620099) * y;
    num = (num + 298.6351381974001) * y;
    den = (den + 1621.3895745666903) * y;
    num = (num + 881.952221241769) * y;
    den = (den + 3290.7992357334597) * y;
    num = (num + 1712.0476126340707) * y;
    den = (den + 4362.619090143247) * y;
    num = (num + 2051.0783778260716) * y;
    den = (den + 3439.3676741437216) * y;
    return (num + 1230.3393547979972) / (den + 1230.3393548037495);
  }
  const z = 1 / (y * y);
  let num = 0.016315387137302097 * z;
  let den = z;
  num = (num + 0.30532663496123236) * z;
  den = (den + 2.568520192289822) * z;
  num = (num + 0.36034489994980445) * z;
  den = (den + 1.8729528499234604) * z;
  num = (num + 0.12578172611122926) * z;
  den = (den + 0.5279051029514285) * z;
  num = (num + 0.016083785148742275) * z;
  den = (den + 0.06051834131244132) * z;
  const r = (z * (num + 0.0006587491615298378)) / (den + 0.0023352049762686918);
  return (SQRT_PI_INVERSE - r) / y;
}

/** erf(x) for |x| ≤ 0.46875 (Cody's first interval). */
function smallErf(x: number): number {
  const z = x * x;
  let num = 0.18577770618460315 * z;
  let den = z;
  num = (num + 3.1611237438705655) * z;
  den = (den + 23.601290952344122) * z;
  num = (num + 113.86415415105016) * z;
  den = (den + 244.02463793444417) * z;
  num = (num + 377.485237685302) * z;
  den = (den + 1282.6165260773723) * z;
  return (x * (num + 3209.3775891384694)) / (den + 2844.236833439171);
}

/** Complementary error function erfc(x) = 1 - erf(x), accurate to ~1e-16 relative (Cody 1969). */
export function erfc(x: number): number {
  const y = Math.abs(x);
  // erfc = 1 − erf here without cancellation: erf ≤ 0.49 on this interval.
  if (y <= 0.46875) return 1 - smallErf(x);
  const result = y >= ERFC_UNDERFLOW ? 0 : scaledErfc(y) * expMinusSquare(y);
  return x < 0 ? 2 - result : result;
}

/** Standard normal density φ(x). */
export function normPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/**
 * Standard normal distribution Φ(x) = erfc(−x/√2)/2, with relative accuracy in the lower tail
 * (Φ(−37) ≈ 5.7e-300 to ~1e-15), which is where out-of-the-money option prices live. Going through
 * erfc(−x/√2) naively would round the argument and lose x²·ε relative (1e-13 at x = −37), so the
 * Gaussian factor exp(−x²/2) is computed from x itself, with the same splitting as Cody's.
 */
export function normCdf(x: number): number {
  const y = -x * INV_SQRT_2;
  const absY = Math.abs(y);
  if (absY <= 0.46875) return 0.5 - 0.5 * smallErf(y);
  const tail = absY >= ERFC_UNDERFLOW ? 0 : 0.5 * scaledErfc(absY) * expMinusHalfSquare(x);
  return y > 0 ? tail : 1 - tail;
}

/** exp(−x²/2) with x split at a multiple of 1/16, whose square is exact. */
function expMinusHalfSquare(x: number): number {
  const a = Math.abs(x);
  const head = Math.trunc(a * 16) / 16;
  const del = (a - head) * (a + head);
  return Math.exp(-0.5 * head * head) * Math.exp(-0.5 * del);
}
