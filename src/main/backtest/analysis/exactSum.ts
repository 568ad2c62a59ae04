/**
 * A sum of integer products that stays exact past 2^53 (a busy option's notional in paise over a day
 * can pass it): plain number arithmetic while it is safe, BigInt beyond. Fractional inputs (crypto
 * sizes) make it a float sum, flagged `exact = false`.
 */
export class ExactSum {
  private small = 0;
  private big = 0n;
  private float = 0;
  exact = true;

  addProduct(a: number, b: number): void {
    if (!Number.isInteger(a) || !Number.isInteger(b)) {
      this.exact = false;
      this.float += a * b;
      return;
    }
    const product = a * b;
    if (Number.isSafeInteger(product)) {
      const next = this.small + product;
      if (Number.isSafeInteger(next)) {
        this.small = next;
        return;
      }
      this.big += BigInt(this.small) + BigInt(product);
      this.small = 0;
      return;
    }
    this.big += BigInt(a) * BigInt(b);
  }

  /** The integer part as a BigInt (exact when `exact`). */
  integer(): bigint {
    return this.big + BigInt(this.small) + BigInt(Math.round(this.float));
  }

  toNumber(): number {
    return Number(this.big) + this.small + this.float;
  }
}

/**
 * `numerator / denominator` in minor units, as a decimal number with `decimals + extraDecimals`
 * places, rounded half away from zero. Exact integer division, so a VWAP does not pick up float noise.
 */
export function divideToDecimal(
  numerator: ExactSum,
  denominator: number,
  decimals: number,
  extraDecimals = 4,
): number {
  if (denominator === 0) return NaN;
  if (!numerator.exact || !Number.isInteger(denominator))
    return Number((numerator.toNumber() / denominator / 10 ** decimals).toFixed(decimals + extraDecimals));
  const scale = 10n ** BigInt(extraDecimals);
  const n = numerator.integer() * scale;
  const d = BigInt(denominator);
  const quotient = n / d;
  const remainder = n % d;
  const rounded = remainder * 2n >= d ? quotient + 1n : quotient;
  return Number(rounded) / 10 ** (decimals + extraDecimals);
}
