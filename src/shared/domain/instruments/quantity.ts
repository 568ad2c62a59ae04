import type { InstrumentBase } from '../instrument';

/**
 * Order quantities. NSE/BSE F&O quantities are in units and must be whole lots (NIFTY: 65, 130, …);
 * an order above the exchange freeze quantity is rejected by the exchange, so brokers and OMSs
 * slice it into orders of at most the freeze quantity (itself a whole number of lots). US options
 * are quantities of contracts (lot 1, multiplier 100) without an exchange freeze limit.
 */

export type QuantityCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

type QuantityRules = Pick<InstrumentBase, 'symbol' | 'lotSize' | 'freezeQuantity'>;

export function validateQuantity(instrument: QuantityRules, quantity: number): QuantityCheck {
  if (!Number.isSafeInteger(quantity) || quantity <= 0) {
    return { ok: false, reason: `quantity must be a positive whole number, got ${quantity}` };
  }
  if (quantity % instrument.lotSize !== 0) {
    const lower = Math.floor(quantity / instrument.lotSize) * instrument.lotSize;
    const nearest = lower === 0 ? `${instrument.lotSize}` : `${lower} or ${lower + instrument.lotSize}`;
    return {
      ok: false,
      reason: `${instrument.symbol}: quantity ${quantity} is not a multiple of the lot size ${instrument.lotSize} (nearest: ${nearest})`,
    };
  }
  return { ok: true };
}

/** Whole lots in a valid quantity. */
export function lotsOf(instrument: QuantityRules, quantity: number): number {
  return quantity / instrument.lotSize;
}

/**
 * Largest whole-lot quantity one order may carry: the freeze quantity rounded down to whole lots
 * (NIFTY: freeze 1800, lot 65 → 1755 = 27 lots); Infinity without a limit.
 */
export function maxOrderQuantity(instrument: QuantityRules): number {
  if (instrument.freezeQuantity <= 0) return Infinity;
  return Math.max(1, Math.floor(instrument.freezeQuantity / instrument.lotSize)) * instrument.lotSize;
}

/**
 * Splits a valid quantity into exchange-acceptable slices: as many full freeze-quantity slices as fit,
 * then the remainder; every slice is whole lots. No limit (freezeQuantity 0) gives one slice.
 */
export function sliceByFreezeQuantity(instrument: QuantityRules, quantity: number): number[] {
  const check = validateQuantity(instrument, quantity);
  if (!check.ok) throw new RangeError(check.reason);
  const limit = maxOrderQuantity(instrument);
  if (limit === Infinity || quantity <= limit) return [quantity];
  const slices: number[] = [];
  let remaining = quantity;
  while (remaining > limit) {
    slices.push(limit);
    remaining -= limit;
  }
  slices.push(remaining);
  return slices;
}
