import type { SignalName } from '../config/schema';
import type { Direction, SignalSnapshot } from '../types';

/**
 * A signal's output, preallocated per signal and overwritten on every evaluation (no allocation on the
 * hot path); `toSnapshot` copies it into plain data only when a decision is recorded.
 */
export class SignalResult {
  fired = false;
  direction: Direction = 'bullish';
  /** 0–100. */
  confidence = 0;
  readonly inputs: Float64Array;

  constructor(
    readonly name: SignalName,
    readonly inputNames: readonly string[],
  ) {
    this.inputs = new Float64Array(inputNames.length);
  }

  clear(): void {
    this.fired = false;
    this.confidence = 0;
  }

  toSnapshot(): SignalSnapshot {
    const inputs: Record<string, number | null> = {};
    for (let i = 0; i < this.inputNames.length; i++) {
      const value = this.inputs[i];
      inputs[this.inputNames[i]] = Number.isFinite(value) ? value : null;
    }
    return { name: this.name, direction: this.direction, confidence: this.confidence, inputs };
  }
}

/** Maps x from [low, high] onto [0, 1], clamped. */
export function unitScale(x: number, low: number, high: number): number {
  if (!(x > low)) return 0;
  if (x >= high) return 1;
  return (x - low) / (high - low);
}

export interface SignalDetector {
  readonly name: SignalName;
  readonly result: SignalResult;
  /** Whether the signal reads the order book (re-evaluated on depth/quote updates too). */
  readonly readsBook: boolean;
  /** Re-evaluates on the current state; returns result.fired. */
  evaluate(nowUs: number): boolean;
}
