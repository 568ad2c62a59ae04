import type { PerformanceMetrics } from '../../../shared/analytics/performance';
import type { ParameterPoint } from './parameterSpace';

/** Metrics a sweep can rank by. All but maxDrawdown are better higher. */
export const RANK_METRICS = [
  'netPnl',
  'sharpe',
  'profitFactor',
  'expectancy',
  'winRate',
  'maxDrawdown',
  'trades',
] as const;
export type RankMetric = (typeof RANK_METRICS)[number];

export interface SweepResult {
  /** Position of the point in the sweep (grid order or draw order), 1-based. */
  readonly pointNumber: number;
  readonly point: ParameterPoint;
  readonly metrics: PerformanceMetrics | null;
  readonly orders: number;
  readonly fills: number;
  readonly error: string | null;
}

/** Best first; points without a value for the metric (or that failed) last; ties keep sweep order. */
export function rankResults(results: readonly SweepResult[], metric: RankMetric): SweepResult[] {
  const lowerIsBetter = metric === 'maxDrawdown';
  const value = (result: SweepResult): number | null => {
    const raw = result.metrics?.[metric];
    return typeof raw === 'number' && Number.isFinite(raw) ? raw : null;
  };
  return [...results].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null || vb === null) return va === vb ? a.pointNumber - b.pointNumber : va === null ? 1 : -1;
    if (va !== vb) return lowerIsBetter ? va - vb : vb - va;
    return a.pointNumber - b.pointNumber;
  });
}

const COLUMNS = [
  'netPnl',
  'trades',
  'winRate',
  'expectancy',
  'profitFactor',
  'maxDrawdown',
  'sharpe',
] as const;

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The ranked table as CSV: rank, point number, one column per parameter, then the figures. */
export function resultsToCsv(ranked: readonly SweepResult[], parameterPaths: readonly string[]): string {
  const header = ['rank', 'point', ...parameterPaths, ...COLUMNS, 'orders', 'fills', 'error'];
  const rows = ranked.map((result, i) => [
    i + 1,
    result.pointNumber,
    ...parameterPaths.map((path) => result.point[path]),
    ...COLUMNS.map((column) => result.metrics?.[column] ?? null),
    result.orders,
    result.fills,
    result.error,
  ]);
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\n') + '\n';
}

/** The same table aligned for a terminal (the top `limit` rows). */
export function resultsToText(
  ranked: readonly SweepResult[],
  parameterPaths: readonly string[],
  limit = 20,
): string {
  const header = ['rank', ...parameterPaths, ...COLUMNS];
  const rows = ranked.slice(0, limit).map((result, i) => [
    String(i + 1),
    ...parameterPaths.map((path) => String(result.point[path])),
    ...COLUMNS.map((column) => {
      const value = result.metrics?.[column];
      return value === null || value === undefined ? (result.error ? 'error' : '—') : String(value);
    }),
  ]);
  const widths = header.map((title, c) => Math.max(title.length, ...rows.map((row) => row[c].length)));
  const line = (cells: readonly string[]): string =>
    cells.map((cell, c) => cell.padStart(widths[c])).join('  ');
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}
