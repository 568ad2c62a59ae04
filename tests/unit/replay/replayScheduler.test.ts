import { describe, expect, it } from 'vitest';
import { createRealScheduler } from '../../../src/main/backtest/replayScheduler';

describe('createRealScheduler', () => {
  it('runs a zero-delay timer on the next turn of the event loop, not after a 1 ms timeout', async () => {
    const scheduler = createRealScheduler();
    const order: string[] = [];
    await new Promise<void>((resolve) => {
      // Inside an I/O-free macrotask, setImmediate callbacks run before a later setTimeout's.
      setTimeout(() => {
        setTimeout(() => {
          order.push('timeout');
          resolve();
        }, 0);
        scheduler.setTimer(0, () => order.push('zero-delay timer'));
      }, 0);
    });
    expect(order).toEqual(['zero-delay timer', 'timeout']);
  });

  it('fires a delayed timer and never one that was cleared', async () => {
    const scheduler = createRealScheduler();
    const fired: string[] = [];
    const cleared = scheduler.setTimer(0, () => fired.push('cleared zero'));
    const clearedLater = scheduler.setTimer(1, () => fired.push('cleared delayed'));
    scheduler.clearTimer(cleared);
    scheduler.clearTimer(clearedLater);
    // The barrier: a timer set after both, with a longer delay, runs after either would have.
    await new Promise<void>((resolve) => scheduler.setTimer(5, resolve));
    expect(fired).toEqual([]);
    await new Promise<void>((resolve) =>
      scheduler.setTimer(2, () => {
        fired.push('kept');
        resolve();
      }),
    );
    expect(fired).toEqual(['kept']);
  });

  it('reads monotonic time that does not go backwards', () => {
    const scheduler = createRealScheduler();
    const first = scheduler.now();
    expect(scheduler.now()).toBeGreaterThanOrEqual(first);
  });
});
