import { describe, expect, it } from 'vitest';
import { gexBrokenExit } from '../../../../src/main/trading/engine/exits/gexBroken';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { makeOptionsContext, T0 } from '../support/factories';

// The test underlying trades at 24000.00.
function setup(right: 'CE' | 'PE', entrySpot: number, levels: number[], enabled = true) {
  const context = makeExitContext({
    edit: (p) => Object.assign(p.exits.gexBroken, { enabled, bufferPoints: 10 }),
  });
  const position = makePosition({ right });
  position.underlyingAtEntry = entrySpot;
  context.optionsContext = makeOptionsContext(T0, { gexFlipZones: levels });
  return { context, position };
}

describe('gexBroken exit', () => {
  it('closes a long call when spot falls through a gamma level that was below it at entry', () => {
    const out = probe();
    const { context, position } = setup('CE', 24030, [24015]);
    expect(gexBrokenExit.check(position, context, out)).toBe(true);
    expect(out.threshold).toBe(24015);
  });

  it('holds within the buffer', () => {
    const { context, position } = setup('CE', 24030, [24005]);
    expect(gexBrokenExit.check(position, context, probe())).toBe(false);
  });

  it('closes a long put when spot rises through a level that was above it', () => {
    const { context, position } = setup('PE', 23970, [23985]);
    expect(gexBrokenExit.check(position, context, probe())).toBe(true);
  });

  it('does nothing when switched off', () => {
    const { context, position } = setup('CE', 24500, [24400], false);
    expect(gexBrokenExit.check(position, context, probe())).toBe(false);
  });
});
