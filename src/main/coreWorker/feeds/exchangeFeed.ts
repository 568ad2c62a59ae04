import { WebSocket } from 'ws';
import type { Instrument } from '../../../shared/domain/instrument';
import { describeIssue, marketEventSchema } from '../../../shared/domain/marketEventSchemas';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { ChainSnapshot } from '../../../shared/options/chain/snapshot';
import type { ExchangeErrorCode, RequestId, ServerMessage, SubscriptionMode } from '../../exchange/protocol';
import { serverMessageSchema, type UncheckedServerMessage } from '../../exchange/serverMessages';
import type { MarketFeed } from './marketFeed';

/**
 * Client of the built-in exchange's WebSocket protocol (docs/exchange-protocol.md): the same client
 * path a broker feed takes, so the default setup exercises real sockets. It remembers the
 * subscriptions and restores them after a reconnect; a dropped connection is retried with
 * exponential backoff (250 ms doubling to 5 s by default) until `close()`.
 *
 * Health: while connected it sends a ping every quarter of `staleAfterMs`; any frame (events or the
 * pong) counts as a sign of life. With none for `staleAfterMs` the connection is reported `stale`
 * — the socket may look open while the exchange process is frozen or the network silently drops
 * — and `connected` again when frames resume. A quiet market with a live exchange still answers
 * pings, so it is not stale. Market time never moves backwards: events stamped before the latest
 * one delivered (an exchange restarted on an earlier clock) are reported once and held back until
 * market time passes the latest again.
 */

export interface ExchangeFeedStatus {
  readonly state: 'connecting' | 'connected' | 'stale' | 'disconnected';
  readonly detail?: string;
  /** Reconnect attempt number while reconnecting (1 = first retry). */
  readonly attempt?: number;
}

export class ExchangeFeedError extends Error {
  override name = 'ExchangeFeedError';
  constructor(
    message: string,
    /** The exchange's error code, or 'protocol' / 'connection' for client-side problems. */
    readonly code: ExchangeErrorCode | 'protocol' | 'connection' | 'closed' | 'timeRegression',
  ) {
    super(message);
  }
}

/**
 * A request refused because the feed was stopped on purpose (the app closing): not news for the log,
 * unlike a request the exchange failed to answer.
 */
export function isFeedClosedError(error: unknown): boolean {
  return error instanceof ExchangeFeedError && error.code === 'closed';
}

export interface ExchangeFeedHandlers {
  onEvent(event: MarketEvent): void;
  onStatus?(status: ExchangeFeedStatus): void;
  /**
   * Errors the exchange reports (a rejected subscription) and malformed server frames or events,
   * which are dropped: nothing unchecked reaches `onEvent` or a request's reply.
   */
  onError?(error: ExchangeFeedError): void;
  /** The listing changed (first connect, a new session). */
  onInstruments?(instruments: readonly Instrument[], version: number): void;
}

export interface ExchangeFeedOptions {
  readonly initialReconnectDelayMs?: number;
  readonly maxReconnectDelayMs?: number;
  /** A request (instruments, chain) not answered in this time fails. */
  readonly requestTimeoutMs?: number;
  /** No frame at all for this long while connected reports the connection `stale` (default 3000 ms). */
  readonly staleAfterMs?: number;
}

export interface ExchangeFeed {
  /** Subscribes (now if connected, else on connect) and remembers it across reconnects. */
  subscribe(symbols: readonly string[], mode: SubscriptionMode): void;
  unsubscribe(symbols: readonly string[]): void;
  instruments(): Promise<readonly Instrument[]>;
  chain(underlying: string, expiry?: string): Promise<ChainSnapshot>;
  /** Resolves once connected (immediately if already). */
  whenConnected(): Promise<void>;
  readonly connected: boolean;
  /** Stops reconnecting and closes the socket; pending requests fail. */
  close(): Promise<void>;
}

interface PendingRequest {
  readonly resolve: (message: ServerMessage) => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout;
}

export function connectExchangeFeed(
  url: string,
  handlers: ExchangeFeedHandlers,
  options: ExchangeFeedOptions = {},
): ExchangeFeed {
  const initialDelay = options.initialReconnectDelayMs ?? 250;
  const maxDelay = options.maxReconnectDelayMs ?? 5000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  let lastFrameAtMs = 0;
  let stale = false;
  let healthTimer: NodeJS.Timeout | null = null;
  /** Latest market time delivered, and whether a regression below it is being held back. */
  let latestTsEvent = -Infinity;
  let holdingRegression = false;
  const subscriptions = new Map<string, SubscriptionMode>();
  const pending = new Map<RequestId, PendingRequest>();
  let socket: WebSocket | null = null;
  let connected = false;
  let closing = false;
  let attempt = 0;
  let reconnectTimer: NodeJS.Timeout | null = null;
  let nextId = 1;
  let connectedWaiters: { resolve: () => void; reject: (error: Error) => void }[] = [];

  const status = (value: ExchangeFeedStatus): void => handlers.onStatus?.(value);
  const reportError = (error: ExchangeFeedError): void => handlers.onError?.(error);

  const sendRaw = (message: object): boolean => {
    if (socket === null || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(JSON.stringify(message));
    return true;
  };

  const resubscribe = (): void => {
    const byMode = new Map<SubscriptionMode, string[]>();
    for (const [symbol, mode] of subscriptions) {
      const list = byMode.get(mode) ?? [];
      list.push(symbol);
      byMode.set(mode, list);
    }
    for (const [mode, symbols] of byMode) sendRaw({ op: 'subscribe', symbols, mode });
  };

  const failPending = (reason: string, code: 'connection' | 'closed' = 'connection'): void => {
    for (const [id, request] of pending) {
      clearTimeout(request.timer);
      request.reject(new ExchangeFeedError(reason, code));
      pending.delete(id);
    }
  };

  const deliver = (event: MarketEvent): void => {
    // Instruments' events interleave a little out of time order across batches (tens of ms): that is
    // not a regression. A jump back past the tolerance (a restarted exchange) is held and reported.
    if (event.tsEvent < latestTsEvent - REORDER_TOLERANCE_US) {
      if (!holdingRegression) {
        holdingRegression = true;
        reportError(
          new ExchangeFeedError(
            `market time went back ${latestTsEvent - event.tsEvent} µs (event at ${event.tsEvent} µs after ${latestTsEvent} µs); ` +
              'holding market time until the feed passes it again',
            'timeRegression',
          ),
        );
      }
      return;
    }
    holdingRegression = false;
    if (event.tsEvent > latestTsEvent) latestTsEvent = event.tsEvent;
    handlers.onEvent(event);
  };

  /** Each event of a batch checked on its own: a malformed one is reported and dropped, the rest delivered. */
  const deliverEvents = (events: readonly unknown[]): void => {
    let dropped = 0;
    let firstProblem = '';
    for (const candidate of events) {
      const parsed = marketEventSchema.safeParse(candidate);
      if (parsed.success) {
        deliver(parsed.data);
        continue;
      }
      if (dropped++ === 0) firstProblem = describeIssue(parsed.error);
    }
    if (dropped > 0)
      reportError(
        new ExchangeFeedError(
          `exchange sent ${dropped} malformed event${dropped === 1 ? '' : 's'} (dropped; first: ${firstProblem})`,
          'protocol',
        ),
      );
  };

  const dispatch = (message: UncheckedServerMessage): void => {
    switch (message.type) {
      case 'events':
        deliverEvents(message.events);
        return;
      case 'instruments':
        if (message.id === undefined) handlers.onInstruments?.(message.instruments, message.version);
        break;
      case 'error':
        // Symbols the exchange no longer lists (an expired contract) are dropped from the remembered set.
        if (message.code === 'unknown_symbol')
          for (const symbol of message.symbols ?? []) subscriptions.delete(symbol);
        if (message.id === undefined || !pending.has(message.id)) {
          reportError(
            new ExchangeFeedError(`exchange error (${message.code}): ${message.message}`, message.code),
          );
        }
        break;
      case 'hello':
      case 'subscribed':
      case 'unsubscribed':
      case 'chain':
      case 'pong':
        break;
    }
    if ('id' in message && message.id !== undefined) {
      const request = pending.get(message.id);
      if (request !== undefined) {
        pending.delete(message.id);
        clearTimeout(request.timer);
        if (message.type === 'error')
          request.reject(
            new ExchangeFeedError(`exchange error (${message.code}): ${message.message}`, message.code),
          );
        else request.resolve(message);
      }
    }
  };

  const stopHealthChecks = (): void => {
    if (healthTimer !== null) clearInterval(healthTimer);
    healthTimer = null;
    stale = false;
  };

  /** Pings while connected and reports `stale` / `connected` as frames stop and resume. */
  const startHealthChecks = (): void => {
    stopHealthChecks();
    lastFrameAtMs = Date.now();
    healthTimer = setInterval(
      () => {
        sendRaw({ op: 'ping', id: nextId++ });
        const silentMs = Date.now() - lastFrameAtMs;
        if (!stale && silentMs >= staleAfterMs) {
          stale = true;
          status({ state: 'stale', detail: `no data from ${url} for ${silentMs} ms` });
        }
      },
      Math.max(10, Math.floor(staleAfterMs / 4)),
    );
    healthTimer.unref();
  };

  const onFrame = (data: Buffer | ArrayBuffer | Buffer[], isBinary: boolean): void => {
    lastFrameAtMs = Date.now();
    if (stale) {
      stale = false;
      status({ state: 'connected', detail: url });
    }
    if (isBinary) {
      reportError(
        new ExchangeFeedError('exchange sent a binary frame; the protocol is JSON text', 'protocol'),
      );
      return;
    }
    let message: unknown;
    try {
      message = JSON.parse(String(data));
    } catch {
      reportError(new ExchangeFeedError('exchange sent a frame that is not JSON', 'protocol'));
      return;
    }
    const parsed = serverMessageSchema.safeParse(message);
    if (!parsed.success) {
      reportError(
        new ExchangeFeedError(
          `exchange sent a malformed message (dropped; ${describeIssue(parsed.error)}): ${String(data).slice(0, 120)}`,
          'protocol',
        ),
      );
      return;
    }
    dispatch(parsed.data);
  };

  const scheduleReconnect = (reason: string): void => {
    if (closing) return;
    attempt++;
    const delay = Math.min(maxDelay, initialDelay * 2 ** (attempt - 1));
    status({
      state: 'disconnected',
      detail: `${reason}; reconnecting in ${delay} ms (attempt ${attempt})`,
      attempt,
    });
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      open();
    }, delay);
  };

  const open = (): void => {
    status({ state: 'connecting', detail: `connecting to ${url}`, ...(attempt > 0 ? { attempt } : {}) });
    let failure = '';
    const ws = new WebSocket(url, { handshakeTimeout: 5000 });
    socket = ws;
    ws.on('open', () => {
      connected = true;
      attempt = 0;
      status({ state: 'connected', detail: url });
      startHealthChecks();
      resubscribe();
      const waiters = connectedWaiters;
      connectedWaiters = [];
      for (const waiter of waiters) waiter.resolve();
    });
    ws.on('message', onFrame);
    ws.on('error', (error) => {
      failure = error.message;
    });
    ws.on('close', (code, reason) => {
      const wasConnected = connected;
      connected = false;
      stopHealthChecks();
      if (socket === ws) socket = null;
      failPending(`connection to ${url} lost before the reply arrived`);
      if (closing) return;
      const why =
        failure !== ''
          ? failure
          : `connection closed (code ${code}${reason.length > 0 ? `: ${reason.toString()}` : ''})`;
      scheduleReconnect(wasConnected ? why : `cannot connect to ${url}: ${why}`);
    });
  };

  const request = <T extends ServerMessage['type']>(
    message: object,
    expected: T,
  ): Promise<Extract<ServerMessage, { type: T }>> => {
    if (closing) return Promise.reject(new ExchangeFeedError('feed is closed', 'closed'));
    const id = nextId++;
    return new Promise((resolve, reject) => {
      if (!sendRaw({ ...message, id })) {
        reject(new ExchangeFeedError(`not connected to ${url}`, 'connection'));
        return;
      }
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new ExchangeFeedError(`no reply from ${url} within ${requestTimeoutMs} ms`, 'connection'));
      }, requestTimeoutMs);
      pending.set(id, {
        resolve: (reply) => {
          if (reply.type === expected) resolve(reply as Extract<ServerMessage, { type: T }>);
          else reject(new ExchangeFeedError(`expected a ${expected} reply, got ${reply.type}`, 'protocol'));
        },
        reject,
        timer,
      });
    });
  };

  open();

  return {
    subscribe(symbols, mode) {
      for (const symbol of symbols) subscriptions.set(symbol, mode);
      if (symbols.length > 0) sendRaw({ op: 'subscribe', symbols: [...symbols], mode });
    },
    unsubscribe(symbols) {
      for (const symbol of symbols) subscriptions.delete(symbol);
      if (symbols.length > 0) sendRaw({ op: 'unsubscribe', symbols: [...symbols] });
    },
    async instruments() {
      return (await request({ op: 'instruments' }, 'instruments')).instruments;
    },
    async chain(underlying, expiry) {
      return (
        await request({ op: 'chain', underlying, ...(expiry === undefined ? {} : { expiry }) }, 'chain')
      ).snapshot;
    },
    whenConnected() {
      if (connected) return Promise.resolve();
      if (closing) return Promise.reject(new ExchangeFeedError('feed is closed', 'closed'));
      return new Promise((resolve, reject) => connectedWaiters.push({ resolve, reject }));
    },
    get connected() {
      return connected;
    },
    close() {
      closing = true;
      stopHealthChecks();
      if (reconnectTimer !== null) clearTimeout(reconnectTimer);
      failPending('feed closed', 'closed');
      for (const waiter of connectedWaiters)
        waiter.reject(new ExchangeFeedError('feed closed before it connected', 'closed'));
      connectedWaiters = [];
      const ws = socket;
      if (ws === null || ws.readyState === WebSocket.CLOSED) {
        status({ state: 'disconnected', detail: 'closed' });
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        ws.once('close', () => {
          status({ state: 'disconnected', detail: 'closed' });
          resolve();
        });
        if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
        else ws.close(1000, 'client closing');
      });
    },
  };
}

/** How far back an event may lie behind the latest one before market time counts as regressed. */
const REORDER_TOLERANCE_US = 1_000_000;

/** Silence after which a connected feed is reported stale, unless settings say otherwise. */
export const DEFAULT_STALE_AFTER_MS = 3000;

/**
 * The exchange as the core's MarketFeed: connects, lists the instruments and subscribes to all of
 * them in the given mode (depth by default).
 */
export function createExchangeMarketFeed(
  url: string,
  mode: SubscriptionMode = 'depth',
  options?: ExchangeFeedOptions,
): MarketFeed {
  let feed: ExchangeFeed | null = null;
  let listed = new Set<string>();
  const follow = (instruments: readonly Instrument[]): void => {
    const next = new Set<string>(instruments.map((instrument) => instrument.symbol));
    const gone = [...listed].filter((symbol) => !next.has(symbol));
    if (gone.length > 0) feed?.unsubscribe(gone);
    feed?.subscribe([...next], mode);
    listed = next;
  };
  return {
    async start({ onEvent, onStatus, onProblem }) {
      feed = connectExchangeFeed(
        url,
        {
          onEvent,
          onStatus: (status) =>
            onStatus({
              state: status.state,
              ...(status.detail === undefined ? {} : { detail: status.detail }),
            }),
          onInstruments: follow,
          onError: (error) => onProblem?.(error.message),
        },
        options,
      );
      await feed.whenConnected();
      const instruments = await feed.instruments();
      follow(instruments);
      return instruments;
    },
    async stop() {
      await feed?.close();
      feed = null;
    },
    chain(underlying, expiry) {
      if (!feed) return Promise.reject(new ExchangeFeedError('the feed is not started', 'closed'));
      return feed.chain(underlying, expiry);
    },
  };
}
