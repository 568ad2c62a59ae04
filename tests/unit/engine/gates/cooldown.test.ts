import { describe, expect, it } from 'vitest';
import { cooldownGate } from '../../../../src/main/trading/engine/gates/cooldown';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { SECOND, T0 } from '../support/factories';

const edit = (p: { gates: { cooldown: { afterExitMs: number; afterLossMs: number } } }): void => {
  p.gates.cooldown.afterExitMs = 30_000;
  p.gates.cooldown.afterLossMs = 120_000;
};

describe('cooldown gate', () => {
  it('passes when nothing has exited today', () => {
    expect(cooldownGate.evaluate(makeCandidate(), makeGateContext({ edit })).verdict).toBe('pass');
  });

  it('blocks within afterExitMs of a winning exit and passes after it', () => {
    const context = makeGateContext({ edit });
    context.risk.recordClosedTrade(T0 - 10 * SECOND, 'CE', 500);
    expect(cooldownGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 10_000,
      threshold: 30_000,
    });
    context.nowUs = T0 + 25 * SECOND;
    expect(cooldownGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('uses the longer afterLossMs after a losing exit', () => {
    const context = makeGateContext({ edit, nowUs: T0 + 60 * SECOND });
    context.risk.recordClosedTrade(T0, 'PE', -500);
    expect(cooldownGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      threshold: 120_000,
    });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.cooldown.enabled = false) });
    context.risk.recordClosedTrade(T0, 'CE', -500);
    expect(cooldownGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
