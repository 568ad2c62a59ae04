import { describe, expect, it } from 'vitest';
import { sliceQuantity } from '../../../src/main/trading/oms/freezeSlicing';

describe('sliceQuantity', () => {
  it('leaves an order at or below the freeze quantity whole', () => {
    expect(sliceQuantity(1755, 65, 1755)).toEqual([1755]);
  });

  it('splits above the freeze quantity into lot-multiple slices', () => {
    // 61 lots of NIFTY (lot 65) = 3965 units, freeze 1800: the largest lot multiple under 1800 is
    // 27 lots = 1755, so 1755 + 1755 + 455 (7 lots).
    expect(sliceQuantity(3965, 65, 1800)).toEqual([1755, 1755, 455]);
  });

  it('means no limit when the freeze quantity is 0 (US options)', () => {
    expect(sliceQuantity(5000, 1, 0)).toEqual([5000]);
  });

  it('refuses a freeze quantity smaller than one lot', () => {
    expect(() => sliceQuantity(130, 65, 50)).toThrow('below one lot');
  });
});
