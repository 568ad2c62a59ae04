import { describe, expect, it } from 'vitest';
import { regimeBudgetGate } from '../../../../src/main/trading/engine/gates/regimeBudget';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { T0 } from '../support/factories';

describe('regimeBudget gate', () => {
  it('blocks once the regime has used its daily budget', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.regimeBudget.volatile = 2) });
    context.risk.recordEntry(T0 - 1, 'volatile');
    context.risk.recordEntry(T0 - 1, 'volatile');
    expect(regimeBudgetGate.evaluate(makeCandidate({ regime: 'volatile' }), context)).toMatchObject({
      verdict: 'block',
      value: 2,
      threshold: 2,
    });
  });

  it('keeps budgets per regime', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.regimeBudget.volatile = 2) });
    context.risk.recordEntry(T0 - 1, 'volatile');
    context.risk.recordEntry(T0 - 1, 'volatile');
    expect(regimeBudgetGate.evaluate(makeCandidate({ regime: 'trend' }), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.regimeBudget.volatile = 0;
        p.gates.regimeBudget.enabled = false;
      },
    });
    expect(regimeBudgetGate.evaluate(makeCandidate({ regime: 'volatile' }), context).verdict).toBe(
      'disabled',
    );
  });
});
