import type { ConnectionStatusView } from '../../../shared/api/connectionViews';
import type { SystemStatus } from '../../../shared/api/views';
import type { QueueState } from '../rest/requestQueue';
import type { StreamStatus } from '../stream/streamConnection';

/**
 * Every connection to a real broker, by name, for the status bars: the market-data streams, the
 * order stream and the REST lanes (with their queue depth, the back-pressure a trader sees as
 * "3 queued" rather than as errors). The feed state the rest of the core knows is the worst of the
 * market-data streams: with Alpaca's stock stream live and its options stream stale the feed is stale.
 */
export class ConnectionBoard {
  private readonly connections = new Map<string, ConnectionStatusView>();

  constructor(private readonly onChange: (connections: readonly ConnectionStatusView[]) => void) {}

  stream(status: StreamStatus): void {
    this.set({ name: status.name, state: streamState(status), detail: status.detail });
  }

  queue(state: QueueState): void {
    const name = `${state.lane} REST`;
    const pausedMs = state.pausedUntilMs === undefined ? 0 : Math.max(0, state.pausedUntilMs - Date.now());
    this.set({
      name,
      state: 'live',
      detail:
        pausedMs > 0
          ? `rate limited by the broker: ${state.queued} queued, sending again in ${pausedMs} ms`
          : state.queued > 0
            ? `${state.queued} queued for a rate-limit slot`
            : 'ready',
      queued: state.queued,
    });
  }

  list(): readonly ConnectionStatusView[] {
    return [...this.connections.values()];
  }

  private set(view: ConnectionStatusView): void {
    const before = this.connections.get(view.name);
    if (
      before &&
      before.state === view.state &&
      before.detail === view.detail &&
      before.queued === view.queued
    )
      return;
    this.connections.set(view.name, view);
    this.onChange(this.list());
  }
}

function streamState(status: StreamStatus): ConnectionStatusView['state'] {
  switch (status.state) {
    case 'live':
    case 'stale':
    case 'failed':
    case 'closed':
      return status.state;
    case 'waiting':
      return 'reconnecting';
    case 'connecting':
    case 'authenticating':
      return status.attempt === undefined ? 'connecting' : 'reconnecting';
  }
}

/** The feed state of several market-data streams: the worst of them, each named in the detail. */
export function combinedFeedStatus(streams: readonly StreamStatus[]): SystemStatus['feed'] {
  const rank = (status: StreamStatus): number =>
    status.state === 'live'
      ? 0
      : status.state === 'connecting' || status.state === 'authenticating'
        ? 1
        : status.state === 'stale'
          ? 2
          : 3;
  const worst = streams.reduce((a, b) => (rank(b) > rank(a) ? b : a));
  const state = (['connected', 'connecting', 'stale', 'disconnected'] as const)[rank(worst)];
  return { state, detail: streams.map((status) => `${status.name}: ${status.detail}`).join('; ') };
}
