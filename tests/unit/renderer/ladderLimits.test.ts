import { describe, expect, it } from 'vitest';
import { exitTicks, lotLimit, parseLots } from '../../../src/renderer/src/ladder/ladderLimits';

const nifty = { lotSize: 65, freezeQuantity: 1755, priceDecimals: 2, tickUnits: 5 };
const spyOption = { lotSize: 1, freezeQuantity: 0, priceDecimals: 2, tickUnits: 1 };

describe('lots field', () => {
  it('caps lots at the freeze quantity in whole lots when that is below the settings maximum', () => {
    const limit = lotLimit(nifty, 100);
    expect(limit.maxLots).toBe(27);
    expect(parseLots('27', limit)).toEqual({ text: '27', lots: 27, problem: null });
    expect(parseLots('28', limit).problem).toBe(
      'Lots: 28 is above the maximum 27 (the exchange freeze quantity 1755 = 27 lots of 65)',
    );
  });

  it('uses settings.json ladder.maxLots without a freeze limit, and names it', () => {
    const limit = lotLimit(spyOption, 100);
    expect(limit.maxLots).toBe(100);
    expect(parseLots('500', limit).problem).toBe(
      'Lots: 500 is above the maximum 100 (ladder.maxLots in settings.json)',
    );
    expect(lotLimit(nifty, 10).maxLots).toBe(10);
  });

  it('refuses zero, negatives and fractions instead of changing them', () => {
    const limit = lotLimit(nifty, 100);
    expect(parseLots('0', limit)).toMatchObject({ lots: null, problem: 'Lots: 0 is below the minimum 1' });
    expect(parseLots('-3', limit)).toMatchObject({ lots: null });
    expect(parseLots('-3', limit).problem).toMatch(/"-3" is not a whole number \(1–27\)/);
    expect(parseLots('1.5', limit).lots).toBeNull();
  });
});

describe('exit distances', () => {
  it('keeps ticks, converts points and percent of the entry to whole ticks (at least one)', () => {
    expect(exitTicks(8, 'ticks', nifty, null)).toBe(8);
    // 2 points = 200 price units = 40 ticks of 0.05.
    expect(exitTicks(2, 'points', nifty, null)).toBe(40);
    // 10 % of 42.00 (4200 units) = 420 units = 84 ticks.
    expect(exitTicks(10, 'percent', nifty, 4200)).toBe(84);
    expect(exitTicks(0.01, 'percent', nifty, 4200)).toBe(1);
    expect(exitTicks(10, 'percent', nifty, null)).toBeNull();
  });
});
