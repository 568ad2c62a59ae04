import { describe, expect, it } from 'vitest';
import { OrderFlowImbalanceSignal } from '../../../../src/main/trading/engine/signals/orderFlowImbalance';
import { makeParams } from '../support/factories';
import { feed, warmState } from './tape';

const params = makeParams((p) => {
  Object.assign(p.signals.orderFlowImbalance, {
    minPressure: 0.7,
    maxPressure: 0.95,
    minBookRatio: 1.5,
    minWindowVolume: 200,
  });
  p.indicators.pressureWindowSeconds = 15;
});

/** 15 s of prints where `buyShare` of them (by count) lift the offer, with bids tilted by `tilt`. */
function flow(buyShare: number, tilt: number) {
  const { state, endUs } = warmState(params);
  const now = feed(state, endUs, 15, () => 2_400_000, {
    aggressor: (step) => (step % 20 < buyShare * 20 ? 'buy' : 'sell'),
    bookTilt: tilt,
  });
  return { signal: new OrderFlowImbalanceSignal(state, params.signals.orderFlowImbalance, 15), now };
}

describe('orderFlowImbalance signal', () => {
  it('fires bullish on 80 % buy pressure with bids 2× asks', () => {
    const { signal, now } = flow(0.8, 2);
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bullish');
    expect(signal.result.inputs[0]).toBeCloseTo(0.8, 1);
  });

  it('fires bearish (puts) on the mirror: 80 % sell pressure with asks 2× bids', () => {
    const { signal, now } = flow(0.2, 0.5);
    expect(signal.evaluate(now)).toBe(true);
    expect(signal.result.direction).toBe('bearish');
  });

  it('needs the book to agree: buy pressure with a balanced book does not fire', () => {
    const { signal, now } = flow(0.8, 1);
    expect(signal.evaluate(now)).toBe(false);
  });

  it('needs pressure of at least 70 %', () => {
    const { signal, now } = flow(0.6, 2);
    expect(signal.evaluate(now)).toBe(false);
  });

  it('treats pressure above 95 % as exhaustion, not imbalance', () => {
    const { signal, now } = flow(1, 2);
    expect(signal.evaluate(now)).toBe(false);
  });
});
