import { describe, expect, it } from 'vitest';
import { liquidityGate } from '../../../../src/main/trading/engine/gates/liquidity';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeQuote, T0 } from '../support/factories';

describe('liquidity gate', () => {
  it('blocks when open interest is below the minimum', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.liquidity.minOpenInterest = 100_000) });
    context.contract!.openInterest = 50_000;
    expect(liquidityGate.evaluate(makeCandidate(), context)).toMatchObject({
      verdict: 'block',
      value: 50_000,
    });
  });

  it('blocks an unknown open interest when a minimum is set', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.liquidity.minOpenInterest = 100_000) });
    expect(liquidityGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('blocks a thin book (top-5 depth below minDepthLots)', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.liquidity.minDepthLots = 5) });
    const contract = context.contract!;
    contract.onQuote(makeQuote(contract.instrument.symbol, T0 + 1, 10_000, 10_010, 65, 65));
    const verdict = liquidityGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.[1]).toMatchObject({ name: 'depthLots', value: 1, pass: false });
  });

  it('passes enough OI and depth', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.liquidity.minOpenInterest = 100_000;
        p.gates.liquidity.minDepthLots = 5;
      },
    });
    context.contract!.openInterest = 250_000;
    expect(liquidityGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.liquidity.minOpenInterest = 100_000;
        p.gates.liquidity.enabled = false;
      },
    });
    expect(liquidityGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
