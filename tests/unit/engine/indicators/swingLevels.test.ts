import { describe, expect, it } from 'vitest';
import { BarSeries } from '../../../../src/main/trading/engine/indicators/barSeries';
import { SwingLevels } from '../../../../src/shared/analytics/swingLevels';

const periods = { emaFastPeriod: 2, emaSlowPeriod: 3, atrPeriod: 2, rsiPeriod: 2 };

function barsFrom(highs: number[], lows: number[]): { bars: BarSeries; swings: SwingLevels } {
  const bars = new BarSeries(1_000_000, 64, periods);
  const swings = new SwingLevels(2);
  highs.forEach((high, i) => {
    const ts = i * 1_000_000;
    bars.roll(ts);
    bars.add(ts, lows[i], 1);
    bars.add(ts + 1, high, 1);
    bars.roll(ts + 1_000_000);
    swings.onBarClosed(bars);
  });
  return { bars, swings };
}

describe('support and resistance from swings', () => {
  it('finds a swing high with `strength` lower highs each side and a swing low likewise', () => {
    const { swings } = barsFrom([10, 11, 15, 12, 11, 10], [5, 6, 9, 3, 6, 7]);
    expect(swings.resistanceAbove(12)).toBe(15);
    expect(swings.supportBelow(8)).toBe(3);
  });

  it('gives the nearest level above / below a price, NaN when none', () => {
    const { swings } = barsFrom(
      [10, 11, 20, 12, 11, 10, 11, 14, 12, 11, 10],
      [9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9],
    );
    expect(swings.resistanceAbove(12.5)).toBe(14);
    expect(swings.resistanceAbove(15)).toBe(20);
    expect(swings.resistanceAbove(25)).toBeNaN();
  });
});
