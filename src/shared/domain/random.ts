/**
 * Seeded pseudo-random numbers for simulations and tests (the "deterministic engine" principle: no
 * Math.random in anything that must replay). xoshiro128** 1.1 by Blackman and Vigna
 * (https://prng.di.unimi.it/, public domain): 128-bit state, period 2^128 - 1, passes BigCrush, and uses only
 * 32-bit integer operations, which JavaScript does exactly (Math.imul, >>> 0). The seed is expanded into the
 * state with splitmix32 so that nearby seeds (1, 2, 3) give unrelated streams.
 *
 * Every method allocates nothing: the simulated exchange draws several numbers per event.
 */
export class SeededRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;
  /** Second value of the last polar Box–Muller pair, used by the next normal() call. */
  private spareNormal = 0;
  private hasSpareNormal = false;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    let state = Math.trunc(seed) >>> 0;
    const splitmix32 = (): number => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.s0 = splitmix32();
    this.s1 = splitmix32();
    this.s2 = splitmix32();
    this.s3 = splitmix32();
    // The all-zero state is the one fixed point of xoshiro; splitmix32 cannot produce four zeros, but guard anyway.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9) >>> 0;
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  /** Uniform in [0, 1) with 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in (0, 1]: safe to take the logarithm of. */
  nextOpen(): number {
    return (this.nextUint32() + 1) / 4294967296;
  }

  /** Uniform integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Uniform in [low, high). */
  uniform(low: number, high: number): number {
    return low + (high - low) * this.next();
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** Standard normal N(0, 1), Marsaglia's polar method (no trigonometry; pairs are cached). */
  normal(): number {
    if (this.hasSpareNormal) {
      this.hasSpareNormal = false;
      return this.spareNormal;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.next() - 1;
      v = 2 * this.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const factor = Math.sqrt((-2 * Math.log(s)) / s);
    this.spareNormal = v * factor;
    this.hasSpareNormal = true;
    return u * factor;
  }

  /** Exponential waiting time with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    return -Math.log(this.nextOpen()) / rate;
  }

  /** Geometric count ≥ 1 with the given mean (≥ 1): number of trials up to the first success. */
  geometric(mean: number): number {
    if (mean <= 1) return 1;
    const p = 1 / mean;
    return 1 + Math.floor(Math.log(this.nextOpen()) / Math.log(1 - p));
  }

  /** Pareto-distributed value ≥ 1 with tail index alpha (> 1 for a finite mean): heavy-tailed order sizes. */
  pareto(alpha: number): number {
    return Math.pow(this.nextOpen(), -1 / alpha);
  }
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}

/**
 * A 32-bit FNV-1a hash of a string, to derive independent per-symbol seeds (seed ^ hash(symbol)), so
 * that adding a symbol to a simulation does not change the paths of the others.
 */
export function hashString32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
