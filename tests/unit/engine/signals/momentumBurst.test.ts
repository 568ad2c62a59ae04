import { describe, expect, it } from 'vitest';
import { MomentumBurstSignal } from '../../../../src/main/trading/engine/signals/momentumBurst';
import { makeParams } from '../support/factories';
import { feed, warmState } from './tape';

const params = makeParams((p) =>
  Object.assign(p.signals.momentumBurst, {
    windowSeconds: 5,
    minChangePercent: 0.03,
    minVolumeRatio: 1.5,
    minDirectionShare: 0.65,
  }),
);

function burst(options: { points: number; volume: number; zigzag?: boolean }) {
  const { state, endUs } = warmState(params);
  const signal = new MomentumBurstSignal(state, params.signals.momentumBurst);
  const start = state.lastPrice;
  const end = feed(
    state,
    endUs,
    5,
    (t) => start + (options.points * 100 * t) / 5 + (options.zigzag ? (Math.floor(t * 10) % 2) * 60 : 0),
    { volume: options.volume },
  );
  return { signal, now: end };
}

describe('momentumBurst signal', () => {
  it('fires bullish on a fast rise with volume and one-sided ticks', () => {
    const { signal, now } = burst({ points: 9, volume: 400 });
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bullish');
    expect(signal.result.confidence).toBeGreaterThan(60);
  });

  it('fires bearish on the mirror', () => {
    const { signal, now } = burst({ points: -9, volume: 400 });
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bearish');
  });

  it('needs the move: a rise below minChangePercent does not fire', () => {
    const { signal, now } = burst({ points: 5, volume: 400 });
    expect(signal.evaluate(now)).toBe(false);
  });

  it('needs volume confirmation: the same move on baseline volume does not fire', () => {
    const { signal, now } = burst({ points: 9, volume: 100 });
    expect(signal.evaluate(now)).toBe(false);
    expect(signal.result.inputs[1]).toBeLessThan(1.5);
  });

  it('needs a clear direction: a zig-zag rise does not fire', () => {
    const { signal, now } = burst({ points: 9, volume: 400, zigzag: true });
    expect(signal.evaluate(now)).toBe(false);
  });
});
