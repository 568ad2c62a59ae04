/**
 * The replay driver's only link to wall time, injected so its stepping logic is tested without
 * waiting (the same idea as the engine's injected clock: the engine is deterministic, so only the
 * pacing of a replay may depend on wall time).
 */
export interface ReplayScheduler {
  /** Monotonic milliseconds. */
  now(): number;
  setTimer(delayMs: number, callback: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export interface TimerHandle {
  readonly id: number;
}

/**
 * Wall time: performance.now, setTimeout for a delay, and `setImmediate` for a zero delay. Node clamps
 * `setTimeout(0)` to 1 ms, which would idle a 'max'-speed replay between its batches; `setImmediate`
 * runs right after the event loop has polled for I/O, so the live feed's messages and the windows'
 * requests still get their turn between two batches.
 */
export function createRealScheduler(): ReplayScheduler {
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

/** A scheduler the caller advances (tests, and the app's "render to file" mode). */
export class ManualScheduler implements ReplayScheduler {
  private current = 0;
  private nextId = 1;
  private timers: { id: number; due: number; callback: () => void }[] = [];

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, callback: () => void): TimerHandle {
    const timer = { id: this.nextId++, due: this.current + Math.max(0, delayMs), callback };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle): void {
    const id = (handle as { id: number }).id;
    this.timers = this.timers.filter((timer) => timer.id !== id);
  }

  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Moves time forward, firing due timers in order (timers they set fire too when due). */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      this.timers.sort((a, b) => a.due - b.due || a.id - b.id);
      const next = this.timers[0];
      if (next === undefined || next.due > target) break;
      this.timers.shift();
      this.current = Math.max(this.current, next.due);
      next.callback();
    }
    this.current = target;
  }

  /** Fires timers until none is left or `limit` ms have passed (for 'max' speed runs). */
  runAll(limitMs = 1e12): void {
    this.advance(0);
    while (this.timers.length > 0 && this.current < limitMs) {
      this.timers.sort((a, b) => a.due - b.due || a.id - b.id);
      this.advance(this.timers[0].due - this.current);
    }
  }
}
