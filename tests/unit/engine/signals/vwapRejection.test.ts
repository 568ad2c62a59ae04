import { describe, expect, it } from 'vitest';
import { VwapRejectionSignal } from '../../../../src/main/trading/engine/signals/vwapRejection';
import { makeParams } from '../support/factories';
import { feed, warmState } from './tape';

const params = makeParams((p) =>
  Object.assign(p.signals.vwapRejection, {
    touchTicks: 4,
    bounceTicks: 6,
    windowSeconds: 20,
    minVolumeRatio: 1,
    useBands: false,
  }),
);

/** Price runs above the VWAP, comes back to touch it, then bounces by `bounceUnits`. */
function touchAndBounce(
  bounceUnits: number,
  options: { fromBelow?: boolean; volume?: number; bounceVolume?: number } = {},
) {
  const { state, endUs } = warmState(params);
  const signal = new VwapRejectionSignal(state, params.signals.vwapRejection);
  const away = options.fromBelow ? -300 : 300;
  let now = feed(state, endUs, 30, () => 2_400_000 + away, { volume: options.volume ?? 100 });
  const vwap = state.vwap.value;
  now = feed(state, now, 6, () => vwap, { volume: options.volume ?? 100 });
  const touched = state.vwap.value;
  now = feed(
    state,
    now,
    2,
    (t) => touched + (options.fromBelow ? -1 : 1) * (bounceUnits * Math.min(1, t / 1.5)),
    { volume: options.bounceVolume ?? options.volume ?? 100 },
  );
  return { signal, now };
}

describe('vwapRejection signal', () => {
  it('fires bullish when price tests the VWAP from above and bounces', () => {
    const { signal, now } = touchAndBounce(60);
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bullish');
  });

  it('fires bearish when price tests the VWAP from below and is rejected down', () => {
    const { signal, now } = touchAndBounce(60, { fromBelow: true });
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bearish');
  });

  it('needs the bounce: a move smaller than bounceTicks does not fire', () => {
    const { signal, now } = touchAndBounce(20);
    expect(signal.evaluate(now)).toBe(false);
  });

  it('needs volume: a bounce on thin volume does not fire', () => {
    const { signal, now } = touchAndBounce(60, { bounceVolume: 10 });
    expect(signal.evaluate(now)).toBe(false);
  });

  it('with useBands, a touch of the −2σ band and a bounce is mean reversion', () => {
    const bandParams = makeParams((p) =>
      Object.assign(p.signals.vwapRejection, {
        touchTicks: 1,
        bounceTicks: 4,
        windowSeconds: 20,
        minVolumeRatio: 0,
        useBands: true,
      }),
    );
    const { state, endUs } = warmState(bandParams);
    // Oscillate ±10 ticks to build a deviation, then plunge below −2σ and bounce.
    let now = feed(state, endUs, 60, (t) => 2_400_000 + (Math.floor(t) % 2 === 0 ? 50 : -50));
    const low = state.vwap.value - 3 * state.vwap.deviation;
    now = feed(state, now, 6, () => low);
    now = feed(state, now, 2, (t) => low + 60 * Math.min(1, t / 1.5));
    const signal = new VwapRejectionSignal(state, bandParams.signals.vwapRejection);
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bullish');
    const noBands = new VwapRejectionSignal(state, { ...bandParams.signals.vwapRejection, useBands: false });
    expect(noBands.evaluate(now)).toBe(false);
  });
});
