import { describe, expect, it } from 'vitest';
import { maxConcurrentPositionsGate } from '../../../../src/main/trading/engine/gates/maxConcurrentPositions';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('maxConcurrentPositions gate', () => {
  it('blocks when open positions reach the maximum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxConcurrentPositions.max = 2) });
    context.openPositions = 2;
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 2,
    });
  });

  it('counts working entries as positions', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxConcurrentPositions.max = 2) });
    context.openPositions = 1;
    context.pendingEntries = 1;
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('passes below the maximum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxConcurrentPositions.max = 2) });
    context.openPositions = 1;
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxConcurrentPositions.enabled = false) });
    context.openPositions = 99;
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
