import { describe, expect, it } from 'vitest';
import { WilderAtr } from '../../../../src/main/trading/engine/indicators/atr';
import { Ema } from '../../../../src/main/trading/engine/indicators/ema';
import { WilderRsi } from '../../../../src/main/trading/engine/indicators/rsi';

/** Straightforward (non-incremental) Wilder RSI, written independently of the engine's. */
function referenceRsi(closes: number[], period: number): number {
  const changes = closes.slice(1).map((close, i) => close - closes[i]);
  let gain = changes.slice(0, period).reduce((sum, c) => sum + Math.max(c, 0), 0) / period;
  let loss = changes.slice(0, period).reduce((sum, c) => sum + Math.max(-c, 0), 0) / period;
  for (const change of changes.slice(period)) {
    gain = (gain * (period - 1) + Math.max(change, 0)) / period;
    loss = (loss * (period - 1) + Math.max(-change, 0)) / period;
  }
  return loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
}

describe('EMA', () => {
  it('is NaN until seeded, then the SMA seed, then alpha-smoothed', () => {
    const ema = new Ema(3);
    ema.update(1);
    ema.update(2);
    expect(ema.value).toBeNaN();
    ema.update(3);
    expect(ema.value).toBe(2);
    ema.update(4);
    expect(ema.value).toBe(3);
    ema.update(6);
    expect(ema.value).toBe(4.5);
  });
});

describe('Wilder ATR', () => {
  it('seeds with the mean true range, then smooths', () => {
    const atr = new WilderAtr(2);
    atr.update(10, 8, 9); // TR 2
    expect(atr.value).toBeNaN();
    atr.update(12, 9, 11); // TR max(3, 3, 0) = 3
    expect(atr.value).toBe(2.5);
    atr.update(11, 10, 10.5); // TR max(1, 0, 1) = 1
    expect(atr.value).toBe(1.75);
  });

  it('counts the gap from the previous close', () => {
    const atr = new WilderAtr(1);
    atr.update(10, 10, 10);
    atr.update(15, 14, 14.5); // gap: TR = 15 − 10 = 5
    expect(atr.value).toBe(5);
  });
});

describe('Wilder RSI', () => {
  it('matches a direct computation', () => {
    const closes = [
      44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28,
      46.0, 46.03, 46.41, 46.22, 45.64,
    ];
    const rsi = new WilderRsi(14);
    for (const close of closes) rsi.update(close);
    expect(rsi.value).toBeCloseTo(referenceRsi(closes, 14), 10);
  });

  it('is 100 without losses and NaN before warm-up', () => {
    const rsi = new WilderRsi(3);
    rsi.update(1);
    rsi.update(2);
    expect(rsi.value).toBeNaN();
    rsi.update(3);
    rsi.update(4);
    expect(rsi.value).toBe(100);
  });
});
