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

/**
 * How a subscription's events reach a window. `latest`: a new subscriber gets the most recent event
 * at once (a state such as positions), not only later ones (a stream such as fills). `keyedBy`: the
 * stream is per value of this params field, which each event carries under the same name (a ladder
 * per symbol); the producer is told which keys have subscribers, so it publishes only those.
 */
export interface SubscriptionDelivery {
  readonly latest?: boolean;
  readonly keyedBy?: string;
}

/** A subscription (`onX`): params validated like a method's, then a stream of events. */
export interface SubscriptionSpec<P extends z.ZodType, Event> {
  readonly kind: 'subscription';
  readonly params: P;
  readonly delivery: SubscriptionDelivery;
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
  <P extends z.ZodType>(
    params: P,
    delivery: SubscriptionDelivery & { readonly keyedBy?: keyof z.output<P> & string } = {},
  ) =>
  <Event>(): SubscriptionSpec<P, Event> => ({ kind: 'subscription', params, delivery });

/** Wire names of a contract's members: `service.member`, e.g. `orders.place`. */
export type MemberNameOf<C extends ContractSpec> = {
  [S in keyof C & string]: `${S}.${keyof C[S] & string}`;
}[keyof C & string];

/** The spec behind a wire name. */
export type SpecOf<
  C extends ContractSpec,
  Name extends MemberNameOf<C>,
> = Name extends `${infer S}.${infer M}` ? C[S][M] : never;

/** Every member of a contract with its wire name, in declaration order. */
export function membersOf<C extends ContractSpec>(
  contract: C,
): Array<{ readonly name: MemberNameOf<C>; readonly spec: AnySpec }> {
  return Object.entries(contract).flatMap(([serviceName, service]) =>
    Object.entries(service).map(([memberName, spec]) => ({
      name: `${serviceName}.${memberName}` as MemberNameOf<C>,
      spec,
    })),
  );
}

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
