import { describe, expect, it } from 'vitest';
import { optionsContextGate } from '../../../../src/main/trading/engine/gates/optionsContextFilter';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeOptionsContext, MINUTE, T0 } from '../support/factories';

const edit = (p: {
  gates: {
    optionsContext: {
      pcrBullishAbove: number;
      pcrBearishBelow: number;
      maxPainPullPercent: number;
      gexWallPoints: number;
      requireContext: boolean;
    };
  };
}): void => {
  Object.assign(p.gates.optionsContext, {
    pcrBullishAbove: 1.3,
    pcrBearishBelow: 0.7,
    maxPainPullPercent: 1,
    gexWallPoints: 20,
    requireContext: false,
  });
};

describe('optionsContext gate', () => {
  it('passes a neutral context', () => {
    const context = makeGateContext({ edit });
    context.optionsContext = makeOptionsContext(T0);
    expect(optionsContextGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('PCR bias: blocks calls when PCR is bearish and puts when it is bullish', () => {
    const context = makeGateContext({ edit });
    context.optionsContext = makeOptionsContext(T0, { pcr: 0.6 });
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'block',
      value: 0.6,
    });
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'pass',
    );
    context.optionsContext = makeOptionsContext(T0, { pcr: 1.5 });
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'block',
    );
  });

  it('max pain: blocks calls when spot is far above max pain (the pull is down)', () => {
    const context = makeGateContext({ edit });
    context.optionsContext = makeOptionsContext(T0, { spotVsMaxPain: 0.015 });
    const verdict = optionsContextGate.evaluate(makeCandidate({ direction: 'bullish' }), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.find((check) => check.name === 'spotVsMaxPainPercent')?.pass).toBe(false);
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'pass',
    );
  });

  it('GEX wall: blocks calls with a top-gamma strike just above spot, puts with one just below', () => {
    const context = makeGateContext({ edit });
    context.optionsContext = makeOptionsContext(T0, { topGammaStrikes: [24010, 23500] });
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'block',
      value: 24010,
    });
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'pass',
    );
    context.optionsContext = makeOptionsContext(T0, { topGammaStrikes: [23990] });
    expect(optionsContextGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'block',
    );
  });

  it('blocks without a context (or a stale one) only when the context is required', () => {
    const context = makeGateContext({ edit });
    expect(optionsContextGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'pass',
      value: null,
    });
    context.params = {
      ...context.params,
      gates: {
        ...context.params.gates,
        optionsContext: { ...context.params.gates.optionsContext, requireContext: true },
      },
    };
    expect(optionsContextGate.evaluate(makeCandidate(), context).verdict).toBe('block');
    context.optionsContext = makeOptionsContext(T0 - 10 * MINUTE);
    expect(optionsContextGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      detail: 'options context is stale',
    });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        edit(p);
        p.gates.optionsContext.enabled = false;
      },
    });
    context.optionsContext = makeOptionsContext(T0, { pcr: 0.2 });
    expect(optionsContextGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
