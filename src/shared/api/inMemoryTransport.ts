import type { SenderContext } from './define';
import type { ApiConnection, ApiRouter } from './router';
import type { ClientMessage, ClientPipe, ServerMessage } from './wire';

/**
 * The in-memory transport (tests): the same envelope as IPC and WebSocket, with a structured clone on
 * each hop so nothing shares object identity across the "boundary", and asynchronous delivery like
 * a real transport.
 */
export function connectInMemory(
  router: ApiRouter,
  connectionId = 'memory-1',
): { pipe: ClientPipe; connection: ApiConnection; disconnect(): void } {
  const listeners = new Set<(message: ServerMessage) => void>();
  const sender: SenderContext = { connectionId, transport: 'memory' };
  const connection = router.connect(sender, (message) => {
    const copy = structuredClone(message);
    queueMicrotask(() => listeners.forEach((listener) => listener(copy)));
  });
  const pipe: ClientPipe = {
    send(message: ClientMessage) {
      const copy: unknown = structuredClone(message);
      queueMicrotask(() => connection.receive(copy));
    },
    onMessage(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  return { pipe, connection, disconnect: () => connection.close() };
}
