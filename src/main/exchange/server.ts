import { describeIssue } from '../../shared/domain/marketEventSchemas';
import type { RawData } from 'ws';
import { WebSocket, WebSocketServer } from 'ws';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { ExchangeConfig } from './config';
import type {
  ClientMessage,
  ExchangeErrorCode,
  RequestId,
  ServerMessage,
  SessionInfo,
  SubscriptionMode,
} from './protocol';
import {
  clientMessageSchema,
  EXCHANGE_PROTOCOL_VERSION,
  MAX_CLIENT_MESSAGE_BYTES,
  modeDelivers,
} from './protocol';
import { ExchangeSimulation } from './simulation';

export interface ExchangeServerOptions extends ExchangeConfig {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  readonly port?: number;
  /** Simulated seconds per wall-clock second (default 1: real time). */
  readonly speed?: number;
  /** Wall-clock milliseconds between simulation steps and event batches (default 50). */
  readonly tickIntervalMs?: number;
  /** A client whose unsent data exceeds this many bytes is disconnected (default 16 MiB). */
  readonly maxBufferedBytes?: number;
}

export interface ExchangeServer {
  /** `ws://127.0.0.1:PORT/` */
  readonly url: string;
  readonly port: number;
  readonly simulation: ExchangeSimulation;
  /** Number of connected clients. */
  clientCount(): number;
  /** Drops every client connection (abnormally, as a network failure would); the server keeps listening. */
  dropConnections(): void;
  close(): Promise<void>;
}

const KNOWN_OPS = new Set(['subscribe', 'unsubscribe', 'instruments', 'chain', 'ping']);
/** Close code for a client that cannot keep up (private-use range 4000–4999). */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

interface ClientState {
  readonly socket: WebSocket;
  /** symbol → mode */
  readonly subscriptions: Map<string, SubscriptionMode>;
  batch: MarketEvent[];
}

/**
 * Runs the simulated exchange as a WebSocket server on 127.0.0.1 (never another interface: the market is
 * local, the "secure by default" principle). Pacing: every tickIntervalMs the simulation advances by the
 * elapsed wall time × speed; between sessions it skips straight to the next open. Each client gets one
 * `events` frame per tick with the events of its subscriptions. Bad client messages get an `error` reply;
 * nothing a client sends can stop the server.
 */
export async function startExchangeServer(options: ExchangeServerOptions): Promise<ExchangeServer> {
  const speed = options.speed ?? 1;
  if (!(speed > 0) || !Number.isFinite(speed))
    throw new RangeError(`speed must be a positive number, got ${speed}`);
  const tickIntervalMs = options.tickIntervalMs ?? 50;
  if (!(tickIntervalMs >= 1))
    throw new RangeError(`tickIntervalMs must be at least 1, got ${tickIntervalMs}`);
  const maxBufferedBytes = options.maxBufferedBytes ?? 16 * 1024 * 1024;
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new RangeError(`port must be 0–65535, got ${port}`);

  const simulation = new ExchangeSimulation(options);
  const clients = new Set<ClientState>();
  /** symbol → clients subscribed to it. */
  const subscribers = new Map<string, Set<ClientState>>();
  let instrumentsVersion = simulation.instrumentsVersion;

  const wss = new WebSocketServer({
    host: '127.0.0.1',
    port,
    maxPayload: MAX_CLIENT_MESSAGE_BYTES,
    clientTracking: false,
  });
  await new Promise<void>((resolve, reject) => {
    const onError = (error: Error): void =>
      reject(new Error(`exchange server cannot listen on 127.0.0.1:${port}: ${error.message}`));
    wss.once('error', onError);
    wss.once('listening', () => {
      wss.off('error', onError);
      resolve();
    });
  });
  wss.on('error', () => undefined); // after listening, errors surface per connection
  const address = wss.address();
  const boundPort = typeof address === 'object' && address !== null ? address.port : port;

  const sessionInfo = (): SessionInfo => {
    const session = simulation.session();
    return {
      date: session.date,
      openUs: session.openUs,
      closeUs: session.closeUs,
      open: simulation.isOpen(),
    };
  };

  const send = (client: ClientState, message: ServerMessage): void => {
    if (client.socket.readyState !== WebSocket.OPEN) return;
    if (client.socket.bufferedAmount > maxBufferedBytes) {
      client.socket.close(SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: too much unsent data');
      return;
    }
    client.socket.send(JSON.stringify(message));
  };

  const sendError = (
    client: ClientState,
    code: ExchangeErrorCode,
    message: string,
    id?: RequestId,
    symbols?: string[],
  ): void => {
    send(client, {
      type: 'error',
      code,
      message,
      ...(id === undefined ? {} : { id }),
      ...(symbols === undefined ? {} : { symbols }),
    });
  };

  const updateInterest = (): void => {
    simulation.setInterest((symbol) => subscribers.has(symbol));
  };
  updateInterest();

  const unsubscribe = (client: ClientState, symbols: readonly string[]): void => {
    for (const symbol of symbols) {
      client.subscriptions.delete(symbol);
      const set = subscribers.get(symbol);
      if (set === undefined) continue;
      set.delete(client);
      if (set.size === 0) subscribers.delete(symbol);
    }
  };

  const handle = (client: ClientState, message: ClientMessage): void => {
    const id = message.id;
    const withId = id === undefined ? {} : { id };
    switch (message.op) {
      case 'subscribe': {
        // Known symbols are subscribed even when others are not (an expired contract in a client's
        // remembered list must not block the rest after a reconnect); the unknown ones get an error.
        const requested = [...new Set(message.symbols)];
        const unknown = requested.filter((symbol) => !simulation.hasSymbol(symbol));
        const symbols = requested.filter((symbol) => simulation.hasSymbol(symbol));
        if (unknown.length > 0) {
          const shown =
            unknown.slice(0, 10).join(', ') + (unknown.length > 10 ? ` and ${unknown.length - 10} more` : '');
          sendError(client, 'unknown_symbol', `not listed on this exchange: ${shown}`, id, unknown);
        }
        if (symbols.length === 0) return;
        for (const symbol of symbols) {
          client.subscriptions.set(symbol, message.mode);
          let set = subscribers.get(symbol);
          if (set === undefined) subscribers.set(symbol, (set = new Set()));
          set.add(client);
        }
        updateInterest();
        send(client, { type: 'subscribed', ...withId, symbols, mode: message.mode });
        // Bring the subscriber up to date at once instead of waiting for the next change.
        const current = symbols
          .flatMap((symbol) => simulation.snapshotEvents(symbol))
          .filter((event) => modeDelivers(message.mode, event.type));
        if (current.length > 0) send(client, { type: 'events', events: current });
        return;
      }
      case 'unsubscribe': {
        const symbols = [...new Set(message.symbols)];
        unsubscribe(client, symbols);
        updateInterest();
        send(client, { type: 'unsubscribed', ...withId, symbols });
        return;
      }
      case 'instruments':
        send(client, {
          type: 'instruments',
          ...withId,
          version: simulation.instrumentsVersion,
          instruments: simulation.instruments(),
        });
        return;
      case 'chain': {
        if (!simulation.underlyingSymbols().includes(message.underlying)) {
          sendError(
            client,
            'unknown_underlying',
            `"${message.underlying}" is not a simulated underlying (simulated: ${simulation.underlyingSymbols().join(', ')})`,
            id,
          );
          return;
        }
        const expiries = simulation.expiries(message.underlying);
        if (message.expiry !== undefined && !expiries.includes(message.expiry)) {
          sendError(
            client,
            'unknown_expiry',
            `${message.underlying} has no listed expiry ${message.expiry} (listed: ${expiries.join(', ')})`,
            id,
          );
          return;
        }
        send(client, {
          type: 'chain',
          ...withId,
          snapshot: simulation.chainSnapshot(message.underlying, message.expiry),
        });
        return;
      }
      case 'ping':
        send(client, { type: 'pong', ...withId, simTimeUs: simulation.nowUs(), session: sessionInfo() });
        return;
    }
  };

  const receive = (client: ClientState, data: RawData, isBinary: boolean): void => {
    if (isBinary) {
      sendError(client, 'bad_message', 'binary frames are not part of the protocol; send JSON text');
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch (error) {
      sendError(client, 'bad_json', `message is not valid JSON: ${(error as Error).message}`);
      return;
    }
    const id = requestIdOf(parsed);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      sendError(client, 'bad_message', 'message must be a JSON object with an "op" field', id);
      return;
    }
    const op = (parsed as { op?: unknown }).op;
    if (typeof op !== 'string' || !KNOWN_OPS.has(op)) {
      sendError(
        client,
        'unknown_op',
        `unknown op ${JSON.stringify(op ?? null)}; expected one of: ${[...KNOWN_OPS].join(', ')}`,
        id,
      );
      return;
    }
    const result = clientMessageSchema.safeParse(parsed);
    if (!result.success) {
      sendError(client, 'bad_message', `${op}: ${describeIssue(result.error)}`, id);
      return;
    }
    try {
      handle(client, result.data);
    } catch (error) {
      sendError(client, 'internal', `${op} failed: ${(error as Error).message}`, id);
    }
  };

  wss.on('connection', (socket) => {
    const client: ClientState = { socket, subscriptions: new Map(), batch: [] };
    clients.add(client);
    socket.on('message', (data, isBinary) => receive(client, data, isBinary));
    socket.on('error', () => undefined); // e.g. a frame over maxPayload: ws closes the socket itself
    socket.on('close', () => {
      clients.delete(client);
      unsubscribe(client, [...client.subscriptions.keys()]);
      updateInterest();
    });
    send(client, {
      type: 'hello',
      protocol: EXCHANGE_PROTOCOL_VERSION,
      profile: simulation.profile,
      seed: simulation.config.seed,
      speed,
      simTimeUs: simulation.nowUs(),
      session: sessionInfo(),
    });
  });

  const route = (event: MarketEvent): void => {
    const set = subscribers.get(event.symbol);
    if (set === undefined) return;
    for (const client of set) {
      const mode = client.subscriptions.get(event.symbol);
      if (mode !== undefined && modeDelivers(mode, event.type)) client.batch.push(event);
    }
  };

  let lastWallMs = performance.now();
  const step = (): void => {
    const nowMs = performance.now();
    const elapsedMs = nowMs - lastWallMs;
    lastWallMs = nowMs;
    let target = simulation.nowUs() + Math.round(elapsedMs * 1000 * speed);
    // Nothing trades overnight: skip to the next open rather than idle through the night in real time.
    if (!simulation.isOpen() && target < simulation.session().openUs) target = simulation.session().openUs;
    simulation.advance(target, route);
    if (simulation.instrumentsVersion !== instrumentsVersion) {
      instrumentsVersion = simulation.instrumentsVersion;
      const instruments = simulation.instruments();
      for (const client of clients)
        send(client, { type: 'instruments', version: instrumentsVersion, instruments });
    }
    for (const client of clients) {
      if (client.batch.length === 0) continue;
      const events = client.batch;
      client.batch = [];
      send(client, { type: 'events', events });
    }
  };
  const timer = setInterval(step, tickIntervalMs);

  let closed: Promise<void> | null = null;
  return {
    url: `ws://127.0.0.1:${boundPort}/`,
    port: boundPort,
    simulation,
    clientCount: () => clients.size,
    dropConnections(): void {
      for (const client of clients) client.socket.terminate();
    },
    close(): Promise<void> {
      if (closed !== null) return closed;
      clearInterval(timer);
      for (const client of clients) client.socket.close(1001, 'exchange shutting down');
      closed = new Promise<void>((resolve) => {
        // Give clients a moment to receive the close frame, then cut any that linger.
        const force = setTimeout(() => {
          for (const client of clients) client.socket.terminate();
        }, 1000);
        wss.close(() => {
          clearTimeout(force);
          resolve();
        });
      });
      return closed;
    },
  };
}

function requestIdOf(value: unknown): RequestId | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || (typeof id === 'number' && Number.isInteger(id)) ? id : undefined;
}
