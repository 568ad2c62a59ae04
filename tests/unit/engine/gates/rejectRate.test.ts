import { describe, expect, it } from 'vitest';
import { rejectRateGate } from '../../../../src/main/trading/engine/gates/rejectRate';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { MINUTE, T0 } from '../support/factories';

describe('rejectRate gate (guardrail)', () => {
  it('blocks when rejects among the last orders reach maxRejects', () => {
    const context = makeGateContext({
      edit: (p) => Object.assign(p.gates.rejectRate, { windowOrders: 10, maxRejects: 3 }),
    });
    for (const rejected of [true, false, true, true]) context.risk.recordOrderOutcome(rejected);
    expect(rejectRateGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 3,
      threshold: 3,
    });
  });

  it('blocks during the pause and passes after it', () => {
    const context = makeGateContext();
    context.risk.rejectPauseUntilUs = T0 + 5 * MINUTE;
    expect(rejectRateGate.evaluate(makeCandidate(), context).verdict).toBe('block');
    context.nowUs = T0 + 5 * MINUTE;
    expect(rejectRateGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('only counts the last windowOrders outcomes', () => {
    const context = makeGateContext({
      edit: (p) => Object.assign(p.gates.rejectRate, { windowOrders: 4, maxRejects: 3 }),
    });
    for (const rejected of [true, true, true, false, false, false, false])
      context.risk.recordOrderOutcome(rejected);
    expect(rejectRateGate.evaluate(makeCandidate(), context)).toMatchObject({ verdict: 'pass', value: 0 });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.rejectRate.enabled = false) });
    context.risk.rejectPauseUntilUs = T0 + MINUTE;
    expect(rejectRateGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
