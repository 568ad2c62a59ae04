import type { CandleView } from '../../../shared/api/views';

/** Pure helpers of the chart window: unit conversion, bar merging, session VWAP bands, tick snapping. */

/** Price units (integers) to the chart's decimal prices and back. */
export const toChartPrice = (units: number, decimals: number): number => units / 10 ** decimals;

/** A chart price to the nearest price on the instrument's tick grid, in price units. */
export function snapToTick(chartPrice: number, decimals: number, tickUnits: number): number {
  return Math.round((chartPrice * 10 ** decimals) / tickUnits) * tickUnits;
}

/**
 * Merges an update's changed bars into the bars held (oldest first): a bar with a start already held
 * replaces it, a newer one is appended. Bars come from one series, so updates only touch the tail.
 */
export function mergeCandles(held: readonly CandleView[], changed: readonly CandleView[]): CandleView[] {
  const merged = held.slice();
  for (const bar of changed) {
    let index = merged.length - 1;
    while (index >= 0 && merged[index].tsStart > bar.tsStart) index--;
    if (index >= 0 && merged[index].tsStart === bar.tsStart) merged[index] = bar;
    else merged.splice(index + 1, 0, bar);
  }
  return merged;
}

export interface VwapPoint {
  readonly vwap: number;
  /** Volume-weighted standard deviation of the typical price around the VWAP so far. */
  readonly sigma: number;
}

/** Running sums of a session VWAP: total weight, weighted typical prices and their squares. */
export interface VwapSums {
  readonly weight: number;
  readonly sum: number;
  readonly sumSquares: number;
}

export const NO_VWAP: VwapSums = { weight: 0, sum: 0, sumSquares: 0 };

/**
 * Adds one bar to a session VWAP from its typical price (H+L+C)/3 — what a bar chart can know. Bars
 * without volume (mid bars of an untraded instrument) weigh 1, so an index still gets a session
 * average line. In price units.
 */
export function addToVwap(sums: VwapSums, bar: CandleView): VwapSums {
  const typical = (bar.high + bar.low + bar.close) / 3;
  const weight = bar.volume > 0 ? bar.volume : 1;
  return {
    weight: sums.weight + weight,
    sum: sums.sum + typical * weight,
    sumSquares: sums.sumSquares + typical * typical * weight,
  };
}

export function vwapPoint(sums: VwapSums): VwapPoint {
  const vwap = sums.sum / sums.weight;
  return { vwap, sigma: Math.sqrt(Math.max(0, sums.sumSquares / sums.weight - vwap * vwap)) };
}

/** Session VWAP and its volume-weighted standard deviation, bar by bar. */
export function sessionVwap(bars: readonly CandleView[]): VwapPoint[] {
  let sums = NO_VWAP;
  return bars.map((bar) => vwapPoint((sums = addToVwap(sums, bar))));
}

/**
 * Unrealised P&L of a position if the price were `price` (all in price units), in minor currency
 * units: (price − average) × quantity × multiplier, scaled from price decimals to the currency's 2.
 */
export function pnlAt(
  price: number,
  position: { readonly quantity: number; readonly averagePrice: number },
  multiplier: number,
  priceDecimals: number,
): number {
  return ((price - position.averagePrice) * position.quantity * multiplier * 100) / 10 ** priceDecimals;
}
