import { describe, expect, it } from 'vitest';
import { generateChain, ivGrid, run } from '../../../src/main/bench/options';

describe('options benchmark', () => {
  it('generates a 200-strike chain with both sides quoted and positive OI', () => {
    const chain = generateChain();
    expect(chain.rows).toHaveLength(200);
    for (const row of chain.rows) {
      expect(row.ce?.oi).toBeGreaterThan(0);
      expect(row.pe?.oi).toBeGreaterThan(0);
      expect(row.ce!.ask).toBeGreaterThanOrEqual(row.ce!.bid);
    }
  });

  it('IV grid holds only solvable prices across both models and types', () => {
    const grid = ivGrid();
    expect(new Set(grid.map((point) => `${point.model}/${point.type}`)).size).toBe(4);
    expect(grid.length).toBeGreaterThan(500);
  });

  it('returns its figures (quick mode) without printing', async () => {
    const figures = await run({ quick: true });
    expect(figures.chainStrikes).toBe(200);
    for (const key of [
      'chainAnalyticsPerSecond',
      'optionsContextMicros',
      'ivSolvesPerSecond',
      'priceOptionPerSecond',
    ]) {
      expect(figures[key], key).toBeGreaterThan(0);
    }
    expect(figures.checksumFinite).toBe(true);
  });
});
