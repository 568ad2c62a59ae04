import { useState } from 'react';
import { getApi, reportError, useWorkstation } from '../store';

/** Workers, feed and reconciliation in detail; an open reconciliation can be resolved here. */
export function StatusWindow(): React.JSX.Element {
  const status = useWorkstation((state) => state.status);
  const [note, setNote] = useState('');
  if (!status) return <p className="muted">waiting for status…</p>;
  const reconciliation = status.reconciliation;
  const resolve = (): void => {
    getApi()
      .system.resolveReconciliation({ note })
      .then(() => setNote(''), reportError);
  };
  return (
    <div className="status-window">
      <h2>Workers</h2>
      <table>
        <tbody>
          {status.workers.map((worker) => (
            <tr key={worker.name}>
              <td>{worker.name}</td>
              <td>{worker.state}</td>
              <td>{worker.restarts} restarts</td>
              <td>{worker.detail ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Feed</h2>
      <p>
        {status.feed.state} {status.feed.detail ?? ''}
      </p>
      {status.connections && status.connections.length > 0 && (
        <>
          <h2>Broker connections</h2>
          <table aria-label="Broker connections">
            <tbody>
              {status.connections.map((link) => (
                <tr key={link.name} data-testid="connection-row">
                  <td>{link.name}</td>
                  <td>{link.state}</td>
                  <td className="number">{link.queued ?? ''}</td>
                  <td>{link.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h2>Ledger reconciliation</h2>
      <p data-testid="reconciliation">{reconciliation ? reconciliation.detail : 'not checked yet'}</p>
      {reconciliation && !reconciliation.ok && (
        <div className="toolbar">
          <input
            aria-label="What you checked"
            placeholder="What you checked at the broker"
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
          <button disabled={note.trim().length < 3} onClick={resolve}>
            Mark resolved
          </button>
        </div>
      )}
    </div>
  );
}
