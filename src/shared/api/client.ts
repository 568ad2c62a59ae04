import type { ClientOf, ContractSpec, Unsubscribe } from './define';
import { ApiError } from './errors';
import type { ClientPipe, ServerMessage } from './wire';

interface PendingCall {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * Builds the typed client a window uses from any message pipe. The object mirrors the contract:
 * `client.orders.place({...})` returns a promise, `client.market.onLadder({symbol}, listener)`
 * returns an unsubscribe function.
 */
export function createApiClient<C extends ContractSpec>(contract: C, pipe: ClientPipe): ClientOf<C> {
  let nextId = 1;
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<number, (event: unknown) => void>();
  const subscriptionErrors = new Map<number, (error: ApiError) => void>();

  pipe.onMessage((message: ServerMessage) => {
    if (message.t === 'event') {
      listeners.get(message.id)?.(message.event);
      return;
    }
    if (message.id === null) return;
    const call = pending.get(message.id);
    if (call) {
      pending.delete(message.id);
      if (message.t === 'result') call.resolve(message.result);
      else call.reject(ApiError.fromPayload(message.error));
      return;
    }
    if (message.t === 'error') {
      subscriptionErrors.get(message.id)?.(ApiError.fromPayload(message.error));
      listeners.delete(message.id);
      subscriptionErrors.delete(message.id);
    }
  });

  const client: Record<string, Record<string, unknown>> = {};
  for (const [serviceName, service] of Object.entries(contract)) {
    const members: Record<string, unknown> = {};
    for (const [memberName, spec] of Object.entries(service)) {
      const wireName = `${serviceName}.${memberName}`;
      if (spec.kind === 'method') {
        members[memberName] = (params: unknown): Promise<unknown> =>
          new Promise((resolve, reject) => {
            const id = nextId++;
            pending.set(id, { resolve, reject });
            pipe.send({ t: 'call', id, method: wireName, params });
          });
      } else {
        members[memberName] = (params: unknown, listener: (event: unknown) => void): Unsubscribe => {
          const id = nextId++;
          listeners.set(id, listener);
          subscriptionErrors.set(id, (error) => {
            console.error(`subscription ${wireName} failed: ${error.message}`);
          });
          pipe.send({ t: 'sub', id, method: wireName, params });
          return () => {
            if (!listeners.delete(id)) return;
            subscriptionErrors.delete(id);
            pipe.send({ t: 'unsub', id });
          };
        };
      }
    }
    client[serviceName] = Object.freeze(members);
  }
  return Object.freeze(client) as unknown as ClientOf<C>;
}
