import type { Brand } from './brand';

/**
 * An exact price: an integer count of the instrument's minor price units (10^-priceDecimals).
 * NSE options (2 decimals, tick 0.05) carry 1234.55 as 123455 with a tick of 5 units; LOBSTER
 * prices (4 decimals) carry 585.33 as 5853300. P&L is integer arithmetic in these units times
 * quantity times multiplier, so it never drifts (the "exact prices" principle).
 */
export type Price = Brand<number, 'Price'>;

export interface PriceFormat {
  /** Number of decimals of the minor unit: 2 means 1 unit = 0.01. */
  readonly priceDecimals: number;
  /** Tick size in minor units (NSE options: 5 = 0.05). */
  readonly tickUnits: number;
}

export class PriceError extends Error {
  override name = 'PriceError';
}

export function asPrice(units: number): Price {
  if (!Number.isSafeInteger(units))
    throw new PriceError(`price must be an integer count of minor units, got ${units}`);
  return units as Price;
}

/** Decimal number (as a trader types it) to exact units; rejects values that are not on a minor unit. */
export function toPrice(value: number, format: PriceFormat): Price {
  const scaled = value * 10 ** format.priceDecimals;
  const rounded = Math.round(scaled);
  // Binary floating point cannot hold 0.05 exactly; accept anything within a millionth of a unit.
  if (Math.abs(scaled - rounded) > 1e-6 * Math.max(1, Math.abs(scaled))) {
    throw new PriceError(`${value} has more than ${format.priceDecimals} decimals`);
  }
  return asPrice(rounded);
}

export function fromPrice(price: Price | number, format: PriceFormat): number {
  return price / 10 ** format.priceDecimals;
}

export function formatPrice(price: Price | number, format: PriceFormat): string {
  return fromPrice(price, format).toFixed(format.priceDecimals);
}

export type TickRounding = 'nearest' | 'down' | 'up';

export function roundToTick(
  price: Price | number,
  format: PriceFormat,
  mode: TickRounding = 'nearest',
): Price {
  const t = format.tickUnits;
  const q = price / t;
  const n = mode === 'down' ? Math.floor(q) : mode === 'up' ? Math.ceil(q) : Math.round(q);
  return asPrice(n * t);
}

export function isOnTick(price: Price | number, format: PriceFormat): boolean {
  return Number.isSafeInteger(price) && price % format.tickUnits === 0;
}

/** Converts a decimal price to units and rounds it onto the tick grid in one step. */
export function decimalToTickPrice(
  value: number,
  format: PriceFormat,
  mode: TickRounding = 'nearest',
): Price {
  return roundToTick(Math.round(value * 10 ** format.priceDecimals), format, mode);
}
