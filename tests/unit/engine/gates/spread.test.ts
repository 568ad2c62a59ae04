import { describe, expect, it } from 'vitest';
import { spreadGate } from '../../../../src/main/trading/engine/gates/spread';
import { makeCandidate, makeContractState, makeGateContext } from '../support/contexts';
import { makeQuote, T0 } from '../support/factories';

describe('spread gate', () => {
  it('passes a tight, normal spread', () => {
    expect(spreadGate.evaluate(makeCandidate(), makeGateContext()).verdict).toBe('pass');
  });

  it('blocks a spread wider than maxSpreadPercent of the premium', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.spread.maxSpreadPercent = 2) });
    context.contract = makeContractState(context.params, { bid: 1000, ask: 1050 });
    const verdict = spreadGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.[0]).toMatchObject({ name: 'spreadPercent', pass: false });
  });

  it('blocks a spread unusually wide for the contract (rolling percentile)', () => {
    const context = makeGateContext({
      edit: (p) => {
        p.gates.spread.maxSpreadPercent = 5;
        p.gates.spread.maxSpreadPercentile = 90;
      },
    });
    const contract = context.contract!;
    contract.onQuote(makeQuote(contract.instrument.symbol, T0 + 1, 10_000, 10_040)); // 8 ticks against a history of 2
    const verdict = spreadGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.checks?.[1]).toMatchObject({ name: 'spreadPercentile', pass: false });
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.spread.enabled = false) });
    context.contract = makeContractState(context.params, { bid: 1000, ask: 2000 });
    expect(spreadGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
