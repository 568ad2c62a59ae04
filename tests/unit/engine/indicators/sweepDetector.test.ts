import { describe, expect, it } from 'vitest';
import { SweepDetector } from '../../../../src/main/trading/engine/indicators/sweepDetector';

describe('sweep detection', () => {
  it('flags same-side prints at one timestamp through minLevels price levels', () => {
    const sweeps = new SweepDetector(3, 5);
    expect(sweeps.onTrade(1000, 100, 'buy')).toBe(false);
    expect(sweeps.onTrade(1000, 105, 'buy')).toBe(false);
    expect(sweeps.onTrade(1000, 110, 'buy')).toBe(true);
    expect(sweeps).toMatchObject({
      lastSweepUs: 1000,
      lastSweepSide: 'buy',
      lastSweepLevels: 3,
      sweepCount: 1,
    });
    expect(sweeps.onTrade(1000, 115, 'buy')).toBe(false); // same sweep, reported once
  });

  it('does not flag prints at different times or sides', () => {
    const sweeps = new SweepDetector(3, 5);
    sweeps.onTrade(1000, 100, 'buy');
    sweeps.onTrade(1001, 105, 'buy');
    sweeps.onTrade(1001, 110, 'sell');
    expect(sweeps.sweepCount).toBe(0);
  });
});
