import { describe, expect, it } from 'vitest';
import { sideKillSwitchGate } from '../../../../src/main/trading/engine/gates/sideKillSwitch';
import { makeCandidate, makeGateContext } from '../support/contexts';

describe('sideKillSwitch gate', () => {
  it('blocks calls when calls are killed, leaving puts alone', () => {
    const context = makeGateContext();
    context.risk.callsEnabled = false;
    expect(sideKillSwitchGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'block',
      value: 'killed',
    });
    expect(sideKillSwitchGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'pass',
    );
  });

  it('blocks puts when puts are killed', () => {
    const context = makeGateContext();
    context.risk.putsEnabled = false;
    expect(sideKillSwitchGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe(
      'block',
    );
  });

  it('never blocks when switched off', () => {
    const context = makeGateContext({ edit: (p) => (p.gates.sideKillSwitch.enabled = false) });
    context.risk.callsEnabled = false;
    expect(sideKillSwitchGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
