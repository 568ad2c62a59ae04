import { describe, expect, it } from 'vitest';
import {
  centredAxis,
  marketLeftAxis,
  resizeAxis,
  rowOf,
  rowPrice,
  scrollAxis,
} from '../../../src/renderer/src/ladder/priceAxis';

/** The ladder's fixed axis: one row per tick, moved only on request or when the market leaves it. */
describe('price axis', () => {
  const axis = centredAxis(4012, 5, 11);

  it('centres on the tick grid with one row per tick, highest price on top', () => {
    expect(axis.top).toBe(4010 + 5 * 5);
    expect(rowPrice(axis, 5)).toBe(4010);
    expect(rowPrice(axis, 10)).toBe(4010 - 25);
    expect(rowOf(axis, 4010)).toBe(5);
    expect(rowOf(axis, 4011)).toBe(-1);
    expect(rowOf(axis, 4010 + 30)).toBe(-1);
  });

  it('stays put while the inside market is in view, and says so when it nears an edge', () => {
    expect(marketLeftAxis(axis, 4000, 4020)).toBe(false);
    expect(marketLeftAxis(axis, 4025, 4035)).toBe(true);
    expect(marketLeftAxis(axis, 3985, 3995)).toBe(true);
    expect(marketLeftAxis(axis, null, null)).toBe(false);
  });

  it('scrolls by whole ticks and keeps the middle price on a resize', () => {
    expect(rowPrice(scrollAxis(axis, 2), 5)).toBe(4020);
    const taller = resizeAxis(axis, 21);
    expect(rowPrice(taller, 10)).toBe(4010);
    expect(resizeAxis(axis, 11)).toBe(axis);
  });
});
