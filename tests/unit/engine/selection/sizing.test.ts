import { describe, expect, it } from 'vitest';
import type { SizingInput } from '../../../../src/main/trading/engine/selection/sizing';
import { sizeEntry } from '../../../../src/main/trading/engine/selection/sizing';
import { makeOption, makeParams } from '../support/factories';

const base = makeParams((p) =>
  Object.assign(p.sizing, {
    mode: 'fixedLots',
    fixedLots: 2,
    maxLots: 4,
    riskBudget: 2000,
    highIvPercentile: 80,
    highIvMultiplier: 0.5,
    lowIvPercentile: 20,
    lowIvMultiplier: 1.25,
    pcrBullishAbove: 1.2,
    pcrBearishBelow: 0.8,
    pcrAgreeMultiplier: 1.25,
    pcrDisagreeMultiplier: 0.75,
  }),
).sizing;

function size(overrides: Partial<SizingInput> = {}) {
  return sizeEntry({
    params: base,
    instrument: makeOption(24100, 'CE'),
    premium: 10_000,
    stopPercent: 15,
    ivPercentile: 50,
    pcr: 1,
    direction: 'bullish',
    packMultiplier: 1,
    ...overrides,
  });
}

describe('sizing', () => {
  it('fixed lots', () => {
    expect(size()).toMatchObject({ lots: 2, quantity: 130, cappedBy: 'none' });
  });

  it('risk budget: budget / one lot’s loss to the hard stop', () => {
    // One lot loses 100.00 × 15 % × 65 = 975 rupees; 2000 / 975 → 2 lots.
    expect(size({ params: { ...base, mode: 'riskBudget' } })).toMatchObject({ baseLots: 2, lots: 2 });
  });

  it('scales down in high IV percentile and up in low', () => {
    expect(size({ params: { ...base, fixedLots: 4 }, ivPercentile: 90 }).lots).toBe(2);
    expect(size({ params: { ...base, fixedLots: 3 }, ivPercentile: 10 }).lots).toBe(3); // 3.75 floors to 3
    expect(size({ params: { ...base, fixedLots: 4 }, ivPercentile: 10 }).cappedBy).toBe('maxLots');
  });

  it('biases by PCR: agreeing positioning sizes up, disagreeing down', () => {
    expect(size({ params: { ...base, fixedLots: 4 }, pcr: 0.5 }).lots).toBe(3);
    expect(size({ params: { ...base, fixedLots: 4 }, pcr: 0.5, direction: 'bearish' }).lots).toBe(4);
  });

  it('never scales a sized trade below one lot', () => {
    expect(size({ params: { ...base, fixedLots: 1 }, ivPercentile: 95, packMultiplier: 0.5 }).lots).toBe(1);
  });

  it('is capped by the freeze quantity', () => {
    const instrument = { ...makeOption(24100, 'CE'), freezeQuantity: 130 };
    expect(size({ params: { ...base, fixedLots: 4 }, instrument })).toMatchObject({
      lots: 2,
      cappedBy: 'freezeQuantity',
    });
  });
});
