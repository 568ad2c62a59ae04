import { describe, expect, it } from 'vitest';
import { noTradeZoneGate } from '../../../../src/main/trading/engine/gates/noTradeZone';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeTrade, NIFTY, T0 } from '../support/factories';

describe('noTradeZone gate', () => {
  it('blocks when the 30 s range is below the threshold (a dead tape)', () => {
    // The default tape alternates by one tick: range 5 units on 24000 = 0.0002 %.
    const context = makeGateContext({ edit: (p) => (p.gates.noTradeZone.minRange30sPercent = 0.02) });
    const verdict = noTradeZoneGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.value).toBeLessThan(0.02);
  });

  it('passes once the 30 s range is wide enough', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.noTradeZone.minRange30sPercent = 0.02) });
    context.underlying.onTrade(makeTrade(NIFTY, T0 + 50_000, 2_401_000, 100, 'buy'));
    expect(noTradeZoneGate.evaluate(makeCandidate(), context).verdict).toBe('pass');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.noTradeZone.enabled = false) });
    expect(noTradeZoneGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
