import { describe, expect, it } from 'vitest';
import { consecutiveLossesGate } from '../../../../src/main/trading/engine/gates/consecutiveLosses';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { MINUTE, T0 } from '../support/factories';

describe('consecutiveLosses gate (breaker)', () => {
  it('trips after max losses in a row and pauses for pauseMinutes after the last loss', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.consecutiveLosses.max = 3;
        p.gates.consecutiveLosses.pauseMinutes = 30;
      },
    });
    for (let i = 3; i >= 1; i--) context.risk.recordClosedTrade(T0 - i * MINUTE, 'CE', -100);
    expect(consecutiveLossesGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 3,
      threshold: 3,
    });
    context.nowUs = T0 + 30 * MINUTE;
    expect(consecutiveLossesGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('stops the rest of the day when pauseMinutes is 0', () => {
    const context = makeGateContext({
      nowUs: T0 + 200 * MINUTE,
      edit: (p) => {
        p.gates.consecutiveLosses.max = 2;
        p.gates.consecutiveLosses.pauseMinutes = 0;
      },
    });
    context.risk.recordClosedTrade(T0 - 2 * MINUTE, 'CE', -100);
    context.risk.recordClosedTrade(T0 - MINUTE, 'PE', -100);
    expect(consecutiveLossesGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('a winner resets the count', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.consecutiveLosses.max = 2) });
    context.risk.recordClosedTrade(T0 - 3 * MINUTE, 'CE', -100);
    context.risk.recordClosedTrade(T0 - 2 * MINUTE, 'CE', 100);
    context.risk.recordClosedTrade(T0 - MINUTE, 'CE', -100);
    expect(consecutiveLossesGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'pass',
      value: 1,
    });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.consecutiveLosses.max = 1;
        p.gates.consecutiveLosses.enabled = false;
      },
    });
    context.risk.recordClosedTrade(T0 - MINUTE, 'CE', -100);
    expect(consecutiveLossesGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
