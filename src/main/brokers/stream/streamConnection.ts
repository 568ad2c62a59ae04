import { WebSocket } from 'ws';
import type { BackoffPolicy } from './backoff';
import { DEFAULT_BACKOFF, backoffBoundMs, backoffDelayMs } from './backoff';

/**
 * One broker WebSocket that stays up: connect, let the protocol authenticate and subscribe, watch
 * for silence, and on any loss reconnect with jittered exponential backoff. The broker protocols
 * (OpenAlgo, Alpaca stocks, Alpaca options, Alpaca trade updates) plug in as a `StreamProtocol`;
 * this module knows nothing of their messages. Bad credentials are final (retrying cannot fix a
 * wrong key and brokers lock accounts that retry too often); everything else is retried.
 */

export type StreamState =
  'connecting' | 'authenticating' | 'live' | 'stale' | 'waiting' | 'failed' | 'closed';

export interface StreamStatus {
  /** Which connection, e.g. "openalgo market data", "alpaca options". */
  readonly name: string;
  readonly state: StreamState;
  readonly detail: string;
  /** Reconnect attempt while waiting/connecting again (1 = first retry). */
  readonly attempt?: number;
  /** Upper bound of the current wait, so a status bar can say "reconnecting within 2 s". */
  readonly retryWithinMs?: number;
}

export interface StreamLink {
  send(payload: string | Uint8Array): boolean;
  /** The protocol authenticated: the stream is live (resubscribe from here). */
  markLive(detail: string): void;
  /** A problem retrying cannot fix (bad credentials): stop and report. */
  fail(reason: string): void;
  /** A problem a fresh connection may fix (slow client, server restart): drop and reconnect. */
  drop(reason: string): void;
}

export interface StreamProtocol {
  /** The socket opened (headers already carried any credentials): send the auth message here. */
  onOpen(link: StreamLink): void;
  onFrame(data: Buffer, isBinary: boolean, link: StreamLink): void;
}

export interface StreamOptions {
  readonly name: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly protocol: StreamProtocol;
  readonly backoff?: BackoffPolicy;
  /** No frame and no pong for this long while live means a dead connection: reconnect. */
  readonly stallAfterMs?: number;
  /** No auth answer within this long: drop and retry. */
  readonly authTimeoutMs?: number;
  /** Source of jitter; injectable so tests are deterministic. */
  readonly random?: () => number;
  onStatus?(status: StreamStatus): void;
}

export interface StreamConnection {
  readonly status: StreamStatus;
  /** Resolves when live (now if already); rejects if the stream fails or is closed first. */
  whenLive(): Promise<void>;
  send(payload: string | Uint8Array): boolean;
  close(): Promise<void>;
}

export class StreamFailedError extends Error {
  override name = 'StreamFailedError';
}

export function openStream(options: StreamOptions): StreamConnection {
  const policy = options.backoff ?? DEFAULT_BACKOFF;
  const stallAfterMs = options.stallAfterMs ?? 30_000;
  const authTimeoutMs = options.authTimeoutMs ?? 10_000;
  const random = options.random ?? Math.random;
  let status: StreamStatus = {
    name: options.name,
    state: 'connecting',
    detail: `connecting to ${options.url}`,
  };
  let socket: WebSocket | null = null;
  let attempt = 0;
  let lastFrameAt = Date.now();
  let retryTimer: NodeJS.Timeout | null = null;
  let watchTimer: NodeJS.Timeout | null = null;
  let authTimer: NodeJS.Timeout | null = null;
  let waiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  const setStatus = (next: Omit<StreamStatus, 'name'>): void => {
    status = { name: options.name, ...next };
    options.onStatus?.(status);
  };
  const settleWaiters = (error?: Error): void => {
    const pending = waiters;
    waiters = [];
    for (const waiter of pending)
      if (error) waiter.reject(error);
      else waiter.resolve();
  };
  const clearTimers = (): void => {
    if (watchTimer) clearInterval(watchTimer);
    if (authTimer) clearTimeout(authTimer);
    watchTimer = null;
    authTimer = null;
  };
  const finished = (): boolean => status.state === 'failed' || status.state === 'closed';

  const scheduleReconnect = (reason: string): void => {
    clearTimers();
    if (finished() || retryTimer) return;
    attempt++;
    const delay = backoffDelayMs(policy, attempt, random);
    setStatus({
      state: 'waiting',
      detail: `${reason}; reconnecting in ${delay} ms (attempt ${attempt})`,
      attempt,
      retryWithinMs: backoffBoundMs(policy, attempt),
    });
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect();
    }, delay);
  };

  const connect = (): void => {
    setStatus({
      state: 'connecting',
      detail: `connecting to ${options.url}`,
      ...(attempt > 0 ? { attempt } : {}),
    });
    const ws = new WebSocket(options.url, { handshakeTimeout: 5000, headers: { ...options.headers } });
    socket = ws;
    let failure = '';
    const link: StreamLink = {
      send: (payload) => {
        if (ws.readyState !== WebSocket.OPEN) return false;
        ws.send(payload);
        return true;
      },
      markLive: (detail) => {
        if (socket !== ws || finished()) return;
        if (authTimer) clearTimeout(authTimer);
        authTimer = null;
        attempt = 0;
        lastFrameAt = Date.now();
        setStatus({ state: 'live', detail });
        settleWaiters();
      },
      fail: (reason) => {
        if (socket !== ws || finished()) return;
        clearTimers();
        setStatus({ state: 'failed', detail: reason });
        settleWaiters(new StreamFailedError(`${options.name}: ${reason}`));
        ws.terminate();
      },
      drop: (reason) => {
        if (socket !== ws || finished()) return;
        failure = reason;
        ws.terminate();
      },
    };
    ws.on('open', () => {
      lastFrameAt = Date.now();
      setStatus({ state: 'authenticating', detail: `connected to ${options.url}; authenticating` });
      authTimer = setTimeout(
        () => link.drop(`no authentication answer within ${authTimeoutMs} ms`),
        authTimeoutMs,
      );
      watchTimer = setInterval(
        () => {
          const silentMs = Date.now() - lastFrameAt;
          if (status.state === 'live' && silentMs >= stallAfterMs) {
            setStatus({ state: 'stale', detail: `no data or heartbeat for ${silentMs} ms` });
            link.drop(`stream silent for ${silentMs} ms`);
          } else if (ws.readyState === WebSocket.OPEN) ws.ping();
        },
        Math.max(20, Math.floor(stallAfterMs / 3)),
      );
      options.protocol.onOpen(link);
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => {
      lastFrameAt = Date.now();
      options.protocol.onFrame(data, isBinary, link);
    });
    ws.on('pong', () => (lastFrameAt = Date.now()));
    ws.on('ping', () => (lastFrameAt = Date.now()));
    ws.on('error', (error) => {
      failure ||= error.message;
    });
    ws.on('close', (code, reason) => {
      if (socket === ws) socket = null;
      const why =
        failure || `connection closed (code ${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`;
      scheduleReconnect(why);
    });
  };

  connect();

  return {
    get status() {
      return status;
    },
    whenLive() {
      if (status.state === 'live') return Promise.resolve();
      if (finished()) return Promise.reject(new StreamFailedError(`${options.name}: ${status.detail}`));
      return new Promise((resolve, reject) => waiters.push({ resolve, reject }));
    },
    send(payload) {
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.send(payload);
      return true;
    },
    close() {
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      clearTimers();
      if (status.state !== 'failed') setStatus({ state: 'closed', detail: 'closed' });
      settleWaiters(new StreamFailedError(`${options.name}: closed`));
      const ws = socket;
      if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve();
      return new Promise<void>((resolve) => {
        ws.once('close', () => resolve());
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'client closing');
      });
    },
  };
}
