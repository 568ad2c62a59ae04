import { describe, expect, it } from 'vitest';
import { missingIndicators, warmUpGate } from '../../../../src/main/trading/engine/gates/warmUp';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

describe('warmUp gate', () => {
  it('blocks a cold engine and names every indicator not yet defined', () => {
    // One minute of tape: no 1-minute EMA/ATR/RSI yet and no options context.
    const context = makeGateContext();
    const verdict = warmUpGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.detail).toContain('bars1m.emaSlow');
    expect(verdict.detail).toContain('optionsContext');
  });

  it('blocks while the regime is unknown', () => {
    const verdict = warmUpGate.evaluate(makeCandidate({ regime: 'unknown' }), makeGateContext());
    expect(verdict.detail).toContain('regime');
  });

  it('asks for an options context only until one is loaded, and only when required', () => {
    const context = makeGateContext();
    context.optionsContext = makeOptionsContext(T0);
    expect(warmUpGate.evaluate(makeCandidate(), context).detail).not.toContain('optionsContext');
    const optional = makeGateContext({ edit: (p) => (p.gates.warmUp.requireOptionsContext = false) });
    expect(warmUpGate.evaluate(makeCandidate(), optional).detail).not.toContain('optionsContext');
  });

  it('lists study fields, not events: a missing sweep or swing level is not cold', () => {
    const context = makeGateContext();
    const missing = missingIndicators(context.snapshot, true);
    expect(missing.some((name) => name.startsWith('sweep') || name.startsWith('spike'))).toBe(false);
    expect(missing).not.toContain('support');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.warmUp.enabled = false) });
    expect(warmUpGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
