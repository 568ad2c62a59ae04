import { describe, expect, it } from 'vitest';
import type { CandleView } from '../../../src/shared/api/views';
import { sessionVwap } from '../../../src/renderer/src/chart/chartMaths';
import { SessionStats } from '../../../src/renderer/src/chart/sessionStats';

const bar = (second: number, high: number, low: number, volume = 10): CandleView => ({
  tsStart: second * 1_000_000,
  open: (high + low) / 2,
  high,
  low,
  close: (high + low) / 2,
  volume,
  buyVolume: volume,
  sellVolume: 0,
  source: 'trade',
});

/** A peak at bar 4 (high 130) and a trough at bar 10 (low 70), each standing out from 3 bars either side. */
function swingingBars(): CandleView[] {
  const highs = [110, 112, 114, 118, 130, 117, 115, 113, 105, 100, 95, 101, 104, 106, 108, 109];
  const lows = [100, 102, 104, 108, 120, 107, 105, 103, 90, 85, 70, 86, 94, 96, 98, 99];
  return highs.map((high, index) => bar(index, high, lows[index]));
}

describe('chart session overlays', () => {
  it('finds the swing resistance above and support below the last close, from closed bars only', () => {
    const bars = swingingBars();
    const stats = new SessionStats();
    stats.advance(bars);
    expect(stats.swingLines(bars)).toEqual({ resistance: 130, support: 70 });
    // A pivot needs 3 closed bars after it: with the trough only 2 bars back there is no support yet.
    const early = bars.slice(0, 13);
    const fresh = new SessionStats();
    fresh.advance(early);
    expect(fresh.swingLines(early)).toEqual({ resistance: 130, support: null });
  });

  it('updates incrementally to the same VWAP and range a full recomputation gives', () => {
    const bars = swingingBars();
    const stats = new SessionStats();
    for (let count = 1; count <= bars.length; count++) stats.advance(bars.slice(0, count));
    const full = sessionVwap(bars);
    bars.forEach((_, index) => {
      expect(stats.vwapAt(bars, index).vwap).toBeCloseTo(full[index].vwap, 9);
      expect(stats.vwapAt(bars, index).sigma).toBeCloseTo(full[index].sigma, 9);
    });
    expect(stats.range(bars)).toEqual({ high: 130, low: 70 });
    // The open bar counts for the range without being kept: each query reads its newest version.
    const spike = [...bars.slice(0, -1), bar(15, 140, 99)];
    expect(stats.range(spike)).toEqual({ high: 140, low: 70 });
    stats.reset();
    expect(stats.range([])).toBeNull();
    expect(stats.swingLines([])).toEqual({ resistance: null, support: null });
  });
});
