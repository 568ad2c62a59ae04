import type { z } from 'zod';
import type { AnySpec, ContractSpec, HandlersOf, SenderContext, Unsubscribe } from './define';
import { ApiError } from './errors';
import type { ServerMessage } from './wire';
import { clientMessageSchema } from './wire';

type MethodImpl = (params: unknown, sender: SenderContext) => Promise<unknown>;
type SubscriptionImpl = (
  params: unknown,
  emit: (event: unknown) => void,
  sender: SenderContext,
) => Unsubscribe;

interface Route {
  readonly spec: AnySpec;
  readonly impl: MethodImpl | SubscriptionImpl;
}

export interface ApiConnection {
  /** Feed one raw message from the transport (already JSON-decoded, or a structured-clone object). */
  receive(raw: unknown): void;
  /** The peer went away: drop its subscriptions. */
  close(): void;
  readonly subscriptionCount: number;
}

export interface ApiRouter {
  connect(sender: SenderContext, send: (message: ServerMessage) => void): ApiConnection;
}

/** Formats the first schema issue as `field: message`, so a window can show which field is wrong. */
export function describeSchemaError(error: z.ZodError): ApiError {
  const issue = error.issues[0];
  const field = issue.path.map(String).join('.');
  const message = field ? `${field}: ${issue.message}` : issue.message;
  return new ApiError('BAD_REQUEST', `invalid request: ${message}`, field || undefined);
}

/**
 * Main's side of the typed API. Every inbound message is checked in this order: envelope shape,
 * known method of the right kind, params against the method's schema; only then does a handler run.
 * A failure at any step is answered with a clear error and nothing else happens.
 */
export function createApiRouter<C extends ContractSpec>(
  contract: C,
  handlers: HandlersOf<C>,
  onHandlerError: (wireName: string, error: unknown) => void = () => undefined,
): ApiRouter {
  const routes = new Map<string, Route>();
  for (const [serviceName, service] of Object.entries(contract)) {
    const serviceHandlers = (handlers as Record<string, Record<string, Route['impl']>>)[serviceName];
    for (const [memberName, spec] of Object.entries(service)) {
      const impl = serviceHandlers?.[memberName];
      if (typeof impl !== 'function') throw new Error(`no handler for ${serviceName}.${memberName}`);
      routes.set(`${serviceName}.${memberName}`, { spec, impl });
    }
  }

  return {
    connect(sender, send) {
      const subscriptions = new Map<number, Unsubscribe>();
      let closed = false;
      const sendSafe = (message: ServerMessage): void => {
        if (!closed) send(message);
      };
      const fail = (id: number | null, error: ApiError): void =>
        sendSafe({ t: 'error', id, error: error.toPayload() });

      return {
        get subscriptionCount() {
          return subscriptions.size;
        },
        receive(raw) {
          if (closed) return;
          const envelope = clientMessageSchema.safeParse(raw);
          if (!envelope.success) {
            const id =
              typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'number'
                ? (raw as { id: number }).id
                : null;
            fail(
              id,
              new ApiError(
                'BAD_REQUEST',
                `malformed message: ${describeSchemaError(envelope.error).message}`,
              ),
            );
            return;
          }
          const message = envelope.data;
          if (message.t === 'unsub') {
            subscriptions.get(message.id)?.();
            subscriptions.delete(message.id);
            return;
          }
          const route = routes.get(message.method);
          const expectedKind = message.t === 'call' ? 'method' : 'subscription';
          if (!route || route.spec.kind !== expectedKind) {
            fail(message.id, new ApiError('UNKNOWN_METHOD', `unknown ${expectedKind} "${message.method}"`));
            return;
          }
          const parsed = route.spec.params.safeParse(message.params ?? {});
          if (!parsed.success) {
            fail(message.id, describeSchemaError(parsed.error));
            return;
          }
          if (message.t === 'call') {
            (route.impl as MethodImpl)(parsed.data, sender).then(
              (result) => sendSafe({ t: 'result', id: message.id, result }),
              (error: unknown) => {
                if (error instanceof ApiError) fail(message.id, error);
                else {
                  onHandlerError(message.method, error);
                  const text = error instanceof Error ? error.message : String(error);
                  fail(message.id, new ApiError('INTERNAL', `${message.method} failed: ${text}`));
                }
              },
            );
            return;
          }
          if (subscriptions.has(message.id)) {
            fail(message.id, new ApiError('BAD_REQUEST', `subscription id ${message.id} is already in use`));
            return;
          }
          try {
            const id = message.id;
            const unsubscribe = (route.impl as SubscriptionImpl)(
              parsed.data,
              (event) => sendSafe({ t: 'event', id, event }),
              sender,
            );
            subscriptions.set(id, unsubscribe);
          } catch (error) {
            if (error instanceof ApiError) fail(message.id, error);
            else {
              onHandlerError(message.method, error);
              fail(message.id, new ApiError('INTERNAL', `${message.method} failed: ${String(error)}`));
            }
          }
        },
        close() {
          closed = true;
          for (const unsubscribe of subscriptions.values()) unsubscribe();
          subscriptions.clear();
        },
      };
    },
  };
}
