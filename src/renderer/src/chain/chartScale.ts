/** Axis maths for the chain window's SVG charts. */

export interface Extent {
  readonly min: number;
  readonly max: number;
}

/** The range of the values, widened a little (and around a lone value) so nothing sits on the frame. */
export function extentOf(values: Iterable<number>, includeZero = false): Extent | null {
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  if (min === Infinity) return null;
  if (includeZero) {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  if (min === max) {
    const pad = Math.abs(min) * 0.05 || 1;
    return { min: min - pad, max: max + pad };
  }
  const pad = (max - min) * 0.05;
  return { min: includeZero && min === 0 ? 0 : min - pad, max: includeZero && max === 0 ? 0 : max + pad };
}

/** About `count` round tick values inside the extent (1, 2, 5 × 10ⁿ steps). */
export function niceTicks(extent: Extent, count: number): number[] {
  const span = extent.max - extent.min;
  if (!(span > 0)) return [extent.min];
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((candidate) => candidate >= raw) ?? raw;
  const ticks: number[] = [];
  for (let value = Math.ceil(extent.min / step) * step; value <= extent.max + step * 1e-9; value += step)
    ticks.push(Math.abs(value) < step * 1e-9 ? 0 : value);
  return ticks;
}

export function linear(extent: Extent, from: number, to: number): (value: number) => number {
  const span = extent.max - extent.min || 1;
  return (value) => from + ((value - extent.min) / span) * (to - from);
}
