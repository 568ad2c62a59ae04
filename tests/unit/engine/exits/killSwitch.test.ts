import { describe, expect, it } from 'vitest';
import { killSwitchExit } from '../../../../src/main/trading/engine/exits/killSwitch';
import { makeExitContext, makePosition, probe } from '../support/contexts';

describe('killSwitch exit', () => {
  it('closes every position once the kill switch is pulled', () => {
    const context = makeExitContext();
    context.killed = true;
    expect(killSwitchExit.check(makePosition(), context, probe())).toBe(true);
  });

  it('does nothing while armed', () => {
    expect(killSwitchExit.check(makePosition(), makeExitContext(), probe())).toBe(false);
  });
});
