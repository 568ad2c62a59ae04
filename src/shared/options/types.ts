/** Inputs and outputs of the pricing functions; see pricing.ts for the models and units. */

export type OptionType = 'call' | 'put';
export type PricingModel = 'bs' | 'black76';

export interface PricingInput {
  model: PricingModel;
  type: OptionType;
  /** Spot price (BSM) or forward/futures price (Black-76). */
  spot: number;
  strike: number;
  /** Time to expiry in years (ACT/365 in this project). */
  years: number;
  /** Continuously compounded risk-free rate, 0.07 = 7 %. */
  rate: number;
  /** Annualised volatility, 0.2 = 20 %. */
  vol: number;
  /** Continuous dividend yield (BSM only; ignored by Black-76), 0.03 = 3 %. */
  dividendYield?: number;
}

export interface Greeks {
  price: number;
  delta: number;
  gamma: number;
  /** Per 1.00 change of volatility. */
  vega: number;
  /** Per year. */
  theta: number;
  /** theta / 365. */
  thetaPerDay: number;
  /** Per 1.00 change of the rate. */
  rho: number;
}
