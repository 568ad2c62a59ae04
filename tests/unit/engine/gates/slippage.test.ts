import { describe, expect, it } from 'vitest';
import { slippageGate } from '../../../../src/main/trading/engine/gates/slippage';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { MINUTE, T0 } from '../support/factories';

describe('slippage gate (realised fills)', () => {
  it('passes before any fill and while the average adverse slippage is within the limit', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.slippage.maxAveragePercent = 2) });
    expect(slippageGate.evaluate(makeCandidate(), context)).toMatchObject({ verdict: 'pass', value: 0 });
    for (const percent of [1, 3, 2]) context.risk.recordSlippage(percent);
    expect(slippageGate.evaluate(makeCandidate(), context)).toMatchObject({ verdict: 'pass', value: 2 });
  });

  it('blocks when the average over the window is above the limit, counting only the last fills', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.slippage.maxAveragePercent = 2) });
    for (const percent of [0, 0, 0, 0, 0, 0, 0, 0, 0, 0]) context.risk.recordSlippage(percent);
    for (const percent of [9, 9, 9]) context.risk.recordSlippage(percent);
    expect(slippageGate.evaluate(makeCandidate(), context)).toMatchObject({ verdict: 'block', value: 2.7 });
  });

  it('blocks during a pause and passes after it', () => {
    const context = makeGateContext();
    context.risk.slippagePauseUntilUs = T0 + 10 * MINUTE;
    expect(slippageGate.evaluate(makeCandidate(), context).verdict).toBe('block');
    context.nowUs = T0 + 10 * MINUTE;
    expect(slippageGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });
});
