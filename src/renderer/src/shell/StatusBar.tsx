import { useWorkstation } from '../store';
import { formatAge, useNow } from './useNow';
import { currentRoute } from './windowKinds';

/** Windows that watch books: there, no update yet means no data yet. */
const BOOK_WINDOWS = new Set(['ladder', 'chart']);

/** Older than this with the feed connected, the market data is shown as stale. */
export const STALE_AFTER_MS = 5_000;

export type FeedHealth = 'live' | 'stale' | 'reconnecting';

/**
 * The core's word first (a broker stream it found stale is stale everywhere); then, in a window that
 * shows books, the age of its last update. A window without a book (status, broker) trusts the core.
 */
export function feedHealth(
  feedState: string | undefined,
  lastTickAgeMs: number | null,
  showsBooks = true,
): FeedHealth {
  if (feedState === 'stale') return 'stale';
  if (feedState !== 'connected') return 'reconnecting';
  if (lastTickAgeMs === null) return showsBooks ? 'stale' : 'live';
  return lastTickAgeMs <= STALE_AFTER_MS ? 'live' : 'stale';
}

/** A broker connection's colour; the word is always shown too. Queued requests are back-pressure, not a fault. */
export function connectionTone(state: string, queued: number | undefined): 'ok' | 'warn' | 'bad' {
  if (state === 'live') return queued ? 'warn' : 'ok';
  return state === 'stale' || state === 'connecting' ? 'warn' : 'bad';
}

/**
 * On every window: host connection, feed (live / stale / reconnecting), each real-broker connection
 * (market data, orders, REST queue) by name, last tick age, broker,
 * engine mode, ledger — each with a word as well as a colour — and the last action or error.
 */
export function StatusBar(): React.JSX.Element {
  const connection = useWorkstation((state) => state.connection);
  const status = useWorkstation((state) => state.status);
  const info = useWorkstation((state) => state.info);
  const engine = useWorkstation((state) => state.engine);
  const lastError = useWorkstation((state) => state.lastError);
  const lastAction = useWorkstation((state) => state.lastAction);
  // Rounded to the status bar's own clock step, so a busy book does not re-render it every frame.
  const newest =
    useWorkstation((state) => Math.floor(Math.max(0, ...Object.values(state.ladderReceivedMs)) / 250)) * 250;
  const now = useNow(500);
  const tickAge = newest > 0 ? now - newest : null;
  const hostUp = connection === 'open';
  const showsBooks = BOOK_WINDOWS.has(currentRoute());
  const feed = hostUp ? feedHealth(status?.feed.state, tickAge, showsBooks) : 'reconnecting';
  const ledger = status?.workers.find((worker) => worker.name === 'ledger');
  const core = status?.workers.find((worker) => worker.name === 'core');
  return (
    <footer className="status-bar" data-testid="status-bar" aria-label="Status">
      <span className={`status-item state-${hostUp ? 'ok' : 'bad'}`} data-testid="host-state">
        host {hostUp ? 'connected' : connection === 'closed' ? 'LOST' : 'connecting'}
      </span>
      <span
        className={`status-item state-${feed === 'live' ? 'ok' : feed === 'stale' ? 'warn' : 'bad'}`}
        data-testid="feed-state"
        title={status?.feed.detail}
      >
        feed {feed}
      </span>
      {hostUp &&
        status?.connections
          // A REST lane shows here only while requests wait (back-pressure); the status window lists it always.
          ?.filter((link) => link.queued === undefined || link.queued > 0 || link.state !== 'live')
          .map((link) => (
            <span
              key={link.name}
              className={`status-item state-${connectionTone(link.state, link.queued)}`}
              data-testid="connection-state"
              data-connection={link.name}
              title={link.detail}
            >
              {link.name} {link.state === 'live' && link.queued ? `${link.queued} queued` : link.state}
            </span>
          ))}
      <span className="status-item" data-testid="tick-age">
        tick {tickAge === null ? '—' : formatAge(tickAge)}
      </span>
      <span className="status-item">broker {info?.broker ?? '—'}</span>
      <span className="status-item">
        engine {engine ? `${engine.mode}${engine.killed ? ' KILLED' : ''}` : '—'}
      </span>
      <span className={`status-item state-${ledger?.state === 'running' ? 'ok' : 'bad'}`}>
        ledger {ledger?.state ?? '—'}
      </span>
      {core && core.state !== 'running' && <span className="status-item state-bad">core {core.state}</span>}
      {status?.reconciliation && !status.reconciliation.ok && (
        <span className="status-item state-bad">reconciliation: {status.reconciliation.detail}</span>
      )}
      {lastError ? (
        <span
          className="status-item state-bad message"
          data-testid="last-error"
          role="status"
          title="click to dismiss"
          onClick={() => useWorkstation.setState({ lastError: null })}
        >
          {lastError}
        </span>
      ) : (
        lastAction && (
          <span className="status-item message" data-testid="last-action" role="status">
            {lastAction}
          </span>
        )
      )}
    </footer>
  );
}
