import { formatMoney } from '../format';
import { formatRate, formatWhen } from './tapeTime';
import { refreshRuns, useReplay } from './replayStore';

/** Backtest runs saved in the ledger (every replay that reached its end, and `scalpdesk replay --save`). */
export function SavedRunsTable(): React.JSX.Element {
  const runs = useReplay((state) => state.runs);
  return (
    <section className="replay-runs" aria-label="Saved runs">
      <h2>
        Saved runs{' '}
        <button type="button" title="Reload the saved runs" onClick={() => void refreshRuns()}>
          ↻
        </button>
      </h2>
      <table className="grid" data-testid="replay-runs">
        <thead>
          <tr>
            <th>When</th>
            <th>File</th>
            <th>Preset</th>
            <th>Trades</th>
            <th>Net P&amp;L</th>
            <th>Win rate</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <tr
              key={run.runId}
              data-testid="replay-run-row"
              title={`${run.runId} · ${run.origin ?? ''} · ${run.status}`}
            >
              <td>{formatWhen(run.finishedUs ?? run.createdUs)}</td>
              <td>{run.file ?? '—'}</td>
              <td>{run.preset ?? '—'}</td>
              <td>{run.trades ?? '—'}</td>
              <td title={run.currency ?? undefined}>{formatMoney(run.netPnl)}</td>
              <td>{formatRate(run.winRate)}</td>
            </tr>
          ))}
          {runs.length === 0 && (
            <tr>
              <td colSpan={6} className="muted">
                no saved runs yet: a replay is saved when it reaches the end of its tape
              </td>
            </tr>
          )}
        </tbody>
      </table>
    </section>
  );
}
