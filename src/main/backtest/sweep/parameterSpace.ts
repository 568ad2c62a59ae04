import { SeededRandom } from '../../../shared/domain/random';

/**
 * The parameters a sweep varies: `path=values`, where path is a dotted path into the preset's params
 * (`exits.takeProfitTicks`) and values are a list (`4,6,8`, `true,false`, `trend,range`) or a range
 * `min:max:step` (`0.1:0.5:0.1`, both ends included).
 */
export interface ParameterAxis {
  readonly path: string;
  readonly values: readonly ParameterValue[];
}

export type ParameterValue = number | boolean | string;
export type ParameterPoint = Readonly<Record<string, ParameterValue>>;

export class ParameterSpecError extends Error {
  override name = 'ParameterSpecError';
}

const MAX_RANGE_VALUES = 10_000;

function parseValue(text: string): ParameterValue {
  const trimmed = text.trim();
  if (trimmed === 'true') return true;
  if (trimmed === 'false') return false;
  const number = Number(trimmed);
  return trimmed !== '' && Number.isFinite(number) ? number : trimmed;
}

/** Steps of a range counted in integers, so 0.1:0.5:0.1 gives exactly five values, without 0.30000000000000004. */
function rangeValues(spec: string, min: number, max: number, step: number): number[] {
  if (!(step > 0)) throw new ParameterSpecError(`${spec}: the step must be positive`);
  if (max < min) throw new ParameterSpecError(`${spec}: max is below min`);
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count > MAX_RANGE_VALUES) throw new ParameterSpecError(`${spec}: ${count} values is too many`);
  const decimals = Math.max(...[min, step].map((value) => (String(value).split('.')[1] ?? '').length));
  return Array.from({ length: count }, (_, i) => Number((min + i * step).toFixed(decimals)));
}

export function parseAxis(spec: string): ParameterAxis {
  const eq = spec.indexOf('=');
  if (eq <= 0)
    throw new ParameterSpecError(
      `"${spec}": expected path=values (e.g. exits.takeProfitTicks=4,6,8 or x=0.1:0.5:0.1)`,
    );
  const path = spec.slice(0, eq).trim();
  const body = spec.slice(eq + 1).trim();
  if (!/^[A-Za-z_][\w]*(\.[A-Za-z_][\w]*)*$/.test(path))
    throw new ParameterSpecError(`"${path}" is not a dotted parameter path`);
  const range = /^(-?[\d.]+):(-?[\d.]+):([\d.]+)$/.exec(body);
  if (range) return { path, values: rangeValues(spec, Number(range[1]), Number(range[2]), Number(range[3])) };
  const values = body.split(',').map(parseValue);
  if (values.length === 0 || values.some((value) => value === ''))
    throw new ParameterSpecError(`"${spec}": empty value`);
  return { path, values: [...new Map(values.map((value) => [String(value), value])).values()] };
}

export function gridSize(axes: readonly ParameterAxis[]): number {
  return axes.reduce((size, axis) => size * axis.values.length, 1);
}

/** Every combination, the last axis varying fastest (a stable order, so point numbers mean the same each run). */
export function gridPoints(axes: readonly ParameterAxis[]): ParameterPoint[] {
  let points: Record<string, ParameterValue>[] = [{}];
  for (const axis of axes) {
    const next: Record<string, ParameterValue>[] = [];
    for (const point of points) for (const value of axis.values) next.push({ ...point, [axis.path]: value });
    points = next;
  }
  return points;
}

/**
 * `count` distinct points drawn uniformly from the grid (all of it when it is smaller), seeded. Draws
 * grid indices rather than building the grid, so a 10^9-point space samples as cheaply as a small one.
 */
export function randomPoints(axes: readonly ParameterAxis[], count: number, seed: number): ParameterPoint[] {
  const size = gridSize(axes);
  if (size <= count) return gridPoints(axes);
  const random = new SeededRandom(seed);
  const chosen = new Set<number>();
  const points: ParameterPoint[] = [];
  while (points.length < count) {
    const index = Math.floor(random.next() * size);
    if (chosen.has(index)) continue;
    chosen.add(index);
    let rest = index;
    const point: Record<string, ParameterValue> = {};
    for (let a = axes.length - 1; a >= 0; a--) {
      const axis = axes[a];
      point[axis.path] = axis.values[rest % axis.values.length];
      rest = Math.floor(rest / axis.values.length);
    }
    points.push(Object.fromEntries(axes.map((axis) => [axis.path, point[axis.path]])));
  }
  return points;
}

/** `{ 'exits.takeProfitTicks': 8 }` → `{ exits: { takeProfitTicks: 8 } }`, merged over `base`. */
export function pointToOverrides(
  point: ParameterPoint,
  base: Readonly<Record<string, unknown>> = {},
): Record<string, unknown> {
  const result = structuredClone(base) as Record<string, unknown>;
  for (const [path, value] of Object.entries(point)) {
    const keys = path.split('.');
    let node = result;
    for (const key of keys.slice(0, -1)) {
      const child = node[key];
      if (typeof child !== 'object' || child === null || Array.isArray(child)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }
  return result;
}
