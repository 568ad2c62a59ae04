/**
 * The ladder's fixed price axis: one row per tick, highest price at the top. It moves only when the
 * trader asks (R, the button, the wheel) or when the inside market leaves the rows shown — never on
 * its own while the market is in view, so a row never jumps under the cursor (issue 11).
 */
export interface PriceAxis {
  /** Price of the top row, in price units, on the tick grid. */
  readonly top: number;
  readonly rows: number;
  readonly tick: number;
}

export function snapToTick(price: number, tick: number): number {
  return Math.round(price / tick) * tick;
}

/** An axis of `rows` rows with `centre` (snapped to the tick grid) in the middle row. */
export function centredAxis(centre: number, tick: number, rows: number): PriceAxis {
  const middle = Math.floor(rows / 2);
  return { top: snapToTick(centre, tick) + middle * tick, rows, tick };
}

export function rowPrice(axis: PriceAxis, index: number): number {
  return axis.top - index * axis.tick;
}

export function bottomPrice(axis: PriceAxis): number {
  return rowPrice(axis, axis.rows - 1);
}

/** Row index of a price, or -1 when it is off the axis or off the tick grid. */
export function rowOf(axis: PriceAxis, price: number): number {
  const offset = axis.top - price;
  if (offset % axis.tick !== 0) return -1;
  const index = offset / axis.tick;
  return index >= 0 && index < axis.rows ? index : -1;
}

/**
 * True when the inside market is outside the axis or within `margin` rows of an edge, so the trader
 * would not see the next ticks: the one case the axis re-centres by itself.
 */
export function marketLeftAxis(
  axis: PriceAxis,
  bestBid: number | null,
  bestAsk: number | null,
  margin = 1,
): boolean {
  const high = bestAsk ?? bestBid;
  const low = bestBid ?? bestAsk;
  if (high === null || low === null) return false;
  const limitTop = axis.top - margin * axis.tick;
  const limitBottom = bottomPrice(axis) + margin * axis.tick;
  return high > limitTop || low < limitBottom;
}

/** The middle of the inside market, or whichever side exists, or the last trade. */
export function marketCentre(
  bestBid: number | null,
  bestAsk: number | null,
  last: number | null,
): number | null {
  if (bestBid !== null && bestAsk !== null) return (bestBid + bestAsk) / 2;
  return bestBid ?? bestAsk ?? last;
}

/** Same centre, another row count (the window was resized): keeps the middle row's price. */
export function resizeAxis(axis: PriceAxis, rows: number): PriceAxis {
  if (rows === axis.rows) return axis;
  return centredAxis(rowPrice(axis, Math.floor(axis.rows / 2)), axis.tick, rows);
}

/** Scrolls by whole ticks (positive = towards higher prices). */
export function scrollAxis(axis: PriceAxis, ticks: number): PriceAxis {
  return { ...axis, top: axis.top + ticks * axis.tick };
}
