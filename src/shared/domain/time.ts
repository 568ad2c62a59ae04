import type { Brand } from './brand';

/**
 * Event time in integer microseconds since the Unix epoch (the "exact prices" principle: timestamps carry at
 * least microseconds). 2^53 µs is year 2255, so a double holds it exactly.
 */
export type TimestampUs = Brand<number, 'TimestampUs'>;

export const asTimestampUs = (value: number): TimestampUs => Math.trunc(value) as TimestampUs;
export const msToUs = (ms: number): TimestampUs => Math.round(ms * 1000) as TimestampUs;
export const usToMs = (us: TimestampUs): number => Math.floor(us / 1000);
export const US_PER_SECOND = 1_000_000;

/** Injected clock: the engine, OMS and paper broker read time only from here. */
export interface Clock {
  nowUs(): TimestampUs;
}

/** A clock the caller advances (replay, tests). */
export class ManualClock implements Clock {
  constructor(private current: TimestampUs = asTimestampUs(0)) {}
  nowUs(): TimestampUs {
    return this.current;
  }
  set(value: TimestampUs): void {
    if (value < this.current) throw new RangeError(`clock moved backwards: ${value} < ${this.current}`);
    this.current = value;
  }
  advance(deltaUs: number): TimestampUs {
    this.current = (this.current + deltaUs) as TimestampUs;
    return this.current;
  }
}
