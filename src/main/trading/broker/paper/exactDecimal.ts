/**
 * Exact decimal rates for charge arithmetic. Rates such as 0.03503 % cannot be held in a double
 * exactly, so they are parsed from their decimal strings into integer numerator / 10^scale and all
 * charge products are taken in BigInt, rounding once per charge line.
 */
export interface ExactDecimal {
  readonly numerator: bigint;
  /** value = numerator / 10^scale */
  readonly scale: number;
}

export type RoundingMode = 'halfUp' | 'up' | 'down';

export function parseDecimal(text: string): ExactDecimal {
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!match) throw new RangeError(`not a non-negative decimal: "${text}"`);
  const fraction = match[2] ?? '';
  return { numerator: BigInt(match[1] + fraction), scale: fraction.length };
}

/** Divides non-negative numerator by positive denominator with the given rounding. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (numerator < 0n || denominator <= 0n)
    throw new RangeError('divideRounded takes a non-negative numerator and positive denominator');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  if (mode === 'down') return quotient;
  if (mode === 'up') return quotient + 1n;
  return remainder * 2n >= denominator ? quotient + 1n : quotient;
}

/**
 * amount × rate₁ × rate₂ … / 10^extraScale, rounded to an integer. `amount` is an integer; rates
 * are exact decimals; `divisor` adds further exact division (100 for a percentage).
 */
export function multiplyRounded(
  amount: bigint,
  rates: readonly ExactDecimal[],
  divisor: bigint,
  mode: RoundingMode,
): number {
  let numerator = amount;
  let denominator = divisor;
  for (const rate of rates) {
    numerator *= rate.numerator;
    denominator *= 10n ** BigInt(rate.scale);
  }
  const result = divideRounded(numerator, denominator, mode);
  if (result > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError('charge exceeds the safe integer range');
  return Number(result);
}
