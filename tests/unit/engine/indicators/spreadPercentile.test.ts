import { describe, expect, it } from 'vitest';
import { SpreadPercentile } from '../../../../src/main/trading/engine/indicators/spreadPercentile';

describe('rolling spread percentile', () => {
  it('ranks the current spread among the kept samples (mid-rank for ties)', () => {
    const spreads = new SpreadPercentile(10);
    for (const ticks of [1, 1, 1, 1, 2, 2, 2, 3, 3, 4]) spreads.add(ticks);
    expect(spreads.rank(1)).toBe(20);
    expect(spreads.rank(4)).toBe(95);
    expect(spreads.rank(5)).toBe(100);
  });

  it('forgets samples older than the window', () => {
    const spreads = new SpreadPercentile(4);
    for (const ticks of [8, 8, 8, 8, 1, 1, 1, 1]) spreads.add(ticks);
    expect(spreads.rank(2)).toBe(100);
    expect(spreads.size).toBe(4);
  });
});
