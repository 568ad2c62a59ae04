import { describe, expect, it } from 'vitest';
import {
  COLUMN_BUY_VOLUME,
  COLUMN_UPTICKS,
  COLUMN_VOLUME,
  TimeBuckets,
} from '../../../../src/main/trading/engine/indicators/timeBuckets';

const S = 1_000_000;

describe('time buckets (100 ms ring with windowed sums)', () => {
  it('sums each window over exactly its length and evicts what leaves it', () => {
    const buckets = new TimeBuckets([1, 5]);
    for (let i = 0; i < 100; i++) {
      buckets.advance(i * 100_000);
      buckets.record(100 + i, 10, 10, 0);
    }
    // 1 s window = last 10 buckets, 5 s window = last 50.
    expect(buckets.sum(0, COLUMN_VOLUME)).toBe(100);
    expect(buckets.sum(1, COLUMN_VOLUME)).toBe(500);
    expect(buckets.sum(1, COLUMN_BUY_VOLUME)).toBe(500);
    expect(buckets.sum(1, COLUMN_UPTICKS)).toBe(50);
  });

  it('empties windows across a quiet gap and carries the last price', () => {
    const buckets = new TimeBuckets([1, 5]);
    buckets.advance(0);
    buckets.record(100, 10, 0, 10);
    buckets.advance(3 * S);
    expect(buckets.sum(0, COLUMN_VOLUME)).toBe(0);
    expect(buckets.sum(1, COLUMN_VOLUME)).toBe(10);
    expect(buckets.priceWindowAgo(0)).toBe(100);
    buckets.advance(60 * S); // longer than the ring
    expect(buckets.sum(1, COLUMN_VOLUME)).toBe(0);
  });

  it('gives the price one window ago, NaN before the window has history', () => {
    const buckets = new TimeBuckets([1]);
    buckets.advance(0);
    buckets.record(100, 1, 0, 0);
    buckets.advance(500_000);
    buckets.record(105, 1, 0, 0);
    expect(buckets.priceWindowAgo(0)).toBeNaN();
    buckets.advance(1_000_000);
    buckets.record(110, 1, 0, 0);
    expect(buckets.priceWindowAgo(0)).toBe(100);
  });

  it('keeps sums exact over a long run (no drift)', () => {
    const buckets = new TimeBuckets([5]);
    for (let i = 0; i < 200_000; i++) {
      buckets.advance(i * 50_000);
      buckets.record(100, 7, 3, 4);
    }
    expect(buckets.sum(0, COLUMN_VOLUME)).toBe(7 * 100);
  });
});
