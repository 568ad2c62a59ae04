import { describe, expect, it } from 'vitest';
import { minScoreGate } from '../../../../src/main/trading/engine/gates/minScore';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('minScore gate', () => {
  it('passes a score at the minimum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.minScore.minScore = 60) });
    expect(minScoreGate.evaluate(makeCandidate({ score: 60 }), context).verdict).toBe('pass');
  });

  it('blocks a score below the minimum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.minScore.minScore = 60) });
    expect(minScoreGate.evaluate(makeCandidate({ score: 59 }), context)).toMatchObject({
      verdict: 'block',
      value: 59,
      threshold: 60,
    });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.minScore.enabled = false) });
    expect(minScoreGate.evaluate(makeCandidate({ score: 1 }), context).verdict).toBe('disabled');
  });
});
