import type { ReplayResultsView } from '../../../shared/api/views';
import { formatMoney } from '../format';
import { formatRate, formatRatio } from './tapeTime';

const SAVED_TEXT: Record<ReplayResultsView['saved'], string> = {
  pending: 'saving to the ledger…',
  saved: 'saved to the ledger',
  failed: 'not saved',
};

/** The end of a run: the replay report's figures (the same as `scalpdesk replay`) and its per-signal table. */
export function ReplayResultsPanel({ results }: { readonly results: ReplayResultsView }): React.JSX.Element {
  const figures: Array<[string, string, string]> = [
    ['Trades', String(results.trades), 'result-trades'],
    ['Net P&L', formatMoney(results.netPnl), 'result-net-pnl'],
    ['Win rate', formatRate(results.winRate), 'result-win-rate'],
    ['Expectancy', formatMoney(results.expectancy), 'result-expectancy'],
    ['Profit factor', formatRatio(results.profitFactor), 'result-profit-factor'],
    [
      'Max drawdown',
      formatMoney(results.maxDrawdown === 0 ? 0 : -results.maxDrawdown),
      'result-max-drawdown',
    ],
    ['Sharpe (per trade)', formatRatio(results.sharpe), 'result-sharpe'],
    ['Gross P&L', formatMoney(results.grossPnl), 'result-gross-pnl'],
    ['Charges', formatMoney(results.charges === 0 ? 0 : -results.charges), 'result-charges'],
    ['Orders / fills', `${results.orders} / ${results.fills}`, 'result-orders'],
    ['Decisions (blocked)', `${results.decisions} (${results.entriesBlocked})`, 'result-decisions'],
    ['Open at end', String(results.openPositions), 'result-open'],
    [
      'Events / tape trades',
      `${results.events.toLocaleString('en-US')} / ${results.tapeTrades.toLocaleString('en-US')}`,
      'result-events',
    ],
  ];
  return (
    <section className="replay-results" aria-label="Results" data-testid="replay-results">
      <h2>
        Results{' '}
        {results.currency && (
          <span className="muted" data-testid="result-currency" title="Currency of every amount below">
            · {results.currency} ·{' '}
          </span>
        )}
        <span className={`muted saved-${results.saved}`} data-testid="result-saved">
          {SAVED_TEXT[results.saved]}
          {results.saveError ? `: ${results.saveError}` : ''}
        </span>
      </h2>
      <dl className="figures">
        {figures.map(([label, value, testId]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd data-testid={testId}>{value}</dd>
          </div>
        ))}
      </dl>
      {results.problems.length > 0 && (
        <ul className="problems" data-testid="result-problems">
          {results.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <table className="grid" data-testid="result-by-signal">
        <thead>
          <tr>
            <th>Signal</th>
            <th>Trades</th>
            <th>Net P&amp;L</th>
            <th>Win rate</th>
            <th>Expectancy</th>
          </tr>
        </thead>
        <tbody>
          {results.bySignal.map((row) => (
            <tr key={row.name}>
              <td>{row.name}</td>
              <td>{row.trades}</td>
              <td>{formatMoney(row.netPnl)}</td>
              <td>{formatRate(row.winRate)}</td>
              <td>{formatMoney(row.expectancy)}</td>
            </tr>
          ))}
          {results.bySignal.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                no closed trades
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
