import type { z } from 'zod';
import type { ApiContract } from '../../shared/api/contract';
import { apiContract } from '../../shared/api/contract';
import type { MemberNameOf, MethodSpec, SpecOf, SubscriptionSpec } from '../../shared/api/define';
import { membersOf } from '../../shared/api/define';
import { ApiError } from '../../shared/api/errors';
import type { OrderSource } from '../../shared/domain/orders';

/**
 * Which part of the API contract the core worker answers, typed from the contract itself (in the
 * manner of VS Code's ProxyChannel): main validates a window's request and forwards `{member, params}`
 * unchanged; the core runs the handler of that name. Adding a core method is a schema, a contract
 * entry and a handler in coreHandlers.ts — nothing here or in main changes.
 */

export type ApiMemberName = MemberNameOf<ApiContract>;

/**
 * Members main answers itself, because the state behind them lives in main: the workers' status and
 * the host's identity, and the saved runs read straight from the ledger worker. Everything else in
 * the contract belongs to the core worker.
 */
export const HOST_MEMBERS = [
  'system.getInfo',
  'system.getStatus',
  'system.onStatus',
  'replay.listRuns',
  'analytics.getReport',
  'analytics.exportCsv',
  // The Broker settings window: settings.json and the keys are main's (the core never holds a form).
  'broker.getSettings',
  'broker.save',
  'broker.testConnection',
] as const satisfies readonly ApiMemberName[];

export type HostMemberName = (typeof HOST_MEMBERS)[number];
export type CoreMemberName = Exclude<ApiMemberName, HostMemberName>;

type MethodNames<Names extends ApiMemberName> = {
  [N in Names]: SpecOf<ApiContract, N> extends MethodSpec<z.ZodType, unknown> ? N : never;
}[Names];
type SubscriptionNames<Names extends ApiMemberName> = {
  [N in Names]: SpecOf<ApiContract, N> extends SubscriptionSpec<z.ZodType, unknown> ? N : never;
}[Names];

export type CoreMethodName = MethodNames<CoreMemberName>;
export type CoreStreamName = SubscriptionNames<CoreMemberName>;

/**
 * What main vouches for on every forwarded call. A window acts for the trader, so whatever it places
 * is `manual`: the core takes the source from here, never from a window's params.
 */
export interface CoreCallOrigin {
  readonly source: Extract<OrderSource, 'manual'>;
}

export type CoreParams<N extends CoreMethodName> =
  SpecOf<ApiContract, N> extends MethodSpec<infer P, unknown> ? z.output<P> : never;
export type CoreResult<N extends CoreMethodName> =
  SpecOf<ApiContract, N> extends MethodSpec<z.ZodType, infer R> ? R : never;
export type CoreStreamEvent<N extends CoreStreamName> =
  SpecOf<ApiContract, N> extends SubscriptionSpec<z.ZodType, infer E> ? E : never;

/** The core's implementation of its methods, one per wire name; params arrive validated by main. */
export type CoreHandlers = {
  readonly [N in CoreMethodName]: (
    params: CoreParams<N>,
    origin: CoreCallOrigin,
  ) => CoreResult<N> | Promise<CoreResult<N>>;
};

/**
 * For a keyed stream (the contract's `keyedBy`), what the core does when the set of keys windows
 * subscribe to changes, so it publishes only those (a ladder per watched symbol).
 */
export type CoreInterest = { readonly [N in CoreStreamName]?: (keys: string[]) => void };

/** A forwarded call as it crosses from main to the core. */
export interface CoreCall {
  readonly member: CoreMethodName;
  readonly params: unknown;
  readonly origin: CoreCallOrigin;
}

/** One event of a core subscription as it crosses from the core to main's fan-out. */
export interface CoreStreamMessage {
  readonly stream: CoreStreamName;
  readonly event: unknown;
}

/** Publishes an event on a core subscription, typed by its wire name. */
export type PublishStream = <N extends CoreStreamName>(stream: N, event: CoreStreamEvent<N>) => void;

const hostMembers: ReadonlySet<string> = new Set(HOST_MEMBERS);

/** The core's members of the contract at run time: what main forwards and what it fans out. */
export function coreMembers(): {
  readonly methods: readonly CoreMethodName[];
  readonly streams: ReadonlyArray<{
    readonly name: CoreStreamName;
    readonly spec: SubscriptionSpec<z.ZodType, unknown>;
  }>;
} {
  const members = membersOf(apiContract).filter(({ name }) => !hostMembers.has(name));
  return {
    methods: members.filter(({ spec }) => spec.kind === 'method').map(({ name }) => name as CoreMethodName),
    streams: members.flatMap(({ name, spec }) =>
      spec.kind === 'subscription' ? [{ name: name as CoreStreamName, spec }] : [],
    ),
  };
}

/**
 * Runs one forwarded call. The member name is checked again here although main sent it, so a wrong
 * name (a main and core built from different contracts) is a clear error, not a crash.
 */
export function dispatchCoreCall(handlers: CoreHandlers, call: CoreCall): unknown {
  const handler = (
    handlers as Record<string, ((params: unknown, origin: CoreCallOrigin) => unknown) | undefined>
  )[call.member];
  if (typeof handler !== 'function' || hostMembers.has(call.member))
    throw new ApiError('UNKNOWN_METHOD', `the core has no method "${String(call.member)}"`);
  return handler(call.params, call.origin);
}
