import { describe, expect, it } from 'vitest';
import {
  equityCurve,
  maxDrawdownOf,
  performanceOf,
  sharpeOf,
  type TradeOutcome,
} from '../../../src/shared/analytics/performance';

/** A trade with no charges, its return on a premium of `notional`. */
const makeOutcome = (netPnl: number, notional = 100): TradeOutcome => ({
  netPnl,
  grossPnl: netPnl,
  charges: 0,
  returnOnNotional: netPnl / notional,
});

describe('performanceOf', () => {
  it('computes win rate, averages, expectancy, profit factor, drawdown and Sharpe by their definitions', () => {
    const trades = [10, -5, 20, -10, 5].map((pnl) => makeOutcome(pnl));
    const metrics = performanceOf(trades);
    expect(metrics).toMatchObject({
      trades: 5,
      wins: 3,
      losses: 2,
      breakeven: 0,
      netPnl: 20,
      winRate: 0.6,
      expectancy: 4,
      averageWinner: 11.6667,
      averageLoser: -7.5,
      rewardToRisk: 1.555556,
      profitFactor: 2.333333,
      maxDrawdown: 10,
    });
    const returns = [0.1, -0.05, 0.2, -0.1, 0.05];
    const mean = 0.04;
    const deviation = Math.sqrt(returns.reduce((total, value) => total + (value - mean) ** 2, 0) / 4);
    expect(metrics.sharpe).toBeCloseTo(mean / deviation, 6);
  });

  it('keeps gross P&L and charges apart from net P&L, and counts a scratch as breakeven', () => {
    const metrics = performanceOf([
      { netPnl: 800, grossPnl: 1000, charges: 200, returnOnNotional: 0.08 },
      { netPnl: 0, grossPnl: 150, charges: 150, returnOnNotional: 0 },
      { netPnl: -300, grossPnl: -200, charges: 100, returnOnNotional: -0.03 },
    ]);
    expect(metrics).toMatchObject({
      grossPnl: 950,
      charges: 450,
      netPnl: 500,
      wins: 1,
      losses: 1,
      breakeven: 1,
    });
  });

  it('gives null where a figure does not exist', () => {
    expect(performanceOf([])).toMatchObject({
      trades: 0,
      winRate: null,
      averageWinner: null,
      averageLoser: null,
      rewardToRisk: null,
      expectancy: null,
      profitFactor: null,
      sharpe: null,
      maxDrawdown: 0,
    });
    expect(performanceOf([makeOutcome(5), makeOutcome(7)]).profitFactor).toBeNull();
    expect(performanceOf([makeOutcome(5)]).sharpe).toBeNull();
  });

  it('has no Sharpe when a trade’s return on notional is unknown', () => {
    expect(performanceOf([makeOutcome(5), { netPnl: -2, grossPnl: -2, charges: 0 }]).sharpe).toBeNull();
  });

  it('rounds money to 4 and ratios to 6 decimal places, and never reports -0', () => {
    const metrics = performanceOf([makeOutcome(0.1), makeOutcome(0.2), makeOutcome(-0.3)]);
    expect(metrics.netPnl).toBe(0); // 0.1 + 0.2 - 0.3 is 5.5e-17 in floating point
    expect(Object.is(metrics.expectancy, 0)).toBe(true);
    expect(performanceOf([makeOutcome(1), makeOutcome(1), makeOutcome(-1)]).winRate).toBe(0.666667);
  });
});

describe('sharpeOf', () => {
  it('is null for equal returns, even when floating point leaves a tiny variance', () => {
    // 0.1 three times: the mean is 0.10000000000000002, so the naive variance is ~1e-33, not 0;
    // without the guard the Sharpe of a flat series would be ~10^15.
    expect(sharpeOf([0.1, 0.1, 0.1])).toBeNull();
    expect(sharpeOf([0.07, 0.07, 0.07, 0.07, 0.07, 0.07, 0.07])).toBeNull();
  });

  it('is null below two values', () => {
    expect(sharpeOf([])).toBeNull();
    expect(sharpeOf([0.5])).toBeNull();
  });

  it('divides the mean by the sample standard deviation', () => {
    // mean 0.02, sample variance ((0.01)^2 × 2) / 1 = 0.0002, sd 0.0141421 → 1.414214.
    expect(sharpeOf([0.01, 0.03])).toBe(1.414214);
  });
});

describe('maxDrawdownOf and equityCurve', () => {
  it('measures drawdown from a running peak that starts at zero', () => {
    expect(maxDrawdownOf([-3, -4, 10, -2])).toBe(7);
    expect(maxDrawdownOf([5, -2, 4, -6, 1])).toBe(6);
  });

  it('plots cumulative net P&L and drawdown at each exit time', () => {
    const trades = [
      { ...makeOutcome(-10), exitTsUs: 1 },
      { ...makeOutcome(30), exitTsUs: 2 },
      { ...makeOutcome(-5), exitTsUs: 3 },
    ];
    expect(equityCurve(trades, (trade) => trade.exitTsUs)).toEqual([
      { tsUs: 1, equity: -10, drawdown: 10 },
      { tsUs: 2, equity: 20, drawdown: 0 },
      { tsUs: 3, equity: 15, drawdown: 5 },
    ]);
  });
});
