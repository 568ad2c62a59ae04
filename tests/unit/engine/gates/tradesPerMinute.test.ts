import { describe, expect, it } from 'vitest';
import { tradesPerMinuteGate } from '../../../../src/main/trading/engine/gates/tradesPerMinute';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { SECOND, T0 } from '../support/factories';

describe('tradesPerMinute gate', () => {
  it('blocks once max entries were sent in the last 60 s', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.tradesPerMinute.max = 2) });
    context.risk.recordEntry(T0 - 50 * SECOND, 'trend');
    context.risk.recordEntry(T0 - 10 * SECOND, 'trend');
    expect(tradesPerMinuteGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 2,
      threshold: 2,
    });
  });

  it('forgets entries older than a minute', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.tradesPerMinute.max = 2) });
    context.risk.recordEntry(T0 - 70 * SECOND, 'trend');
    context.risk.recordEntry(T0 - 10 * SECOND, 'trend');
    expect(tradesPerMinuteGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'pass',
      value: 1,
    });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.tradesPerMinute.max = 1;
        p.gates.tradesPerMinute.enabled = false;
      },
    });
    context.risk.recordEntry(T0 - SECOND, 'trend');
    expect(tradesPerMinuteGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
