import { describe, expect, it } from 'vitest';
import { addToPositionGate } from '../../../../src/main/trading/engine/gates/addToPosition';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('addToPosition gate (no pyramiding into a loss)', () => {
  it('passes when nothing is held in the contract', () => {
    expect(addToPositionGate.evaluate(makeCandidate(), makeGateContext()).verdict).toBe('pass');
  });

  it('refuses any add when the preset does not allow scaling, even in profit', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.addToPosition.allowScaling = false) });
    context.positionOnSymbol = { lots: 1, movePercent: 12 };
    expect(addToPositionGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 12,
    });
  });

  it('with scaling allowed, never adds to a loser or a position short of the profit floor', () => {
    const context = makeGateContext({
      edit: (p) => Object.assign(p.gates.addToPosition, { allowScaling: true, minProfitPercent: 5 }),
    });
    context.positionOnSymbol = { lots: 1, movePercent: -3 };
    expect(addToPositionGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      threshold: 5,
    });
    context.positionOnSymbol = { lots: 1, movePercent: 4.99 };
    expect(addToPositionGate.evaluate(makeCandidate(), context).verdict).toBe('block');
    context.positionOnSymbol = { lots: 1, movePercent: 5 };
    expect(addToPositionGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.addToPosition.enabled = false) });
    context.positionOnSymbol = { lots: 3, movePercent: -20 };
    expect(addToPositionGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
