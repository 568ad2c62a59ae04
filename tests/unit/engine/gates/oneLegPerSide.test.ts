import { describe, expect, it } from 'vitest';
import { oneLegPerSideGate } from '../../../../src/main/trading/engine/gates/oneLegPerSide';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('oneLegPerSide gate (a call and a put, never two bets on one direction)', () => {
  const enabled = () => makeGateContext({ edit: (p) => (p.gates.oneLegPerSide.enabled = true) });

  it('passes when nothing is held on the candidate right', () => {
    const context = enabled();
    context.lotsOnRight = { CE: 0, PE: 1 };
    expect(oneLegPerSideGate.evaluate(makeCandidate({ right: 'CE' }), context)).toMatchObject({
      verdict: 'pass',
      value: 0,
    });
  });

  it('blocks a second leg on a right already held or being entered', () => {
    const context = enabled();
    context.lotsOnRight = { CE: 1, PE: 0 };
    expect(oneLegPerSideGate.evaluate(makeCandidate({ right: 'CE' }), context)).toMatchObject({
      verdict: 'block',
      value: 1,
      threshold: 0,
    });
    expect(
      oneLegPerSideGate.evaluate(makeCandidate({ right: 'PE', direction: 'bearish' }), context).verdict,
    ).toBe('pass');
  });

  it('is off unless the preset enables it', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.oneLegPerSide.enabled = false) });
    context.lotsOnRight = { CE: 3, PE: 0 };
    expect(oneLegPerSideGate.evaluate(makeCandidate({ right: 'CE' }), context).verdict).toBe('disabled');
  });
});
