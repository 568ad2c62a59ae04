import { describe, expect, it } from 'vitest';
import { spreadWideningExit } from '../../../../src/main/trading/engine/exits/spreadWidening';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeQuote, T0 } from '../support/factories';

function setup(ask: number, enabled = true) {
  const context = makeExitContext({
    edit: (p) => Object.assign(p.exits.spreadWidening, { enabled, multiple: 3, minTicks: 4 }),
  });
  const position = makePosition();
  position.spreadTicksAtEntry = 2;
  const contract = context.contract!;
  contract.onQuote(makeQuote(contract.instrument.symbol, T0 + 1, 10_000, ask));
  return { context, position };
}

describe('spreadWidening exit', () => {
  it('closes when the spread reaches multiple × its entry width', () => {
    const out = probe();
    const { context, position } = setup(10_030); // 6 ticks = 3 × 2
    expect(spreadWideningExit.check(position, context, out)).toBe(true);
    expect(out).toEqual({ value: 6, threshold: 6 });
  });

  it('holds a spread below the multiple', () => {
    const { context, position } = setup(10_025);
    expect(spreadWideningExit.check(position, context, probe())).toBe(false);
  });

  it('does nothing when switched off', () => {
    const { context, position } = setup(10_500, false);
    expect(spreadWideningExit.check(position, context, probe())).toBe(false);
  });
});
