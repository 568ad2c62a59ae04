import { describe, expect, it } from 'vitest';
import type { PriceFormat } from '../../../src/shared/domain/price';
import {
  asPrice,
  decimalToTickPrice,
  formatPrice,
  fromPrice,
  isOnTick,
  PriceError,
  roundToTick,
  toPrice,
} from '../../../src/shared/domain/price';

const nseOption: PriceFormat = { priceDecimals: 2, tickUnits: 5 };
const usOption: PriceFormat = { priceDecimals: 2, tickUnits: 1 };

describe('exact prices', () => {
  it('converts a typed decimal to integer minor units without float drift', () => {
    expect(toPrice(1234.55, nseOption)).toBe(123455);
    // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; the price is still exactly 30 units.
    expect(toPrice(0.1 + 0.2, usOption)).toBe(30);
  });

  it('rejects a value with more decimals than the minor unit', () => {
    expect(() => toPrice(1.234, usOption)).toThrow(PriceError);
  });

  it('rejects a non-integer unit count', () => {
    expect(() => asPrice(10.5)).toThrow(/integer/);
  });

  it('formats units back to the trader’s decimal text', () => {
    expect(formatPrice(123455, nseOption)).toBe('1234.55');
    expect(fromPrice(5, nseOption)).toBe(0.05);
  });

  it('sums P&L in units exactly where decimals would drift', () => {
    let units = 0;
    let decimals = 0;
    for (let i = 0; i < 1000; i++) {
      units += toPrice(0.05, nseOption);
      decimals += 0.05;
    }
    expect(units).toBe(5000);
    expect(decimals).not.toBe(50);
  });
});

describe('rounding to tick', () => {
  it('rounds to the nearest 0.05 tick', () => {
    expect(roundToTick(123457, nseOption)).toBe(123455);
    expect(roundToTick(123458, nseOption)).toBe(123460);
  });

  it('rounds down and up on request (bid side down, ask side up)', () => {
    expect(roundToTick(123459, nseOption, 'down')).toBe(123455);
    expect(roundToTick(123451, nseOption, 'up')).toBe(123455);
    expect(roundToTick(123455, nseOption, 'up')).toBe(123455);
  });

  it('tells whether a price is on the tick grid', () => {
    expect(isOnTick(123455, nseOption)).toBe(true);
    expect(isOnTick(123456, nseOption)).toBe(false);
    expect(isOnTick(123456, usOption)).toBe(true);
  });

  it('converts and rounds a decimal onto the grid in one step', () => {
    expect(decimalToTickPrice(101.12, nseOption)).toBe(10110);
    expect(decimalToTickPrice(101.13, nseOption)).toBe(10115);
    expect(decimalToTickPrice(101.12, nseOption, 'up')).toBe(10115);
  });
});
