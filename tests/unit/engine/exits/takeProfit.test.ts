import { describe, expect, it } from 'vitest';
import { takeProfitExit } from '../../../../src/main/trading/engine/exits/takeProfit';
import { makeExitContext, makePosition, probe } from '../support/contexts';

describe('takeProfit exit', () => {
  it('fires at entry + takeProfitPercent', () => {
    const out = probe();
    expect(
      takeProfitExit.check(
        makePosition({ entry: 10_000 }),
        makeExitContext({ mark: 19_000, edit: (p) => (p.exits.takeProfit.takeProfitPercent = 90) }),
        out,
      ),
    ).toBe(true);
    expect(out.threshold).toBe(19_000);
  });

  it('holds below the target', () => {
    expect(
      takeProfitExit.check(
        makePosition({ entry: 10_000 }),
        makeExitContext({ mark: 18_995, edit: (p) => (p.exits.takeProfit.takeProfitPercent = 90) }),
        probe(),
      ),
    ).toBe(false);
  });

  it('does nothing when switched off', () => {
    expect(
      takeProfitExit.check(
        makePosition({ entry: 10_000 }),
        makeExitContext({ mark: 50_000, edit: (p) => (p.exits.takeProfit.enabled = false) }),
        probe(),
      ),
    ).toBe(false);
  });
});
