import type { PerformanceMetrics } from '../../../shared/analytics/performance';
import { formatMoney } from '../format';

export const rate = (value: number | null): string => (value === null ? '—' : `${(value * 100).toFixed(1)}%`);
export const ratio = (value: number | null): string => (value === null ? '—' : value.toFixed(2));
export const money = (value: number | null): string => formatMoney(value);
export const tone = (value: number | null): string =>
  value === null || value === 0 ? '' : value > 0 ? 'profit' : 'loss';

/** The columns every breakdown table shows, in the order a trader scans them. */
export const METRIC_COLUMNS: ReadonlyArray<{
  readonly label: string;
  readonly text: (metrics: PerformanceMetrics) => string;
  readonly tone?: (metrics: PerformanceMetrics) => string;
}> = [
  { label: 'Trades', text: (m) => String(m.trades) },
  { label: 'Win %', text: (m) => rate(m.winRate) },
  { label: 'Net P&L', text: (m) => money(m.netPnl), tone: (m) => tone(m.netPnl) },
  { label: 'Expect.', text: (m) => money(m.expectancy), tone: (m) => tone(m.expectancy) },
  { label: 'Avg win', text: (m) => money(m.averageWinner) },
  { label: 'Avg loss', text: (m) => money(m.averageLoser) },
  { label: 'PF', text: (m) => ratio(m.profitFactor) },
  {
    label: 'Max DD',
    text: (m) => money(m.maxDrawdown === 0 ? 0 : -m.maxDrawdown),
    tone: (m) => tone(-m.maxDrawdown),
  },
];
