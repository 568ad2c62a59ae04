import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/main/ledger/analyticsReport';

describe('analytics histogram (P&L and hold-time distributions)', () => {
  it('splits the range into equal bins that count every value once', () => {
    const bins = histogram([-300, -100, 0, 50, 200, 300], 6);
    expect(bins).toHaveLength(6);
    expect(bins[0]).toMatchObject({ from: -300, to: -200, count: 1 });
    expect(bins[5]).toMatchObject({ from: 200, to: 300, count: 2 });
    expect(bins.reduce((total, bin) => total + bin.count, 0)).toBe(6);
  });

  it('one bin for equal values, none without values', () => {
    expect(histogram([5, 5, 5])).toEqual([{ from: 5, to: 5, count: 3 }]);
    expect(histogram([])).toEqual([]);
  });
});
