import { useWorkstation } from '../store';

/** Connection, worker and feed health, on every window: a dead worker is visible wherever the trader looks. */
export function StatusBar(): React.JSX.Element {
  const connection = useWorkstation((state) => state.connection);
  const status = useWorkstation((state) => state.status);
  const lastError = useWorkstation((state) => state.lastError);
  const unhealthy = status?.workers.filter((worker) => worker.state !== 'running') ?? [];
  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`dot dot-${connection}`} /> {connection === 'open' ? 'connected' : connection}
      {status && (
        <span
          data-testid="feed-state"
          className={`status-item${status.feed.state === 'connected' ? '' : ' alert'}`}
          title={status.feed.detail}
        >
          feed: {status.feed.state}
          {status.feed.state === 'stale' && status.feed.detail ? ` (${status.feed.detail})` : ''}
        </span>
      )}
      {unhealthy.map((worker) => (
        <span key={worker.name} className="status-item alert" data-testid={`worker-${worker.name}`}>
          {worker.name} worker {worker.state}
          {worker.detail ? `: ${worker.detail}` : ''}
        </span>
      ))}
      {status?.reconciliation && !status.reconciliation.ok && (
        <span className="status-item alert">reconciliation: {status.reconciliation.detail}</span>
      )}
      {lastError && (
        <span className="status-item alert" data-testid="last-error">
          {lastError}
        </span>
      )}
    </footer>
  );
}
