import type { z } from 'zod';
import type { ANALYTICS_TABLES, analyticsFilterSchema } from '../../../shared/api/analyticsSchemas';
import { getApi, reportError, useWorkstation } from '../store';

export type AnalyticsFilter = z.input<typeof analyticsFilterSchema>;
export type AnalyticsTable = (typeof ANALYTICS_TABLES)[number];

/** Asks the host for one table as CSV (the figures the window shows) and saves it as a file. */
export async function downloadCsv(table: AnalyticsTable, filter: AnalyticsFilter): Promise<void> {
  try {
    const { csv, fileName, rows } = await getApi().analytics.exportCsv({ table, filter });
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    useWorkstation.setState({ lastAction: `Exported ${rows} rows to ${fileName}` });
  } catch (error) {
    reportError(error);
  }
}

export function ExportButton({
  table,
  filter,
  label,
}: {
  readonly table: AnalyticsTable;
  readonly filter: AnalyticsFilter;
  readonly label: string;
}): React.JSX.Element {
  return (
    <button
      type="button"
      className="export"
      aria-label={`Export ${label} as CSV`}
      onClick={() => void downloadCsv(table, filter)}
    >
      CSV
    </button>
  );
}
