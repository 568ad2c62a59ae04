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

/**
 * Browser mode: the API over a WebSocket to the page's own origin (the token travels as the cookie
 * `scalpdesk serve` set). Messages sent before the socket opens are queued; a dropped socket is
 * reported, and the page reloads to resubscribe once the host is back.
 */
function webSocketPipe(onState: (state: ConnectionState) => void): ClientPipe {
  const listeners = new Set<(message: ServerMessage) => void>();
  const queue: ClientMessage[] = [];
  const url = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
  const socket = new WebSocket(url);
  onState('connecting');
  socket.addEventListener('open', () => {
    onState('open');
    for (const message of queue.splice(0)) socket.send(JSON.stringify(message));
  });
  socket.addEventListener('message', (event: MessageEvent<string>) => {
    const message = JSON.parse(event.data) as ServerMessage;
    listeners.forEach((listener) => listener(message));
  });
  socket.addEventListener('close', () => {
    onState('closed');
    setTimeout(() => location.reload(), 2000);
  });
  return {
    send(message) {
      if (socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message));
      else queue.push(message);
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
