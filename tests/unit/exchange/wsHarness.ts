import { WebSocket } from 'ws';

/** A raw protocol client for tests: collects every server message and waits for matching ones. */
export interface RawClient {
  readonly socket: WebSocket;
  readonly messages: Record<string, unknown>[];
  send(message: unknown): void;
  sendText(text: string): void;
  /** Resolves with the first message (received from `fromIndex` on) that matches. */
  next(
    predicate: (message: Record<string, unknown>) => boolean,
    fromIndex?: number,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function connectRaw(url: string): Promise<RawClient> {
  const socket = new WebSocket(url);
  const messages: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  socket.on('message', (data) => {
    messages.push(JSON.parse(String(data)) as Record<string, unknown>);
    for (const waiter of [...waiters]) waiter();
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    socket,
    messages,
    send: (message) => socket.send(JSON.stringify(message)),
    sendText: (text) => socket.send(text),
    next(predicate, fromIndex = 0, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          for (let index = fromIndex; index < messages.length; index++) {
            if (predicate(messages[index])) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(messages[index]);
              return true;
            }
          }
          return false;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(
            new Error(
              `no matching message within ${timeoutMs} ms; last: ${JSON.stringify(messages.at(-1))?.slice(0, 300)}`,
            ),
          );
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    close() {
      return new Promise((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      });
    },
  };
}

/** Resolves when `condition` holds, polling every few milliseconds (for state reached through I/O). */
export { until } from '../../support/until';
