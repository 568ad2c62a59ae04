import { describe, expect, it } from 'vitest';
import { ivCrushExit } from '../../../../src/main/trading/engine/exits/ivCrush';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

function setup(atmIV: number, enabled = true) {
  const context = makeExitContext({
    edit: (p) => Object.assign(p.exits.ivCrush, { enabled, dropPercent: 15 }),
  });
  const position = makePosition();
  position.atmIvAtEntry = 0.2;
  context.optionsContext = makeOptionsContext(T0, { atmIV });
  return { context, position };
}

describe('ivCrush exit', () => {
  it('closes when ATM IV fell dropPercent (relative) since entry', () => {
    const { context, position } = setup(0.17);
    const seen = probe();
    expect(ivCrushExit.check(position, context, seen)).toBe(true);
    expect(seen).toEqual({ value: 15, threshold: 15 });
  });

  it('holds a smaller fall and a rise', () => {
    expect(ivCrushExit.check(setup(0.171).position, setup(0.171).context, probe())).toBe(false);
    const rising = setup(0.3);
    expect(ivCrushExit.check(rising.position, rising.context, probe())).toBe(false);
  });

  it('does nothing when switched off or without an IV at entry', () => {
    const off = setup(0.05, false);
    expect(ivCrushExit.check(off.position, off.context, probe())).toBe(false);
    const unknown = setup(0.05);
    unknown.position.atmIvAtEntry = NaN;
    expect(ivCrushExit.check(unknown.position, unknown.context, probe())).toBe(false);
  });
});
