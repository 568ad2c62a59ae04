import { useWorkstation } from '../store';

/** Workers, feed and reconciliation in detail. */
export function StatusWindow(): React.JSX.Element {
  const status = useWorkstation((state) => state.status);
  if (!status) return <p className="muted">waiting for status…</p>;
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
    </div>
  );
}
