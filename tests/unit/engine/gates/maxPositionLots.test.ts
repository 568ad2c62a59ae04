import { describe, expect, it } from 'vitest';
import { maxPositionLotsGate } from '../../../../src/main/trading/engine/gates/maxPositionLots';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('maxPositionLots gate', () => {
  it('blocks an entry that would take the contract over the lot maximum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxPositionLots.max = 4) });
    context.lotsOnSymbol = 3;
    expect(maxPositionLotsGate.evaluate(makeCandidate({ lots: 2 }), context)).toMatchObject({
      verdict: 'block',
      value: 5,
      threshold: 4,
    });
  });

  it('passes up to the maximum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxPositionLots.max = 4) });
    context.lotsOnSymbol = 2;
    expect(maxPositionLotsGate.evaluate(makeCandidate({ lots: 2 }), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.maxPositionLots.enabled = false) });
    context.lotsOnSymbol = 40;
    expect(maxPositionLotsGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
