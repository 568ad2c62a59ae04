import type { ReplayScheduler, TimerHandle } from '../../backtest/replayScheduler';

/**
 * Wall time for a replay inside the core worker. Like `realScheduler`, except that a zero delay uses
 * `setImmediate`: Node clamps `setTimeout(0)` to 1 ms, which would idle a 'max'-speed replay between
 * its batches, while `setImmediate` runs right after the event loop has polled for I/O — so the live
 * feed's messages and the windows' requests still get their turn between two batches.
 */
export function createCoreReplayScheduler(): ReplayScheduler {
  let nextId = 1;
  const timers = new Map<number, { cancel(): void }>();
  return {
    now: () => performance.now(),
    setTimer(delayMs: number, callback: () => void): TimerHandle {
      const id = nextId++;
      const run = (): void => {
        timers.delete(id);
        callback();
      };
      if (delayMs <= 0) {
        const immediate = setImmediate(run);
        timers.set(id, { cancel: () => clearImmediate(immediate) });
      } else {
        const timeout = setTimeout(run, delayMs);
        timers.set(id, { cancel: () => clearTimeout(timeout) });
      }
      return { id };
    },
    clearTimer(handle: TimerHandle): void {
      const id = (handle as { id: number }).id;
      timers.get(id)?.cancel();
      timers.delete(id);
    },
  };
}
