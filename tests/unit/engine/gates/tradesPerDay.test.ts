import { describe, expect, it } from 'vitest';
import { tradesPerDayGate } from '../../../../src/main/trading/engine/gates/tradesPerDay';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { MINUTE, T0 } from '../support/factories';

describe('tradesPerDay gate', () => {
  it('blocks once the day has used its trades', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.tradesPerDay.max = 3) });
    for (let i = 0; i < 3; i++) context.risk.recordEntry(T0 - (10 - i) * MINUTE, 'range');
    expect(tradesPerDayGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 3,
      threshold: 3,
    });
  });

  it('gives back an entry that never filled', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.tradesPerDay.max = 3) });
    for (let i = 0; i < 3; i++) context.risk.recordEntry(T0 - (10 - i) * MINUTE, 'range');
    context.risk.refundEntry('range');
    expect(tradesPerDayGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.tradesPerMinute.max = 1;
        p.gates.tradesPerDay.max = 1;
        p.gates.tradesPerDay.enabled = false;
      },
    });
    context.risk.recordEntry(T0 - MINUTE, 'range');
    expect(tradesPerDayGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
