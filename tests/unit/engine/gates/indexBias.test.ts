import { describe, expect, it } from 'vitest';
import { indexBiasGate } from '../../../../src/main/trading/engine/gates/indexBias';
import { makeCandidate, makeGateContext, makeUnderlyingState } from '../support/contexts';
import { makeIndexTick, NIFTY, T0 } from '../support/factories';

function fallingIndex(context: ReturnType<typeof makeGateContext>): void {
  const index = makeUnderlyingState(context.params, { seconds: 120 });
  // Down 0.1 % over the last 60 s, below VWAP.
  for (let i = 1; i <= 600; i++) index.onIndexValue(T0 + i * 100_000, 2_400_000 - i * 4);
  context.index = index;
  context.indexIsUnderlying = false;
  context.nowUs = T0 + 600 * 100_000;
}

describe('indexBias gate', () => {
  it('blocks a call when the index is bearish', () => {
    const context = makeGateContext({
      edit: (p) =>
        Object.assign(p.gates.indexBias, { windowSeconds: 60, minChangePercent: 0.02, allowNeutral: true }),
    });
    fallingIndex(context);
    expect(indexBiasGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'block',
      value: -1,
    });
  });

  it('passes a put when the index is bearish', () => {
    const context = makeGateContext({
      edit: (p) =>
        Object.assign(p.gates.indexBias, { windowSeconds: 60, minChangePercent: 0.02, allowNeutral: true }),
    });
    fallingIndex(context);
    expect(indexBiasGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe('pass');
  });

  it('blocks on a neutral index unless neutral is allowed', () => {
    const strict = makeGateContext({
      edit: (p) => Object.assign(p.gates.indexBias, { allowNeutral: false }),
    });
    expect(indexBiasGate.evaluate(makeCandidate(), strict)).toMatchObject({ verdict: 'block', value: 0 });
    const lenient = makeGateContext({
      edit: (p) => Object.assign(p.gates.indexBias, { allowNeutral: true }),
    });
    expect(indexBiasGate.evaluate(makeCandidate(), lenient).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.indexBias.enabled = false) });
    fallingIndex(context);
    context.index.onIndexValue(context.nowUs, 2_390_000);
    expect(indexBiasGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
    expect(makeIndexTick(NIFTY, T0, 1).type).toBe('index');
  });
});
