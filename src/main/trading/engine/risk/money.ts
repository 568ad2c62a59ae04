import type { InstrumentBase } from '../../../../shared/domain/instrument';

/** Money is kept in the currency's minor units (paise, cents); presets state limits in major units. */
export const MINOR_PER_MAJOR = 100;

/**
 * Money (minor currency units) per one minor price unit per one unit of quantity. Prices carry
 * `priceDecimals` decimals and money two, so a price unit is worth 10^(2 − priceDecimals) minor units
 * times the contract multiplier (1 for NSE options quoted per unit, 100 for US options per contract).
 */
export function moneyPerPriceUnit(instrument: Pick<InstrumentBase, 'multiplier' | 'priceDecimals'>): number {
  return instrument.multiplier * 10 ** (2 - instrument.priceDecimals);
}

export function majorToMinor(amount: number): number {
  return Math.round(amount * MINOR_PER_MAJOR);
}

export function minorToMajor(amount: number): number {
  return amount / MINOR_PER_MAJOR;
}
