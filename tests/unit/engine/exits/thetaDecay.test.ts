import { describe, expect, it } from 'vitest';
import { thetaDecayExit } from '../../../../src/main/trading/engine/exits/thetaDecay';
import { makeExitContext, makePosition, probe } from '../support/contexts';
import { SECOND, T0 } from '../support/factories';

/** Entry premium 100.00 (10_000 units); the test underlying trades at 24,000.00. */
function setup(options: { mark: number; heldSeconds: number; spotAtEntry?: number; enabled?: boolean }) {
  const context = makeExitContext({
    mark: options.mark,
    nowUs: T0,
    edit: (p) =>
      Object.assign(p.exits.thetaDecay, {
        enabled: options.enabled ?? true,
        minHoldSeconds: 60,
        decayPercent: 6,
        flatPercent: 0.05,
      }),
  });
  const position = makePosition({ entry: 10_000, entryUs: T0 - options.heldSeconds * SECOND });
  position.underlyingAtEntry = options.spotAtEntry ?? 24_000;
  return { context, position };
}

describe('thetaDecay exit', () => {
  it('closes a premium that decayed while the underlying went nowhere', () => {
    const { context, position } = setup({ mark: 9_400, heldSeconds: 90 });
    const seen = probe();
    expect(thetaDecayExit.check(position, context, seen)).toBe(true);
    expect(seen).toEqual({ value: 6, threshold: 6 });
  });

  it('holds before minHoldSeconds and while the decay is smaller', () => {
    expect(thetaDecayExit.check(...args(setup({ mark: 9_000, heldSeconds: 30 })))).toBe(false);
    expect(thetaDecayExit.check(...args(setup({ mark: 9_500, heldSeconds: 90 })))).toBe(false);
  });

  it('leaves a loss that came from the underlying moving to the other exits', () => {
    // Spot moved 0.2 % since entry: the premium fell on delta, not on time.
    expect(thetaDecayExit.check(...args(setup({ mark: 9_000, heldSeconds: 90, spotAtEntry: 24_048 })))).toBe(
      false,
    );
  });

  it('does nothing when switched off', () => {
    expect(thetaDecayExit.check(...args(setup({ mark: 9_000, heldSeconds: 90, enabled: false })))).toBe(
      false,
    );
  });
});

function args({ context, position }: ReturnType<typeof setup>) {
  return [position, context, probe()] as const;
}
