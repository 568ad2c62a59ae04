import { describe, expect, it } from 'vitest';
import { perTradeLossExit } from '../../../../src/main/trading/engine/exits/perTradeLoss';
import { makeExitContext, makePosition, probe } from '../support/contexts';

describe('perTradeLoss exit', () => {
  it('fires when the position loses maxLoss in money', () => {
    // 4 lots × 65 = 260 units; a 12.00 drop = 3120 rupees > 3000.
    const position = makePosition({ entry: 10_000, lots: 4 });
    const out = probe();
    expect(
      perTradeLossExit.check(
        position,
        makeExitContext({ mark: 8_800, edit: (p) => (p.exits.perTradeLoss.maxLoss = 3000) }),
        out,
      ),
    ).toBe(true);
    expect(out).toEqual({ value: -3120, threshold: -3000 });
  });

  it('holds a smaller loss', () => {
    const position = makePosition({ entry: 10_000, lots: 4 });
    expect(
      perTradeLossExit.check(
        position,
        makeExitContext({ mark: 8_900, edit: (p) => (p.exits.perTradeLoss.maxLoss = 3000) }),
        probe(),
      ),
    ).toBe(false);
  });

  it('does nothing when switched off', () => {
    const position = makePosition({ entry: 10_000, lots: 4 });
    expect(
      perTradeLossExit.check(
        position,
        makeExitContext({ mark: 100, edit: (p) => (p.exits.perTradeLoss.enabled = false) }),
        probe(),
      ),
    ).toBe(false);
  });
});
