import { describe, expect, it } from 'vitest';
import { ivSpikeExit } from '../../../../src/main/trading/engine/exits/ivSpike';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

function setup(atmIV: number, enabled = true) {
  const context = makeExitContext({
    edit: (p) => Object.assign(p.exits.ivSpike, { enabled, risePercent: 20 }),
  });
  const position = makePosition();
  position.atmIvAtEntry = 0.14;
  context.optionsContext = makeOptionsContext(T0, { atmIV });
  return { context, position };
}

describe('ivSpike exit', () => {
  it('closes when ATM IV rose risePercent since entry', () => {
    const { context, position } = setup(0.17);
    expect(ivSpikeExit.check(position, context, probe())).toBe(true);
  });

  it('holds a smaller rise', () => {
    const { context, position } = setup(0.165);
    expect(ivSpikeExit.check(position, context, probe())).toBe(false);
  });

  it('does nothing when switched off', () => {
    const { context, position } = setup(0.5, false);
    expect(ivSpikeExit.check(position, context, probe())).toBe(false);
  });
});
