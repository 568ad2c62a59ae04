import { describe, expect, it } from 'vitest';
import { oiAgainstExit } from '../../../../src/main/trading/engine/exits/oiAgainst';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

function setup(right: 'CE' | 'PE', oiChangeCE: number, oiChangePE: number, enabled = true) {
  const context = makeExitContext({
    edit: (p) => Object.assign(p.exits.oiAgainst, { enabled, minContracts: 50_000, ratio: 2 }),
  });
  const position = makePosition({ right });
  position.oiChangeCallAtEntry = 100_000;
  position.oiChangePutAtEntry = 100_000;
  context.optionsContext = makeOptionsContext(T0, { oiChangeCE, oiChangePE });
  return { context, position };
}

describe('oiAgainst exit', () => {
  it('closes a long call when call OI builds (call writing) far faster than put OI', () => {
    const { context, position } = setup('CE', 170_000, 110_000);
    const out = probe();
    expect(oiAgainstExit.check(position, context, out)).toBe(true);
    expect(out.value).toBe(70_000);
  });

  it('holds when both sides build alike', () => {
    const { context, position } = setup('CE', 170_000, 160_000);
    expect(oiAgainstExit.check(position, context, probe())).toBe(false);
  });

  it('closes a long put when put OI builds against it', () => {
    const { context, position } = setup('PE', 100_000, 180_000);
    expect(oiAgainstExit.check(position, context, probe())).toBe(true);
  });

  it('does nothing when switched off', () => {
    const { context, position } = setup('CE', 900_000, 100_000, false);
    expect(oiAgainstExit.check(position, context, probe())).toBe(false);
  });
});
