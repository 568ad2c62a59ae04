import type { PricingInput } from './types';

/** Throws a RangeError naming the offending field: a NaN here would silently poison every greek. */
export function validatePricingInput(input: Omit<PricingInput, 'vol'> & { vol?: number }): void {
  if (input.model !== 'bs' && input.model !== 'black76')
    throw new RangeError(`unknown model "${String(input.model)}"`);
  if (input.type !== 'call' && input.type !== 'put')
    throw new RangeError(`unknown option type "${String(input.type)}"`);
  if (!(input.spot > 0) || !Number.isFinite(input.spot))
    throw new RangeError(`spot must be a positive number, got ${input.spot}`);
  if (!(input.strike > 0) || !Number.isFinite(input.strike))
    throw new RangeError(`strike must be a positive number, got ${input.strike}`);
  if (!(input.years >= 0) || !Number.isFinite(input.years))
    throw new RangeError(`years must be a non-negative number, got ${input.years}`);
  if (!Number.isFinite(input.rate)) throw new RangeError(`rate must be a finite number, got ${input.rate}`);
  if (input.vol !== undefined && (!(input.vol >= 0) || !Number.isFinite(input.vol)))
    throw new RangeError(`vol must be a non-negative number, got ${input.vol}`);
  const q = input.dividendYield;
  if (q !== undefined && !Number.isFinite(q))
    throw new RangeError(`dividendYield must be a finite number, got ${q}`);
}
