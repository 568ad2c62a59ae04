import { describe, expect, it } from 'vitest';
import { momentumReversalExit } from '../../../../src/main/trading/engine/exits/momentumReversal';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeTrade, NIFTY, SECOND, T0 } from '../support/factories';

function withMove(points: number, options: { right?: 'CE' | 'PE'; enabled?: boolean } = {}) {
  const context = makeExitContext({
    nowUs: T0 + 15 * SECOND,
    edit: (p) =>
      Object.assign(p.exits.momentumReversal, {
        windowSeconds: 15,
        reversalPercent: 0.05,
        minHoldSeconds: 5,
        enabled: options.enabled ?? true,
      }),
  });
  // The underlying moves `points` over the 15 s after entry.
  for (let i = 1; i <= 150; i++)
    context.underlying.onTrade(
      makeTrade(NIFTY, T0 + i * 100_000, 2_400_000 + Math.round((points * 100 * i) / 150 / 5) * 5),
    );
  return { context, position: makePosition({ entryUs: T0, right: options.right ?? 'CE' }) };
}

describe('momentumReversal exit', () => {
  it('closes a call when the underlying falls reversalPercent over the window', () => {
    const { context, position } = withMove(-13); // −0.054 %
    expect(momentumReversalExit.check(position, context, probe())).toBe(true);
  });

  it('holds a call when the underlying rises', () => {
    const { context, position } = withMove(13);
    expect(momentumReversalExit.check(position, context, probe())).toBe(false);
  });

  it('closes a put when the underlying rises', () => {
    const { context, position } = withMove(13, { right: 'PE' });
    expect(momentumReversalExit.check(position, context, probe())).toBe(true);
  });

  it('waits minHoldSeconds after entry', () => {
    const { context, position } = withMove(-13);
    context.nowUs = position.entryUs + 4 * SECOND;
    expect(momentumReversalExit.check(position, context, probe())).toBe(false);
  });

  it('does nothing when switched off', () => {
    const { context, position } = withMove(-13, { enabled: false });
    expect(momentumReversalExit.check(position, context, probe())).toBe(false);
  });
});
