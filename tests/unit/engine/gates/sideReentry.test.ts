import { describe, expect, it } from 'vitest';
import { sideReentryGate } from '../../../../src/main/trading/engine/gates/sideReentry';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { SECOND, T0 } from '../support/factories';

describe('sideReentry gate', () => {
  it('blocks a call entry within the cooldown of the last call exit', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.sideReentry.cooldownMs = 60_000) });
    context.risk.recordClosedTrade(T0 - 20 * SECOND, 'CE', 100);
    expect(sideReentryGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'block',
      value: 20_000,
    });
  });

  it('tracks calls and puts apart: a call exit does not hold up a put entry', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.sideReentry.cooldownMs = 60_000) });
    context.risk.recordClosedTrade(T0 - 20 * SECOND, 'CE', 100);
    expect(sideReentryGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.sideReentry.enabled = false) });
    context.risk.recordClosedTrade(T0, 'CE', 100);
    expect(sideReentryGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
