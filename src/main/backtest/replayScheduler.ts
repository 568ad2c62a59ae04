/**
 * The replay driver's only link to wall time, injected so its stepping logic is tested without
 * waiting (the same idea as the engine's injected Clock, DESIGN principle 1).
 */
export interface ReplayScheduler {
  /** Monotonic milliseconds. */
  now(): number;
  setTimer(delayMs: number, callback: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

export type TimerHandle = { readonly id: number } | ReturnType<typeof setTimeout>;

/** Wall time: performance.now and setTimeout. */
export const realScheduler: ReplayScheduler = {
  now: () => performance.now(),
  setTimer: (delayMs, callback) => setTimeout(callback, Math.max(0, delayMs)),
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

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
