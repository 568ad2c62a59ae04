import { describe, expect, it } from 'vitest';
import { asSymbol } from '../../../src/shared/domain/ids';
import {
  lotsOf,
  maxOrderQuantity,
  sliceByFreezeQuantity,
  validateQuantity,
} from '../../../src/shared/domain/instruments/quantity';
import { nseMaster, seriesOf, usMaster } from './marketData';

const nifty = seriesOf(nseMaster, 'NIFTY');
const makeRules = (lotSize: number, freezeQuantity: number) => ({
  symbol: asSymbol('TEST'),
  lotSize,
  freezeQuantity,
});

describe('lot validation', () => {
  it('accepts whole NIFTY lots of 65', () => {
    expect(validateQuantity({ ...nifty, symbol: asSymbol('NIFTY') }, 130)).toEqual({ ok: true });
    expect(lotsOf(makeRules(65, 1800), 195)).toBe(3);
  });

  it('rejects a quantity that is not a whole lot and names the nearest valid ones', () => {
    const check = validateQuantity(makeRules(65, 1800), 100);
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(/not a multiple of the lot size 65 \(nearest: 65 or 130\)/);
  });

  it('rejects zero, negative and fractional quantities', () => {
    expect(validateQuantity(makeRules(1, 0), 0).ok).toBe(false);
    expect(validateQuantity(makeRules(1, 0), -2).ok).toBe(false);
    expect(validateQuantity(makeRules(1, 0), 1.5).ok).toBe(false);
  });

  it('accepts any whole number of US contracts (lot 1)', () => {
    const spy = seriesOf(usMaster, 'SPY');
    expect(spy.lotSize).toBe(1);
    expect(validateQuantity({ ...spy, symbol: asSymbol('SPY') }, 7)).toEqual({ ok: true });
  });
});

describe('freeze quantity slicing', () => {
  it('rounds the NIFTY freeze quantity 1800 down to whole lots (27 × 65 = 1755)', () => {
    expect(maxOrderQuantity(makeRules(65, 1800))).toBe(1755);
  });

  it('slices an order above the freeze quantity into whole-lot slices', () => {
    const slices = sliceByFreezeQuantity(makeRules(65, 1800), 65 * 60);
    expect(slices).toEqual([1755, 1755, 390]);
    expect(slices.reduce((sum, slice) => sum + slice, 0)).toBe(3900);
  });

  it('keeps an order at or below the limit whole', () => {
    expect(sliceByFreezeQuantity(makeRules(30, 600), 600)).toEqual([600]);
  });

  it('never slices without a freeze limit (US options)', () => {
    expect(sliceByFreezeQuantity(makeRules(1, 0), 5000)).toEqual([5000]);
  });

  it('refuses to slice an invalid quantity', () => {
    expect(() => sliceByFreezeQuantity(makeRules(65, 1800), 100)).toThrow(/lot size/);
  });
});
