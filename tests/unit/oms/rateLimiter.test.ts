import { describe, expect, it } from 'vitest';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { ManualClock } from '../../../src/shared/domain/time';
import { OrderRateLimiter } from '../../../src/main/trading/oms/rateLimiter';

describe('OrderRateLimiter', () => {
  it('allows the cap within one second and refuses the next', () => {
    const clock = new ManualClock(1_000_000 as TimestampUs);
    const limiter = new OrderRateLimiter(clock, 10);
    for (let i = 0; i < 10; i++) {
      expect(limiter.tryTake()).toBe(true);
      clock.advance(10_000);
    }
    expect(limiter.tryTake()).toBe(false);
    expect(limiter.nextFreeUs()).toBe(2_000_000);
  });

  it('frees a slot exactly one second after it was used (sliding window)', () => {
    const clock = new ManualClock(0 as TimestampUs);
    const limiter = new OrderRateLimiter(clock, 2);
    limiter.tryTake();
    clock.set(500_000 as TimestampUs);
    limiter.tryTake();
    clock.set(999_999 as TimestampUs);
    expect(limiter.available()).toBe(0);
    clock.set(1_000_000 as TimestampUs);
    expect(limiter.available()).toBe(1);
  });
});
