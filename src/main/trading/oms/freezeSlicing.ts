/**
 * Splits a quantity into legal slices. NSE freezes any single order above the contract's freeze
 * quantity (NIFTY options: 1800 units in 2025), so brokers slice large orders ("iceberg"/"autoslice").
 * Each slice must itself be a whole number of lots, so the slice size is the largest lot multiple
 * not above the freeze quantity. `freezeQuantity` 0 means no limit (US options).
 */
export function sliceQuantity(quantity: number, lotSize: number, freezeQuantity: number): number[] {
  if (!Number.isSafeInteger(quantity) || quantity <= 0)
    throw new RangeError(`quantity must be a positive integer, got ${quantity}`);
  if (!Number.isSafeInteger(lotSize) || lotSize <= 0)
    throw new RangeError(`lot size must be a positive integer, got ${lotSize}`);
  if (freezeQuantity <= 0 || quantity <= freezeQuantity) return [quantity];
  const sliceSize = Math.floor(freezeQuantity / lotSize) * lotSize;
  if (sliceSize <= 0)
    throw new RangeError(`freeze quantity ${freezeQuantity} is below one lot of ${lotSize}`);
  const slices: number[] = [];
  let left = quantity;
  while (left > 0) {
    const slice = Math.min(sliceSize, left);
    slices.push(slice);
    left -= slice;
  }
  return slices;
}
