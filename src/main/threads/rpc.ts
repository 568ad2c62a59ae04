import type { TransferListItem } from 'node:worker_threads';

/**
 * The typed message protocol between threads (main ↔ core worker ↔ ledger worker). Requests are tagged
 * by type and numbered; replies name the number; errors cross as {name, message, stack}; workers
 * forward their logs. Modelled on Signal Desktop's SQL worker protocol (ts/sql/main.ts).
 */

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** ApiError code when the error should reach a window as-is. */
  readonly code?: string;
  readonly field?: string;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export type ThreadMessage =
  | { readonly kind: 'request'; readonly type: string; readonly seq: number; readonly payload: unknown }
  | { readonly kind: 'reply'; readonly seq: number; readonly ok: true; readonly result: unknown }
  | { readonly kind: 'reply'; readonly seq: number; readonly ok: false; readonly error: SerializedError }
  | { readonly kind: 'event'; readonly topic: string; readonly payload: unknown }
  | { readonly kind: 'log'; readonly level: LogLevel; readonly message: string };

/** A request map: request type → [payload, result]. */
export type RequestMap = Record<string, { readonly payload: unknown; readonly result: unknown }>;
export type EventMap = Record<string, unknown>;

/** Anything that can carry structured-clone messages: a Worker, parentPort or a MessagePort. */
export interface Endpoint {
  postMessage(message: unknown, transfer?: readonly Transferable[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

export type Transferable = TransferListItem;

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) {
    const extra = error as Error & { code?: unknown; field?: unknown };
    return {
      name: error.name,
      message: error.message,
      stack: error.stack,
      ...(typeof extra.code === 'string' ? { code: extra.code } : {}),
      ...(typeof extra.field === 'string' ? { field: extra.field } : {}),
    };
  }
  return { name: 'Error', message: String(error) };
}

export class RemoteError extends Error {
  readonly code?: string;
  readonly field?: string;
  constructor(serialized: SerializedError, thread: string) {
    super(serialized.message);
    this.name = serialized.name;
    this.code = serialized.code;
    this.field = serialized.field;
    this.stack = `${serialized.name}: ${serialized.message} (in ${thread} thread)\n${serialized.stack ?? ''}`;
  }
}

export class ThreadUnavailableError extends Error {
  override name = 'ThreadUnavailableError';
}

type Handler<Local extends RequestMap> = {
  [K in keyof Local]: (payload: Local[K]['payload']) => Local[K]['result'] | Promise<Local[K]['result']>;
};

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/**
 * One side of a typed channel. `Local` is what this side answers, `Remote` what it may ask,
 * `Events` what the other side may publish to it.
 */
export class RpcPeer<
  Local extends RequestMap,
  Remote extends RequestMap,
  Events extends EventMap = EventMap,
> {
  private nextSeq = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Map<string, Set<(payload: unknown) => void>>();
  private logListener: (level: LogLevel, message: string) => void = () => undefined;
  private readonly onMessage = (raw: unknown): void => this.dispatch(raw as ThreadMessage);
  private detached = false;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly handlers: Partial<Handler<Local>>,
    private readonly remoteName: string,
  ) {
    endpoint.on('message', this.onMessage);
  }

  request<K extends keyof Remote & string>(
    type: K,
    payload: Remote[K]['payload'],
    transfer?: readonly Transferable[],
  ): Promise<Remote[K]['result']> {
    if (this.detached)
      return Promise.reject(new ThreadUnavailableError(`${this.remoteName} thread is not available`));
    const seq = this.nextSeq++;
    return new Promise((resolve, reject) => {
      this.pending.set(seq, { resolve: resolve as (value: unknown) => void, reject });
      this.endpoint.postMessage({ kind: 'request', type, seq, payload } satisfies ThreadMessage, transfer);
    });
  }

  publish<E extends EventMap, K extends keyof E & string>(topic: K, payload: E[K]): void {
    if (!this.detached) this.endpoint.postMessage({ kind: 'event', topic, payload } satisfies ThreadMessage);
  }

  log(level: LogLevel, message: string): void {
    if (!this.detached) this.endpoint.postMessage({ kind: 'log', level, message } satisfies ThreadMessage);
  }

  on<K extends keyof Events & string>(topic: K, listener: (payload: Events[K]) => void): () => void {
    let set = this.eventListeners.get(topic);
    if (!set) this.eventListeners.set(topic, (set = new Set()));
    const wrapped = listener as (payload: unknown) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  onLog(listener: (level: LogLevel, message: string) => void): void {
    this.logListener = listener;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** The other side is gone: fail everything in flight with a clear error and stop listening. */
  detach(reason: string): void {
    if (this.detached) return;
    this.detached = true;
    this.endpoint.off('message', this.onMessage);
    for (const call of this.pending.values())
      call.reject(new ThreadUnavailableError(`${this.remoteName} thread ${reason}`));
    this.pending.clear();
  }

  private dispatch(message: ThreadMessage): void {
    switch (message.kind) {
      case 'request':
        void this.answer(message.type, message.seq, message.payload);
        return;
      case 'reply': {
        const call = this.pending.get(message.seq);
        if (!call) return;
        this.pending.delete(message.seq);
        if (message.ok) call.resolve(message.result);
        else call.reject(new RemoteError(message.error, this.remoteName));
        return;
      }
      case 'event':
        this.eventListeners.get(message.topic)?.forEach((listener) => listener(message.payload));
        return;
      case 'log':
        this.logListener(message.level, message.message);
        return;
    }
  }

  private async answer(type: string, seq: number, payload: unknown): Promise<void> {
    const handler = (this.handlers as Record<string, ((payload: unknown) => unknown) | undefined>)[type];
    let reply: ThreadMessage;
    if (!handler) {
      reply = {
        kind: 'reply',
        seq,
        ok: false,
        error: { name: 'UnknownRequest', message: `unknown request type "${type}"` },
      };
    } else {
      try {
        reply = { kind: 'reply', seq, ok: true, result: await handler(payload) };
      } catch (error) {
        reply = { kind: 'reply', seq, ok: false, error: serializeError(error) };
      }
    }
    if (!this.detached) this.endpoint.postMessage(reply);
  }
}
