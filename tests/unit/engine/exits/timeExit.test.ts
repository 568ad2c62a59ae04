import { describe, expect, it } from 'vitest';
import { timeExit } from '../../../../src/main/trading/engine/exits/timeExit';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { SECOND, T0 } from '../support/factories';

describe('timeExit', () => {
  it('closes a position held for maxHoldSeconds', () => {
    const out = probe();
    expect(
      timeExit.check(
        makePosition({ entryUs: T0 }),
        makeExitContext({ nowUs: T0 + 300 * SECOND, edit: (p) => (p.exits.timeExit.maxHoldSeconds = 300) }),
        out,
      ),
    ).toBe(true);
    expect(out).toEqual({ value: 300, threshold: 300 });
  });

  it('holds a younger position', () => {
    expect(
      timeExit.check(
        makePosition({ entryUs: T0 }),
        makeExitContext({ nowUs: T0 + 299 * SECOND, edit: (p) => (p.exits.timeExit.maxHoldSeconds = 300) }),
        probe(),
      ),
    ).toBe(false);
  });

  it('does nothing when switched off', () => {
    expect(
      timeExit.check(
        makePosition({ entryUs: T0 }),
        makeExitContext({ nowUs: T0 + 9999 * SECOND, edit: (p) => (p.exits.timeExit.enabled = false) }),
        probe(),
      ),
    ).toBe(false);
  });
});
