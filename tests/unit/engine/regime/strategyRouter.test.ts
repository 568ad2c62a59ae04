import { describe, expect, it } from 'vitest';
import { StrategyRouter } from '../../../../src/main/trading/engine/regime/strategyRouter';
import { makeParams } from '../support/factories';

describe('regime router', () => {
  it('routes trend to momentum packs, range to mean reversion, volatile to the volatility pack (adaptive)', () => {
    const router = new StrategyRouter(makeParams((p) => (p.router.adaptive = true)));
    expect(router.packFor('trend', 'momentumBurst')).toBe('momentum');
    expect(router.packFor('trend', 'breakout')).toBe('momentum');
    expect(router.packFor('trend', 'vwapRejection')).toBeUndefined();
    expect(router.packFor('range', 'vwapRejection')).toBe('meanReversion');
    expect(router.packFor('range', 'momentumBurst')).toBeUndefined();
    expect(router.packFor('volatile', 'momentumBurst')).toBe('volatility');
    expect(router.sizeMultiplier('volatility')).toBeLessThan(1);
    expect(router.stopMultiplier('volatility')).toBeGreaterThan(1);
  });

  it('never routes a switched-off pack', () => {
    const router = new StrategyRouter(
      makeParams((p) => {
        p.router.adaptive = true;
        p.packs.momentum.enabled = false;
      }),
    );
    expect(router.packs('trend')).toEqual(['orderFlow']);
    expect(router.packFor('trend', 'momentumBurst')).toBeUndefined();
  });

  it('stands aside in the volatile regime when the volatility pack is off', () => {
    const router = new StrategyRouter(
      makeParams((p) => {
        p.router.adaptive = true;
        p.packs.volatility.enabled = false;
      }),
    );
    expect(router.packs('volatile')).toEqual([]);
  });

  it('a non-adaptive preset trades its static packs in every regime', () => {
    const router = new StrategyRouter(
      makeParams((p) => {
        p.router.adaptive = false;
        p.router.static = ['meanReversion'];
      }),
    );
    for (const regime of ['trend', 'range', 'volatile', 'unknown'] as const)
      expect(router.packs(regime)).toEqual(['meanReversion']);
  });
});
