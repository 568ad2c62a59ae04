import { describe, expect, it } from 'vitest';
import { dataFreshnessGate } from '../../../../src/main/trading/engine/gates/dataFreshness';
import { makeCandidate, makeGateContext, makeUnderlyingState } from '../support/contexts';
import { SECOND, T0 } from '../support/factories';

describe('dataFreshness gate', () => {
  it('passes with a fresh underlying and contract quote', () => {
    expect(dataFreshnessGate.evaluate(makeCandidate(), makeGateContext()).verdict).toBe('pass');
  });

  it('blocks when the underlying has not ticked within maxUnderlyingAgeMs', () => {
    const context = makeGateContext({
      nowUs: T0 + 5 * SECOND,
      edit: (p) => (p.gates.dataFreshness.maxContractQuoteAgeMs = 60_000),
    });
    const verdict = dataFreshnessGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.find((check) => check.name === 'underlyingAgeMs')).toMatchObject({
      value: 5000,
      pass: false,
    });
  });

  it('blocks on a stale contract quote', () => {
    const context = makeGateContext();
    context.contract!.lastQuoteUs = T0 - 10 * SECOND;
    const verdict = dataFreshnessGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.value).toBe(10_000);
  });

  it('blocks while the feed reports the market data stale, however young the last prices look', () => {
    const context = makeGateContext();
    context.marketDataOutage = 'is stale (alpaca options: no data or heartbeat for 30000 ms)';
    const verdict = dataFreshnessGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.find((check) => check.name === 'marketData')).toMatchObject({
      value: context.marketDataOutage,
      threshold: 'live',
      pass: false,
    });
    context.marketDataOutage = null;
    expect(dataFreshnessGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('checks a separate index stream', () => {
    const context = makeGateContext();
    context.index = makeUnderlyingState(context.params, { endUs: T0 - 30 * SECOND });
    context.indexIsUnderlying = false;
    const verdict = dataFreshnessGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.find((check) => check.name === 'indexAgeMs')?.pass).toBe(false);
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      nowUs: T0 + 60 * SECOND,
      edit: (p) => (p.gates.dataFreshness.enabled = false),
    });
    expect(dataFreshnessGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
