import { z } from 'zod';
import type { ApiErrorPayload } from './errors';

/**
 * The envelope every transport carries (IPC, WebSocket, in-memory). Requests are numbered by the
 * client; replies and events name that number. The envelope is validated before anything else, so
 * a foreign or garbled message is answered with an error and changes nothing.
 */
export const clientMessageSchema = z.discriminatedUnion('t', [
  z
    .object({
      t: z.literal('call'),
      id: z.number().int().nonnegative(),
      method: z.string().max(200),
      params: z.unknown(),
    })
    .strict(),
  z
    .object({
      t: z.literal('sub'),
      id: z.number().int().nonnegative(),
      method: z.string().max(200),
      params: z.unknown(),
    })
    .strict(),
  z.object({ t: z.literal('unsub'), id: z.number().int().nonnegative() }).strict(),
]);

export type ClientMessage = z.infer<typeof clientMessageSchema>;

export type ServerMessage =
  | { readonly t: 'result'; readonly id: number; readonly result: unknown }
  | { readonly t: 'error'; readonly id: number | null; readonly error: ApiErrorPayload }
  | { readonly t: 'event'; readonly id: number; readonly event: unknown };

/** A duplex message pipe as the client sees it (preload object, WebSocket, in-memory peer). */
export interface ClientPipe {
  send(message: ClientMessage): void;
  onMessage(listener: (message: ServerMessage) => void): () => void;
}
