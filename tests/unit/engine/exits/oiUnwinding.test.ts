import { describe, expect, it } from 'vitest';
import { oiUnwindingExit } from '../../../../src/main/trading/engine/exits/oiUnwinding';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

function setup(mark: number, oiChangePE: number, enabled = true) {
  const context = makeExitContext({
    mark,
    edit: (p) => Object.assign(p.exits.oiUnwinding, { enabled, minContracts: 50_000, minProfitPercent: 5 }),
  });
  const position = makePosition({ right: 'CE', entry: 10_000 });
  position.oiChangeCallAtEntry = 0;
  position.oiChangePutAtEntry = 200_000;
  context.optionsContext = makeOptionsContext(T0, { oiChangeCE: 0, oiChangePE });
  return { context, position };
}

describe('oiUnwinding exit', () => {
  it('takes the profit on a long call when put writers unwind', () => {
    const { context, position } = setup(10_600, 140_000);
    expect(oiUnwindingExit.check(position, context, probe())).toBe(true);
  });

  it('holds when not yet in profit', () => {
    const { context, position } = setup(10_100, 140_000);
    expect(oiUnwindingExit.check(position, context, probe())).toBe(false);
  });

  it('holds while the supporting OI stays', () => {
    const { context, position } = setup(10_600, 190_000);
    expect(oiUnwindingExit.check(position, context, probe())).toBe(false);
  });

  it('does nothing when switched off', () => {
    const { context, position } = setup(10_600, 0, false);
    expect(oiUnwindingExit.check(position, context, probe())).toBe(false);
  });
});
