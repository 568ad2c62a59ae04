import type { MarketProfile } from '../../shared/domain/instrument';

/**
 * Simulation parameters of one underlying and its option chain. These describe the *simulated*
 * market (how busy, how volatile), not exchange facts, so they live here rather than in the
 * instrument master. Sizes are in lots of the instrument (NSE: lots of 65 NIFTY; US: shares for the
 * stock book, contracts for options).
 */
export interface UnderlyingSimParameters {
  /** Starting price, decimal (26000 = NIFTY 26,000.00). */
  readonly initialPrice: number;
  /** Annualised volatility of the price process in the baseline regime, per trading time (252 sessions). */
  readonly annualVolatility: number;
  /** Drift of a trend regime as a Sharpe-like ratio per hour: drift over one hour = trendStrength × σ(1 h). */
  readonly trendStrength: number;
  /** Half-life of mean reversion in a range regime, seconds. */
  readonly rangeHalfLifeSeconds: number;
  /** Typical size of the price jump that opens a jump regime, as a fraction (0.001 = 0.1 %); the draw is size × (0.5 + Exp(1)). */
  readonly jumpSize: number;
  /** Inside spread of the underlying book in a calm regime, ticks. */
  readonly baseSpreadTicks: number;
  /** Mean gap between displayed depth levels, ticks (≥ 1). */
  readonly levelGapTicks: number;
  /** Mean displayed size of one depth level, lots. */
  readonly levelSizeLots: number;
  /** Order-flow events (limit adds, cancels, market orders) per second at average intraday activity. */
  readonly flowEventsPerSecond: number;
  /** Mean market-order size, lots. */
  readonly tradeLots: number;
  /** ATM implied volatility level of the option chain. */
  readonly impliedVolatility: number;
  /** Smile: IV change per standard deviation of log-moneyness (negative = put skew). */
  readonly skew: number;
  /** Smile curvature per squared standard deviation (wings bid). */
  readonly smileCurvature: number;
  /** Continuous dividend yield used in option pricing. */
  readonly dividendYield: number;
  /** Minimum option spread, ticks, near the money. */
  readonly optionBaseSpreadTicks: number;
  /** Option spread as a fraction of the option's value, added to the tick spread. */
  readonly optionRelativeSpread: number;
  /** Option prints per second across the chain at average activity. */
  readonly optionTradesPerSecond: number;
  /** Mean displayed size at the best option bid/ask near the money, lots. */
  readonly optionQuoteLots: number;
  /** Open interest of a near-the-money contract of the nearest expiry at the start, contracts. */
  readonly optionOpenInterest: number;
}

const NSE_INDEX_DEFAULTS = {
  trendStrength: 1.5,
  rangeHalfLifeSeconds: 300,
  jumpSize: 0.001,
  baseSpreadTicks: 2,
  levelGapTicks: 2,
  levelSizeLots: 12,
  flowEventsPerSecond: 6,
  tradeLots: 3,
  smileCurvature: 0.025,
  dividendYield: 0.012,
  optionBaseSpreadTicks: 1,
  optionRelativeSpread: 0.002,
  optionTradesPerSecond: 3,
  optionQuoteLots: 25,
} as const;

const US_EQUITY_DEFAULTS = {
  trendStrength: 1.5,
  rangeHalfLifeSeconds: 300,
  jumpSize: 0.0012,
  baseSpreadTicks: 1,
  levelGapTicks: 1,
  levelSizeLots: 400,
  flowEventsPerSecond: 12,
  tradeLots: 100,
  smileCurvature: 0.02,
  dividendYield: 0,
  optionBaseSpreadTicks: 1,
  optionRelativeSpread: 0.006,
  optionTradesPerSecond: 8,
  optionQuoteLots: 40,
} as const;

/**
 * Defaults by underlying: levels of early 2026 (NIFTY ≈ 26,000, BANKNIFTY ≈ 59,000, SPY ≈ 690) and
 * typical volatilities (India VIX ≈ 12 %, VIX ≈ 15 %, TSLA IV ≈ 50 %).
 */
export const DEFAULT_UNDERLYING_PARAMETERS: Readonly<Record<string, UnderlyingSimParameters>> = {
  NIFTY: {
    ...NSE_INDEX_DEFAULTS,
    initialPrice: 26_000,
    annualVolatility: 0.12,
    impliedVolatility: 0.12,
    skew: -0.08,
    optionOpenInterest: 90_000,
  },
  BANKNIFTY: {
    ...NSE_INDEX_DEFAULTS,
    initialPrice: 59_000,
    annualVolatility: 0.13,
    impliedVolatility: 0.13,
    skew: -0.07,
    optionOpenInterest: 25_000,
  },
  FINNIFTY: {
    ...NSE_INDEX_DEFAULTS,
    initialPrice: 27_500,
    annualVolatility: 0.13,
    impliedVolatility: 0.13,
    skew: -0.07,
    optionOpenInterest: 8_000,
    flowEventsPerSecond: 4,
    optionTradesPerSecond: 2,
  },
  SENSEX: {
    ...NSE_INDEX_DEFAULTS,
    initialPrice: 85_000,
    annualVolatility: 0.12,
    impliedVolatility: 0.12,
    skew: -0.08,
    optionOpenInterest: 40_000,
  },
  TSLA: {
    ...US_EQUITY_DEFAULTS,
    initialPrice: 430,
    annualVolatility: 0.5,
    impliedVolatility: 0.5,
    skew: -0.03,
    jumpSize: 0.004,
    baseSpreadTicks: 2,
    levelSizeLots: 150,
    optionOpenInterest: 20_000,
  },
  SPY: {
    ...US_EQUITY_DEFAULTS,
    initialPrice: 690,
    annualVolatility: 0.14,
    impliedVolatility: 0.14,
    skew: -0.1,
    dividendYield: 0.012,
    optionOpenInterest: 30_000,
    flowEventsPerSecond: 16,
  },
  QQQ: {
    ...US_EQUITY_DEFAULTS,
    initialPrice: 620,
    annualVolatility: 0.18,
    impliedVolatility: 0.18,
    skew: -0.09,
    dividendYield: 0.006,
    optionOpenInterest: 20_000,
  },
};

/** Fallback for an underlying added to a master file without simulation defaults. */
export function genericParameters(profile: MarketProfile, initialPrice: number): UnderlyingSimParameters {
  const base = profile === 'nse' ? NSE_INDEX_DEFAULTS : US_EQUITY_DEFAULTS;
  return {
    ...base,
    initialPrice,
    annualVolatility: 0.2,
    impliedVolatility: 0.2,
    skew: -0.06,
    optionOpenInterest: 10_000,
  };
}

/** Continuously compounded risk-free rates used for option pricing (approximate policy rates, Jan 2026). */
export const DEFAULT_RISK_FREE_RATE: Readonly<Record<MarketProfile, number>> = { nse: 0.0525, us: 0.0375 };
