import { describe, expect, it } from 'vitest';
import { sweepAgainstGate } from '../../../../src/main/trading/engine/gates/sweepAgainst';
import { makeCandidate, makeGateContext } from '../support/contexts';
import { makeTrade, NIFTY, SECOND, T0 } from '../support/factories';

/** A context whose underlying was swept by one `side` order through three levels (tick 5) at T0 + 1 s. */
function sweptContext(side: 'buy' | 'sell', nowUs = T0 + 3 * SECOND): ReturnType<typeof makeGateContext> {
  const context = makeGateContext({
    edit: (p) => {
      p.indicators.sweepMinLevels = 3;
      p.gates.sweepAgainst = { enabled: true, withinSeconds: 5 };
    },
  });
  const step = side === 'buy' ? 5 : -5;
  for (let level = 0; level < 3; level++)
    context.underlying.onTrade(makeTrade(NIFTY, T0 + SECOND, 2_400_000 + level * step, 100, side));
  context.nowUs = nowUs;
  return context;
}

describe('sweepAgainst gate (sweep detection feeds the entry gates)', () => {
  it('blocks a call 2 s after a sell sweep, and says so', () => {
    const context = sweptContext('sell');
    expect(context.underlying.sweeps.sweepCount).toBe(1);
    expect(sweepAgainstGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'block',
      value: 2,
      threshold: 5,
      detail: 'sell sweep through 3 levels against the trade',
    });
  });

  it('passes a put after the same sell sweep (it is the move the signal read)', () => {
    const context = sweptContext('sell');
    expect(sweepAgainstGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe('pass');
  });

  it('blocks a put after a buy sweep', () => {
    const context = sweptContext('buy');
    expect(sweepAgainstGate.evaluate(makeCandidate({ direction: 'bearish' }), context).verdict).toBe('block');
  });

  it('lets the sweep age out after withinSeconds', () => {
    const context = sweptContext('sell', T0 + 7 * SECOND);
    expect(sweepAgainstGate.evaluate(makeCandidate({ direction: 'bullish' }), context)).toMatchObject({
      verdict: 'pass',
      value: null,
      detail: 'no recent sweep',
    });
  });

  it('is off when a preset does not state it (the shipped presets do not)', () => {
    const context = makeGateContext();
    expect(context.params.gates.sweepAgainst).toBeUndefined();
    expect(sweepAgainstGate.evaluate(makeCandidate(), context).verdict).toBe('disabled');
  });
});
