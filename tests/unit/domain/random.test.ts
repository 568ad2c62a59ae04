import { describe, expect, it } from 'vitest';
import { hashString32, SeededRandom } from '../../../src/shared/domain/random';

function draw(seed: number, count: number): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, () => random.nextUint32());
}

describe('seeded random', () => {
  it('repeats the same stream for the same seed', () => {
    expect(draw(42, 100)).toEqual(draw(42, 100));
  });

  it('gives unrelated streams for neighbouring seeds', () => {
    const a = draw(1, 50);
    const b = draw(2, 50);
    expect(a.filter((value, index) => value === b[index])).toHaveLength(0);
  });

  it('keeps uniforms in [0, 1) with a mean near one half', () => {
    const random = new SeededRandom(7);
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 100_000; i++) {
      const value = random.next();
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / 100_000).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const random = new SeededRandom(11);
    const n = 200_000;
    let sum = 0;
    let sumSquares = 0;
    for (let i = 0; i < n; i++) {
      const value = random.normal();
      sum += value;
      sumSquares += value * value;
    }
    expect(sum / n).toBeCloseTo(0, 2);
    expect(sumSquares / n).toBeCloseTo(1, 1);
  });

  it('draws exponential waiting times with the requested mean', () => {
    const random = new SeededRandom(3);
    let sum = 0;
    for (let i = 0; i < 100_000; i++) sum += random.exponential(4);
    expect(sum / 100_000).toBeCloseTo(0.25, 2);
  });

  it('draws geometric counts of at least 1 with the requested mean', () => {
    const random = new SeededRandom(5);
    let sum = 0;
    let min = Infinity;
    for (let i = 0; i < 100_000; i++) {
      const value = random.geometric(3);
      min = Math.min(min, value);
      sum += value;
    }
    expect(min).toBe(1);
    expect(sum / 100_000).toBeCloseTo(3, 1);
  });

  it('hashes symbols to stable, distinct 32-bit seeds', () => {
    expect(hashString32('NIFTY')).toBe(hashString32('NIFTY'));
    expect(hashString32('NIFTY')).not.toBe(hashString32('BANKNIFTY'));
    expect(hashString32('SPY')).toBeLessThan(2 ** 32);
  });
});
