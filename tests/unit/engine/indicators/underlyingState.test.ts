import { describe, expect, it } from 'vitest';
import { WINDOW_15S, WINDOW_5S } from '../../../../src/main/trading/engine/market/underlyingState';
import {
  COLUMN_BUY_VOLUME,
  COLUMN_SELL_VOLUME,
} from '../../../../src/main/trading/engine/indicators/timeBuckets';
import { makeDepth, makeParams, makeTrade, NIFTY } from '../support/factories';
import { feed, warmState } from '../signals/tape';

const params = makeParams();

describe('underlying state indicators', () => {
  it('velocity: change %, direction and speed over the window', () => {
    const { state, endUs } = warmState(params);
    feed(state, endUs, 5, (t) => 2_400_000 + 240 * (t / 5) + 0.4);
    expect(state.changePercent(WINDOW_5S)).toBeCloseTo(0.01, 3);
    expect(state.speedTicksPerSecond(WINDOW_5S)).toBeGreaterThan(8);
  });

  it('volume ratio against the rolling baseline', () => {
    const { state, endUs } = warmState(params);
    expect(state.volumeRatio()).toBeCloseTo(1, 6);
    feed(state, endUs, 5, () => 2_400_000, { volume: 300 });
    expect(state.volumeRatio()).toBeGreaterThan(2.5);
  });

  it('buy pressure, book imbalance and book ratio', () => {
    const { state, endUs } = warmState(params);
    feed(state, endUs, 15, () => 2_400_000, {
      aggressor: (step) => (step % 4 === 0 ? 'sell' : 'buy'),
      bookTilt: 3,
    });
    expect(state.buyPressure(WINDOW_15S)).toBeCloseTo(0.75, 2);
    expect(state.bookRatio()).toBe(3);
    expect(state.bookImbalance()).toBeCloseTo(0.5, 9);
  });

  it('momentum tick count and consecutive ticks', () => {
    const { state, endUs } = warmState(params);
    feed(state, endUs, 1, (t) => 2_400_010 + 50 * t);
    expect(state.consecutiveTicks).toBeGreaterThanOrEqual(9);
    expect(state.momentumTicks(WINDOW_5S)).toBeGreaterThan(0);
  });

  it('session high/low and the 30 s range', () => {
    const { state, endUs } = warmState(params);
    const end = feed(state, endUs, 3, (t) => (t < 1 ? 2_400_300 : 2_399_800));
    state.advanceTime(end + 1_000_000);
    expect(state.sessionHigh).toBe(2_400_300);
    expect(state.sessionLow).toBe(2_399_800);
    expect(state.range30s()).toBe(500);
  });

  it('detects a spike: a 5 s move of several 1 s ATRs', () => {
    const { state, endUs } = warmState(params);
    feed(state, endUs, 2, (t) => 2_400_000 + (t > 1 ? 400 : 0));
    expect(state.lastSpikeDirection).toBe(1);
    expect(state.lastSpikeUs).toBeGreaterThan(endUs);
  });

  it('infers the aggressor of an unknown print from the quote (Lee–Ready)', () => {
    const { state, endUs } = warmState(params);
    const ts = endUs - 50_000; // inside the last print's bucket, so nothing leaves the window
    state.onDepth(makeDepth(NIFTY, ts, 2_399_995, 2_400_005, [100], [100]));
    const buys = state.buckets.sum(WINDOW_5S, COLUMN_BUY_VOLUME);
    const sells = state.buckets.sum(WINDOW_5S, COLUMN_SELL_VOLUME);
    state.onTrade(makeTrade(NIFTY, ts, 2_400_005, 50, 'unknown'));
    expect(state.buckets.sum(WINDOW_5S, COLUMN_BUY_VOLUME)).toBe(buys + 50);
    state.onTrade(makeTrade(NIFTY, ts, 2_399_995, 30, 'unknown'));
    expect(state.buckets.sum(WINDOW_5S, COLUMN_SELL_VOLUME)).toBe(sells + 30);
  });
});
