import { describe, expect, it } from 'vitest';
import { pendingEntryGate } from '../../../../src/main/trading/engine/gates/pendingEntry';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('pendingEntry gate', () => {
  it('blocks a second entry while one is working', () => {
    const context = makeGateContext();
    context.pendingEntries = 1;
    expect(pendingEntryGate.evaluate(makeCandidate(), context)).toMatchObject({ verdict: 'block', value: 1 });
  });

  it('passes with no working entry', () => {
    expect(pendingEntryGate.evaluate(makeCandidate(), makeGateContext()).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.pendingEntry.enabled = false) });
    context.pendingEntries = 3;
    expect(pendingEntryGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
