import { useWorkstation } from '../store';

/** On host loss every trading control is disabled at once; this says why and that it is reconnecting. */
export function HostLossBanner(): React.JSX.Element | null {
  const connection = useWorkstation((state) => state.connection);
  const core = useWorkstation((state) => state.status?.workers.find((worker) => worker.name === 'core'));
  if (connection === 'closed')
    return (
      <div className="host-banner" role="alert" data-testid="host-banner">
        Host connection lost — trading is disabled. Reconnecting by itself; positions and exits keep running
        in the host once it is back.
      </div>
    );
  if (connection === 'open' && core && core.state !== 'running')
    return (
      <div className="host-banner" role="alert" data-testid="host-banner">
        Core worker {core.state}
        {core.detail ? `: ${core.detail}` : ''} — trading is disabled until it runs again.
      </div>
    );
  return null;
}
