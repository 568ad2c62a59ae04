import { describe, expect, it } from 'vitest';
import { SessionVwap } from '../../../../src/main/trading/engine/indicators/vwap';

describe('session VWAP and bands', () => {
  it('is the volume-weighted mean with a volume-weighted deviation', () => {
    const vwap = new SessionVwap();
    vwap.update(2_400_000, 100);
    vwap.update(2_400_100, 300);
    expect(vwap.value).toBe(2_400_075);
    // Deviations −75 (w 100) and +25 (w 300): variance (100·5625 + 300·625)/400 = 1875.
    expect(vwap.deviation).toBeCloseTo(Math.sqrt(1875), 9);
  });

  it('stays exact on large prices (sums relative to the first print)', () => {
    const vwap = new SessionVwap();
    for (let i = 0; i < 100_000; i++) vwap.update(585_330_000 + (i % 2), 1_000);
    expect(vwap.value).toBeCloseTo(585_330_000.5, 6);
    expect(vwap.deviation).toBeCloseTo(0.5, 6);
  });

  it('weights index ticks equally when the stream has no volume', () => {
    const vwap = new SessionVwap();
    vwap.update(100, 0);
    vwap.update(200, 0);
    expect(vwap.value).toBe(150);
  });
});
