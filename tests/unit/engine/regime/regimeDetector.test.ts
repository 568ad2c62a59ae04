import { describe, expect, it } from 'vitest';
import { BarSeries } from '../../../../src/main/trading/engine/indicators/barSeries';
import { RegimeDetector } from '../../../../src/main/trading/engine/regime/regimeDetector';
import { makeParams } from '../support/factories';

const params = makeParams((p) =>
  Object.assign(p.regime, {
    efficiencyWindowBars: 20,
    trendEnterEfficiency: 0.5,
    trendExitEfficiency: 0.3,
    volatileEnterAtrPercentile: 90,
    volatileExitAtrPercentile: 60,
    atrHistoryBars: 120,
    minDwellSeconds: 5,
  }),
);

class Driver {
  readonly bars = new BarSeries(1_000_000, 256, {
    emaFastPeriod: 2,
    emaSlowPeriod: 3,
    atrPeriod: 5,
    rsiPeriod: 5,
  });
  readonly regime = new RegimeDetector(params.regime);
  second = 0;
  /** One closed 1 s bar with the given close and half-range. */
  bar(close: number, halfRange = 2): void {
    const ts = this.second * 1_000_000;
    this.bars.add(ts, close - halfRange, 1);
    this.bars.add(ts + 1, close + halfRange, 1);
    this.bars.add(ts + 2, close, 1);
    this.second++;
    if (this.bars.roll(this.second * 1_000_000)) this.regime.onBarClosed(this.bars, this.second * 1_000_000);
  }
}

describe('regime detection', () => {
  it('is unknown until enough bars exist', () => {
    const driver = new Driver();
    for (let i = 0; i < 10; i++) driver.bar(1000);
    expect(driver.regime.regime).toBe('unknown');
  });

  it('classifies a steady one-way move as trend (efficiency ratio near 1)', () => {
    const driver = new Driver();
    for (let i = 0; i < 60; i++) driver.bar(1000 + i);
    expect(driver.regime.regime).toBe('trend');
    expect(driver.regime.efficiencyRatio).toBeCloseTo(1, 6);
  });

  it('classifies chop as range (efficiency ratio near 0)', () => {
    const driver = new Driver();
    for (let i = 0; i < 60; i++) driver.bar(1000 + (i % 2) * 3);
    expect(driver.regime.regime).toBe('range');
    expect(driver.regime.efficiencyRatio).toBeLessThan(0.1);
  });

  it('classifies an ATR jump to the top percentile as volatile, after the dwell time', () => {
    const driver = new Driver();
    for (let i = 0; i < 80; i++) driver.bar(1000 + (i % 2) * 3);
    for (let i = 0; i < 3; i++) driver.bar(1000 + (i % 2) * 3, 40);
    expect(driver.regime.regime).toBe('range'); // proposed volatile, dwell not yet reached
    for (let i = 0; i < 4; i++) driver.bar(1000 + (i % 2) * 3, 40);
    expect(driver.regime.regime).toBe('volatile');
  });

  it('hysteresis: a trend survives an efficiency ratio between the exit and enter thresholds', () => {
    const driver = new Driver();
    for (let i = 0; i < 60; i++) driver.bar(1000 + i);
    expect(driver.regime.regime).toBe('trend');
    // Seven steps forward, three back: ER = 0.4, below enter (0.5) but above exit (0.3).
    let price = 1060;
    for (let i = 0; i < 30; i++) {
      price += i % 10 < 7 ? 1 : -1;
      driver.bar(price);
    }
    expect(driver.regime.efficiencyRatio).toBeGreaterThan(0.3);
    expect(driver.regime.efficiencyRatio).toBeLessThan(0.5);
    expect(driver.regime.regime).toBe('trend');
  });

  it('the same chop would not enter trend from range (enter threshold applies)', () => {
    const driver = new Driver();
    for (let i = 0; i < 60; i++) driver.bar(1000 + (i % 2) * 3);
    let price = 1000;
    for (let i = 0; i < 30; i++) {
      price += i % 10 < 7 ? 1 : -1;
      driver.bar(price);
    }
    expect(driver.regime.regime).toBe('range');
  });
});
