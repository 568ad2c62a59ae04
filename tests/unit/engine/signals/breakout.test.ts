import { describe, expect, it } from 'vitest';
import { BreakoutSignal } from '../../../../src/main/trading/engine/signals/breakout';
import { makeParams } from '../support/factories';
import { feed, warmState } from './tape';

const params = makeParams((p) => {
  Object.assign(p.signals.breakout, { minBreakTicks: 4, minVolumeRatio: 1.5, holdSeconds: 10 });
  p.indicators.swingStrengthBars = 5;
});

/** A swing high at +100 units, back to the base, then a push through it by `throughUnits` on `volume`. */
function breakout(throughUnits: number, volume: number, mirror = false) {
  const { state, endUs } = warmState(params);
  const sign = mirror ? -1 : 1;
  let now = feed(state, endUs, 1, () => 2_400_000 + sign * 100);
  now = feed(state, now, 10, () => 2_400_000);
  now = feed(state, now, 2, (t) => 2_400_000 + sign * (100 + throughUnits) * Math.min(1, t), { volume });
  return { signal: new BreakoutSignal(state, params.signals.breakout), state, now };
}

describe('breakout signal', () => {
  it('fires bullish through the swing resistance with volume', () => {
    const { signal, now } = breakout(40, 500);
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bullish');
    expect(signal.result.inputs[0]).toBe(2_400_100);
  });

  it('fires bearish through the swing support', () => {
    const { signal, now } = breakout(40, 500, true);
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bearish');
  });

  it('needs minBreakTicks through the level', () => {
    const { signal, now } = breakout(10, 500);
    expect(signal.evaluate(now)).toBe(false);
  });

  it('needs volume', () => {
    const { signal, now } = breakout(40, 100);
    expect(signal.evaluate(now)).toBe(false);
  });

  it('expires holdSeconds after the break', () => {
    const { signal, now } = breakout(40, 500);
    expect(signal.evaluate(now + 11_000_000)).toBe(false);
  });
});
