import { describe, expect, it } from 'vitest';
import { greeksTrailFactor } from '../../../../src/main/trading/engine/exits/greeksTrail';
import { makeParams } from '../support/factories';

const params = makeParams((p) =>
  Object.assign(p.exits.greeksTrail, {
    enabled: true,
    atmDelta: 0.45,
    otmDelta: 0.2,
    atmFactor: 0.8,
    otmFactor: 1.3,
    ivWeight: 0.5,
    minFactor: 0.6,
    maxFactor: 1.6,
  }),
).exits.greeksTrail;

describe('greeks/IV-aware trail distance', () => {
  it('trails tighter near the money (high gamma)', () => {
    expect(greeksTrailFactor(0.5, 50, params)).toBeCloseTo(0.8, 10);
  });

  it('trails wider out of the money', () => {
    expect(greeksTrailFactor(-0.15, 50, params)).toBeCloseTo(1.3, 10);
  });

  it('interpolates between', () => {
    expect(greeksTrailFactor(0.325, 50, params)).toBeCloseTo(1.05, 10);
  });

  it('widens in high IV percentile and narrows in low', () => {
    expect(greeksTrailFactor(0.5, 90, params)).toBeCloseTo(0.8 * 1.2, 10);
    expect(greeksTrailFactor(0.5, 10, params)).toBeCloseTo(0.8 * 0.8, 10);
  });

  it('is clamped', () => {
    expect(greeksTrailFactor(0.1, 100, params)).toBe(1.6);
  });

  it('is 1 when switched off', () => {
    expect(greeksTrailFactor(0.5, 90, { ...params, enabled: false })).toBe(1);
  });
});
