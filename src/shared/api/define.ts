import type { z } from 'zod';

/**
 * A request/response method. `params` is the runtime schema main checks every payload against;
 * `Result` is carried only in the type (results leave main, they do not enter it).
 */
export interface MethodSpec<P extends z.ZodType, Result> {
  readonly kind: 'method';
  readonly params: P;
  /** Phantom field: never set at run time. */
  readonly __result?: Result;
}

/** A subscription (`onX`): params validated like a method's, then a stream of events. */
export interface SubscriptionSpec<P extends z.ZodType, Event> {
  readonly kind: 'subscription';
  readonly params: P;
  /** Phantom field: never set at run time. */
  readonly __event?: Event;
}

export type AnySpec = MethodSpec<z.ZodType, unknown> | SubscriptionSpec<z.ZodType, unknown>;
export type ServiceSpec = Record<string, AnySpec>;
export type ContractSpec = Record<string, ServiceSpec>;

export const method =
  <P extends z.ZodType>(params: P) =>
  <Result>(): MethodSpec<P, Result> => ({ kind: 'method', params });

export const subscription =
  <P extends z.ZodType>(params: P) =>
  <Event>(): SubscriptionSpec<P, Event> => ({ kind: 'subscription', params });

export type Unsubscribe = () => void;

/** What a window holds: every method returns a promise, every `onX` takes a listener. */
export type ClientOf<C extends ContractSpec> = {
  readonly [S in keyof C]: {
    readonly [M in keyof C[S]]: C[S][M] extends MethodSpec<infer P, infer R>
      ? (params: z.input<P>) => Promise<R>
      : C[S][M] extends SubscriptionSpec<infer P, infer E>
        ? (params: z.input<P>, listener: (event: E) => void) => Unsubscribe
        : never;
  };
};

/** Who sent a request, as the transport vouches for it. */
export interface SenderContext {
  /** Transport-unique id of the connection (window / socket / in-memory peer). */
  readonly connectionId: string;
  readonly transport: 'ipc' | 'websocket' | 'memory';
}

/** What main implements: params arrive already validated and parsed. */
export type HandlersOf<C extends ContractSpec> = {
  readonly [S in keyof C]: {
    readonly [M in keyof C[S]]: C[S][M] extends MethodSpec<infer P, infer R>
      ? (params: z.output<P>, sender: SenderContext) => Promise<R>
      : C[S][M] extends SubscriptionSpec<infer P, infer E>
        ? (params: z.output<P>, emit: (event: E) => void, sender: SenderContext) => Unsubscribe
        : never;
  };
};
