import type { CandleView } from '../../../shared/api/views';

/** Pure helpers of the chart window: unit conversion, bar merging, session VWAP bands, tick snapping. */

/** Price units (integers) to the chart's decimal prices and back. */
export const toChartPrice = (units: number, decimals: number): number => units / 10 ** decimals;

/** A chart price to the nearest price on the instrument's tick grid, in price units. */
export function snapToTick(chartPrice: number, decimals: number, tickUnits: number): number {
  return Math.round((chartPrice * 10 ** decimals) / tickUnits) * tickUnits;
}

/** The chart's time axis is whole seconds (UTC). */
export const toChartTime = (tsUs: number): number => Math.floor(tsUs / 1_000_000);

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
  readonly time: number;
  readonly vwap: number;
  /** Volume-weighted standard deviation of the typical price around the VWAP so far. */
  readonly sigma: number;
}

/**
 * Session VWAP and its volume-weighted standard deviation, bar by bar, from each bar's typical price
 * (H+L+C)/3 — what a bar chart can know. Bars without volume (mid bars of an untraded instrument)
 * weigh 1, so an index still gets a session average line. In price units.
 */
export function sessionVwap(bars: readonly CandleView[]): VwapPoint[] {
  let weight = 0;
  let sum = 0;
  let sumSquares = 0;
  return bars.map((bar) => {
    const typical = (bar.high + bar.low + bar.close) / 3;
    const barWeight = bar.volume > 0 ? bar.volume : 1;
    weight += barWeight;
    sum += typical * barWeight;
    sumSquares += typical * typical * barWeight;
    const vwap = sum / weight;
    return {
      time: toChartTime(bar.tsStart),
      vwap,
      sigma: Math.sqrt(Math.max(0, sumSquares / weight - vwap * vwap)),
    };
  });
}

/** Session high and low in price units, or null with no bars. */
export function sessionRange(bars: readonly CandleView[]): { high: number; low: number } | null {
  if (bars.length === 0) return null;
  let high = -Infinity;
  let low = Infinity;
  for (const bar of bars) {
    high = Math.max(high, bar.high);
    low = Math.min(low, bar.low);
  }
  return { high, low };
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
