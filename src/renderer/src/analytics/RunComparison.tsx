import { useState } from 'react';
import type { BreakdownRowView } from '../../../shared/api/analyticsViews';
import type { BacktestRunView } from '../../../shared/api/views';
import { formatWhen } from '../replay/tapeTime';
import { money, rate, tone } from './analyticsFormat';

/** A live day or a saved backtest run, reduced to the figures both have. */
interface Compared {
  readonly id: string;
  readonly kind: 'live day' | 'backtest';
  readonly label: string;
  readonly trades: number | null;
  readonly netPnl: number | null;
  readonly winRate: number | null;
  readonly expectancy: number | null;
}

function fromDay(row: BreakdownRowView): Compared {
  const { metrics } = row;
  return {
    id: `day:${row.key}`,
    kind: 'live day',
    label: row.key,
    trades: metrics.trades,
    netPnl: metrics.netPnl,
    winRate: metrics.winRate,
    expectancy: metrics.expectancy,
  };
}

function fromRun(run: BacktestRunView): Compared {
  return {
    id: `run:${run.runId}`,
    kind: 'backtest',
    label: `${run.file ?? run.runId} · ${run.preset ?? ''}`,
    trades: run.trades,
    netPnl: run.netPnl,
    winRate: run.winRate,
    // The same definition as the metrics module: mean net P&L per trade.
    expectancy: run.netPnl !== null && run.trades ? Math.round((run.netPnl / run.trades) * 1e4) / 1e4 : null,
  };
}

const FIGURES: ReadonlyArray<{
  readonly label: string;
  readonly text: (row: Compared) => string;
  readonly tone?: (row: Compared) => string;
}> = [
  { label: 'Trades', text: (row) => (row.trades === null ? '—' : String(row.trades)) },
  { label: 'Net P&L', text: (row) => money(row.netPnl), tone: (row) => tone(row.netPnl) },
  { label: 'Win rate', text: (row) => rate(row.winRate) },
  { label: 'Expectancy', text: (row) => money(row.expectancy), tone: (row) => tone(row.expectancy) },
];

/** Saved backtest runs listed beside live days; tick any of them to compare side by side. */
export function RunComparison({
  daily,
  runs,
}: {
  readonly daily: readonly BreakdownRowView[];
  readonly runs: readonly BacktestRunView[];
}): React.JSX.Element {
  const [chosen, setChosen] = useState<readonly string[]>([]);
  const all = [...daily.map(fromDay).reverse(), ...runs.map(fromRun)];
  const compared = chosen.flatMap((id) => all.filter((row) => row.id === id));
  const toggle = (id: string): void =>
    setChosen((current) =>
      current.includes(id) ? current.filter((value) => value !== id) : [...current, id].slice(-6),
    );
  return (
    <section className="run-comparison" aria-label="Live days and backtest runs">
      <h2>
        Live days and backtests <span className="muted">tick to compare</span>
      </h2>
      <div className="comparison-grid">
        <div className="scroll">
          <table className="grid compact" data-testid="analytics-runs">
            <thead>
              <tr>
                <th aria-label="Compare" />
                <th>Kind</th>
                <th>Day / run</th>
                <th className="number">Trades</th>
                <th className="number">Net P&amp;L</th>
                <th className="number">Win %</th>
              </tr>
            </thead>
            <tbody>
              {all.map((row) => (
                <tr key={row.id}>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare ${row.kind} ${row.label}`}
                      checked={chosen.includes(row.id)}
                      onChange={() => toggle(row.id)}
                    />
                  </td>
                  <td>{row.kind}</td>
                  <td className="symbol" title={row.id}>
                    {row.label}
                  </td>
                  <td className="number">{row.trades ?? '—'}</td>
                  <td className={`number ${tone(row.netPnl)}`}>{money(row.netPnl)}</td>
                  <td className="number">{rate(row.winRate)}</td>
                </tr>
              ))}
              {all.length === 0 && (
                <tr>
                  <td colSpan={6} className="muted">
                    no live days or saved runs yet
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
        <table className="grid compact side-by-side" data-testid="analytics-compare">
          <thead>
            <tr>
              <th />
              {compared.map((row) => (
                <th key={row.id} className="number" title={row.id}>
                  {row.kind === 'backtest' ? 'BT ' : ''}
                  {row.label.slice(0, 22)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {FIGURES.map((figure) => (
              <tr key={figure.label}>
                <td>{figure.label}</td>
                {compared.map((row) => (
                  <td key={row.id} className={`number ${figure.tone?.(row) ?? ''}`}>
                    {figure.text(row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {runs.length > 0 && (
        <p className="muted">newest run {formatWhen(runs[0].finishedUs ?? runs[0].createdUs)}</p>
      )}
    </section>
  );
}
