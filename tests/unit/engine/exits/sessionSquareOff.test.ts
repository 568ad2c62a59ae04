import { describe, expect, it } from 'vitest';
import { sessionSquareOffExit } from '../../../../src/main/trading/engine/exits/sessionSquareOff';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { MINUTE, session } from '../support/factories';

describe('sessionSquareOff exit', () => {
  it('closes positions minutesBeforeClose before the broker square-off', () => {
    const context = makeExitContext({
      nowUs: session.squareOffUs! - 10 * MINUTE,
      edit: (p) => (p.exits.sessionSquareOff.minutesBeforeClose = 10),
    });
    expect(sessionSquareOffExit.check(makePosition(), context, probe())).toBe(true);
  });

  it('holds earlier in the day', () => {
    const context = makeExitContext({
      nowUs: session.squareOffUs! - 11 * MINUTE,
      edit: (p) => (p.exits.sessionSquareOff.minutesBeforeClose = 10),
    });
    expect(sessionSquareOffExit.check(makePosition(), context, probe())).toBe(false);
  });

  it('closes on a day without a session', () => {
    const context = makeExitContext();
    context.session = null;
    expect(sessionSquareOffExit.check(makePosition(), context, probe())).toBe(true);
  });

  it('does nothing when switched off', () => {
    const context = makeExitContext({
      nowUs: session.squareOffUs!,
      edit: (p) => (p.exits.sessionSquareOff.enabled = false),
    });
    expect(sessionSquareOffExit.check(makePosition(), context, probe())).toBe(false);
  });
});
