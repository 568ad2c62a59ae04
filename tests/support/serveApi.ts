import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { ServeProcess } from './serveProcess';
import { clientFor, openWebSocketPipe } from './workstation';

/**
 * The typed API of a running `scalpdesk serve`, over its WebSocket with the token and its own Origin
 * (as a page would): e2e tests check through it what the page did.
 */
export async function connectToServe(
  serve: ServeProcess,
): Promise<{ api: ClientOf<ApiContract>; close(): void }> {
  const { pipe, socket } = await openWebSocketPipe(serve.origin, serve.token);
  return { api: clientFor(pipe), close: () => socket.close() };
}
