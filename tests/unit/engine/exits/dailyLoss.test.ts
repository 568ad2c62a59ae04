import { describe, expect, it } from 'vitest';
import { dailyLossExit } from '../../../../src/main/trading/engine/exits/dailyLoss';
import { makeExitContext, makePosition, probe } from '../support/contexts';

describe('dailyLoss exit', () => {
  it('closes every position once the day P&L reaches minus the limit', () => {
    const context = makeExitContext({ edit: (p) => (p.risk.dailyLossLimit = 5000) });
    context.risk.updateDayPnl(-500_000);
    const out = probe();
    expect(dailyLossExit.check(makePosition(), context, out)).toBe(true);
    expect(out).toEqual({ value: -5000, threshold: -5000 });
  });

  it('holds above the limit', () => {
    const context = makeExitContext({ edit: (p) => (p.risk.dailyLossLimit = 5000) });
    context.risk.updateDayPnl(-400_000);
    expect(dailyLossExit.check(makePosition(), context, probe())).toBe(false);
  });

  it('does nothing when switched off', () => {
    const context = makeExitContext({ edit: (p) => (p.exits.dailyLoss.enabled = false) });
    context.risk.updateDayPnl(-50_000_000);
    expect(dailyLossExit.check(makePosition(), context, probe())).toBe(false);
  });
});
