import { describe, expect, it } from 'vitest';
import { marketHoursGate } from '../../../../src/main/trading/engine/gates/marketHours';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { MINUTE, session } from '../support/factories';

describe('marketHours gate', () => {
  it('passes in the middle of the session', () => {
    expect(marketHoursGate.evaluate(makeCandidate(), makeGateContext()).verdict).toBe('pass');
  });

  it('blocks inside the no-entry window before the broker square-off', () => {
    const context = makeGateContext({
      nowUs: session.squareOffUs! - 10 * MINUTE,
      edit: (p) => (p.gates.marketHours.noEntryBeforeCloseMinutes = 20),
    });
    const verdict = marketHoursGate.evaluate(makeCandidate(), context);
    expect(verdict.verdict).toBe('block');
    expect(verdict.value).toBe(10);
    expect(verdict.threshold).toBe(20);
  });

  it('blocks in the first minutes after the open', () => {
    const context = makeGateContext({
      nowUs: session.openUs + 2 * MINUTE,
      edit: (p) => (p.gates.marketHours.noEntryAfterOpenMinutes = 5),
    });
    expect(marketHoursGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('blocks on a day without a session', () => {
    const context = makeGateContext();
    context.session = null;
    expect(marketHoursGate.evaluate(makeCandidate(), context).verdict).toBe('block');
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({
      nowUs: session.squareOffUs! - MINUTE,
      edit: (p) => (p.gates.marketHours.enabled = false),
    });
    expect(marketHoursGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
