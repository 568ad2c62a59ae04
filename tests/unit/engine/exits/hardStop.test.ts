import { describe, expect, it } from 'vitest';
import { hardStopExit } from '../../../../src/main/trading/engine/exits/hardStop';
import { makeExitContext, makePosition, probe } from '../support/contexts';

describe('hardStop exit', () => {
  it('fires at entry − stopLossPercent of the premium', () => {
    const position = makePosition({ entry: 10_000 });
    const out = probe();
    expect(
      hardStopExit.check(
        position,
        makeExitContext({ mark: 8_500, edit: (p) => (p.exits.hardStop.stopLossPercent = 15) }),
        out,
      ),
    ).toBe(true);
    expect(out).toEqual({ value: 8_500, threshold: 8_500 });
  });

  it('holds above the stop', () => {
    expect(
      hardStopExit.check(
        makePosition({ entry: 10_000 }),
        makeExitContext({ mark: 8_505, edit: (p) => (p.exits.hardStop.stopLossPercent = 15) }),
        probe(),
      ),
    ).toBe(false);
  });

  it('widens with the pack stop multiplier (volatile pack)', () => {
    const position = makePosition({ entry: 10_000, stopMultiplier: 1.5 });
    const context = makeExitContext({ mark: 8_500, edit: (p) => (p.exits.hardStop.stopLossPercent = 15) });
    expect(hardStopExit.check(position, context, probe())).toBe(false);
    context.mark = 7_750;
    expect(hardStopExit.check(position, context, probe())).toBe(true);
  });

  it('does nothing when switched off', () => {
    expect(
      hardStopExit.check(
        makePosition({ entry: 10_000 }),
        makeExitContext({ mark: 1_000, edit: (p) => (p.exits.hardStop.enabled = false) }),
        probe(),
      ),
    ).toBe(false);
  });
});
