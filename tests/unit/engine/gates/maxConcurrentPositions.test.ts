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

  it('counts lots over every position and working entry, this entry included', () => {
    const context = makeGateContext({
      edit: (p) => Object.assign(p.gates.maxConcurrentPositions, { max: 5, maxLots: 4 }),
    });
    context.openPositions = 1;
    context.openLots = 3;
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate({ lots: 1 }), context).verdict).toBe('pass');
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate({ lots: 2 }), context)).toMatchObject({
      verdict: 'block',
      value: 5,
      threshold: 4,
    });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxConcurrentPositions.enabled = false) });
    context.openPositions = 99;
    expect(maxConcurrentPositionsGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
