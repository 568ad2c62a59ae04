import { describe, expect, it } from 'vitest';
import { dailyLossLimitGate } from '../../../../src/main/trading/engine/gates/dailyLossLimit';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { T0 } from '../support/factories';

describe('dailyLossLimit gate', () => {
  it('blocks once the day P&L reaches minus the limit', () => {
    const context = makeGateContext({ edit: (p) => (p.risk.dailyLossLimit = 5000) });
    context.risk.recordClosedTrade(T0, 'CE', -500_000); // −5000.00 in paise
    context.risk.updateDayPnl(0);
    expect(dailyLossLimitGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: -5000,
      threshold: -5000,
    });
  });

  it('counts unrealised losses of open positions', () => {
    const context = makeGateContext({ edit: (p) => (p.risk.dailyLossLimit = 5000) });
    context.risk.updateDayPnl(-600_000);
    expect(dailyLossLimitGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('stays blocked for the day once locked, even if P&L recovers', () => {
    const context = makeGateContext({ edit: (p) => (p.risk.dailyLossLimit = 5000) });
    context.risk.dayLockedReason = 'dailyLossLimit';
    context.risk.updateDayPnl(0);
    expect(dailyLossLimitGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('passes above the limit', () => {
    const context = makeGateContext({ edit: (p) => (p.risk.dailyLossLimit = 5000) });
    context.risk.updateDayPnl(-499_900);
    expect(dailyLossLimitGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.dailyLossLimit.enabled = false) });
    context.risk.updateDayPnl(-10_000_000);
    expect(dailyLossLimitGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
