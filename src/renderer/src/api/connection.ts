import { createApiClient } from '../../../shared/api/client';
import { apiContract } from '../../../shared/api/contract';
import type { ApiContract } from '../../../shared/api/contract';
import type { ClientOf } from '../../../shared/api/define';
import type { ClientMessage, ClientPipe, ServerMessage } from '../../../shared/api/wire';

/** What the Electron preload exposes (src/preload/index.ts). */
interface PreloadBridge {
  readonly transport: 'ipc';
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): () => void;
}

declare global {
  interface Window {
    readonly scalpdesk?: PreloadBridge;
  }
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

function ipcPipe(bridge: PreloadBridge): ClientPipe {
  return {
    send: (message) => bridge.send(message),
    onMessage: (listener) => bridge.onMessage((message) => listener(message as ServerMessage)),
  };
}

/** Reconnect attempts after a lost host: quick first, then every 2 s (a restart takes a few seconds). */
const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000];

/**
 * Browser mode: the API over a WebSocket to the page's own origin (the token travels as the cookie
 * `scalpdesk serve` set; it survives a restart of the host on the same data folder). Messages sent
 * before the first open are queued. When the host goes away, calls in flight and calls made while it
 * is away fail at once with UNAVAILABLE (an order is never queued to leave later, unseen), the page
 * keeps trying to reconnect without reloading, and on reconnect the live subscriptions are resent.
 */
function webSocketPipe(onState: (state: ConnectionState) => void): ClientPipe {
  const listeners = new Set<(message: ServerMessage) => void>();
  const queue: ClientMessage[] = [];
  /** Subscriptions still wanted, by id: resent on every reconnect. */
  const subscriptions = new Map<number, ClientMessage>();
  const inFlight = new Set<number>();
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
  let socket: WebSocket;
  let everOpened = false;
  let attempt = 0;
  const deliver = (message: ServerMessage): void => listeners.forEach((listener) => listener(message));
  const failCall = (id: number): void =>
    deliver({
      t: 'error',
      id,
      error: { code: 'UNAVAILABLE', message: 'the host is not reachable; nothing was sent' },
    });

  const connect = (): void => {
    socket = new WebSocket(url);
    socket.addEventListener('open', () => {
      everOpened = true;
      attempt = 0;
      for (const message of subscriptions.values()) socket.send(JSON.stringify(message));
      for (const message of queue.splice(0)) socket.send(JSON.stringify(message));
      onState('open');
    });
    socket.addEventListener('message', (event: MessageEvent<string>) => {
      const message = JSON.parse(event.data) as ServerMessage;
      if (message.t !== 'event' && message.id !== null) inFlight.delete(message.id);
      deliver(message);
    });
    socket.addEventListener('close', () => {
      onState(everOpened ? 'closed' : 'connecting');
      for (const id of [...inFlight]) failCall(id);
      inFlight.clear();
      const delay = RECONNECT_DELAYS_MS[Math.min(attempt++, RECONNECT_DELAYS_MS.length - 1)];
      setTimeout(connect, delay);
    });
  };
  onState('connecting');
  connect();
  return {
    send(message) {
      if (message.t === 'sub') subscriptions.set(message.id, message);
      if (message.t === 'unsub') subscriptions.delete(message.id);
      if (socket.readyState === WebSocket.OPEN) {
        if (message.t === 'call') inFlight.add(message.id);
        socket.send(JSON.stringify(message));
      } else if (message.t === 'call' && everOpened) {
        queueMicrotask(() => failCall(message.id));
      } else if (message.t === 'call') {
        queue.push(message);
      }
      // A subscription made while away is in `subscriptions` and goes out on the next open.
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export type Api = ClientOf<ApiContract>;

export function connectApi(onState: (state: ConnectionState) => void): Api {
  const pipe = window.scalpdesk ? ipcPipe(window.scalpdesk) : webSocketPipe(onState);
  if (window.scalpdesk) onState('open');
  return createApiClient(apiContract, pipe);
}
