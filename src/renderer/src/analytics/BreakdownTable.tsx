import type { PerformanceMetrics } from '../../../shared/analytics/performance';
import { METRIC_COLUMNS } from './analyticsFormat';
import type { AnalyticsFilter, AnalyticsTable } from './csvDownload';
import { ExportButton } from './csvDownload';

export interface BreakdownRow {
  readonly key: string;
  readonly metrics: PerformanceMetrics;
  /** Extra leading cells (a gate's evaluated / passed / blocked counts). */
  readonly extra?: readonly string[];
}

/** One breakdown (by day, signal, gate …): the key and the shared metric columns, with CSV export. */
export function BreakdownTable({
  title,
  keyLabel,
  rows,
  table,
  filter,
  extraLabels = [],
  testId,
}: {
  readonly title: string;
  readonly keyLabel: string;
  readonly rows: readonly BreakdownRow[];
  readonly table: AnalyticsTable;
  readonly filter: AnalyticsFilter;
  readonly extraLabels?: readonly string[];
  readonly testId: string;
}): React.JSX.Element {
  return (
    <section className="breakdown" aria-label={title}>
      <h2>
        {title} <ExportButton table={table} filter={filter} label={title} />
      </h2>
      <table className="grid compact" data-testid={testId}>
        <thead>
          <tr>
            <th>{keyLabel}</th>
            {extraLabels.map((label) => (
              <th key={label} className="number">
                {label}
              </th>
            ))}
            {METRIC_COLUMNS.map((column) => (
              <th key={column.label} className="number">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <td>{row.key}</td>
              {(row.extra ?? []).map((cell, index) => (
                <td key={extraLabels[index]} className="number">
                  {cell}
                </td>
              ))}
              {METRIC_COLUMNS.map((column) => (
                <td key={column.label} className={`number ${column.tone?.(row.metrics) ?? ''}`}>
                  {column.text(row.metrics)}
                </td>
              ))}
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={1 + extraLabels.length + METRIC_COLUMNS.length} className="muted">
                no trades
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
