import type { ApiContract } from '../../shared/api/contract';
import type { HandlersOf, SenderContext, Unsubscribe } from '../../shared/api/define';
import { membersOf } from '../../shared/api/define';
import { apiContract } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type {
  ApiMemberName,
  CoreMethodName,
  CoreParams,
  CoreResult,
  CoreStreamName,
  HostMemberName,
} from '../coreWorker/coreApi';
import { coreMembers } from '../coreWorker/coreApi';
import type { CoreEvents, CoreRequests } from '../coreWorker/protocol';
import type { RpcPeer } from '../threads/rpc';
import type { NoRequests } from '../threads/workerBoot';
import { Fanout, KeyedFanout } from './fanout';

type CorePeer = RpcPeer<NoRequests, CoreRequests, CoreEvents>;

type HandlerAt<N extends ApiMemberName> = N extends `${infer S}.${infer M}`
  ? S extends keyof ApiContract
    ? M extends keyof HandlersOf<ApiContract>[S]
      ? HandlersOf<ApiContract>[S][M]
      : never
    : never
  : never;

/**
 * What main implements itself: every host member, plus optionally a core method it must act on
 * before forwarding (the kill switch's shared flag). Keyed by wire name.
 */
export type HostHandlers = { readonly [N in HostMemberName]: HandlerAt<N> } & {
  readonly [N in CoreMethodName]?: HandlerAt<N>;
};

interface StreamFanout {
  deliver(event: unknown): void;
  subscribe(params: unknown, emit: (event: unknown) => void): Unsubscribe;
  /** Keys with subscribers, for a keyed stream. */
  keys?(): string[];
}

export interface CoreForwarding {
  /** The full handler set for the router: host handlers first, the rest forwarded to the core. */
  handlers(host: HostHandlers): HandlersOf<ApiContract>;
  /** Sends one core method with main's origin stamp; worker errors become API errors. */
  forward<N extends CoreMethodName>(member: N, params: CoreParams<N>): Promise<CoreResult<N>>;
  /** Wires a (re)started core's events into the fan-outs; call before the core starts publishing. */
  listen(peer: CorePeer): void;
  /** Tells a (re)started core which keys windows are subscribed to on every keyed stream. */
  restoreInterest(peer: CorePeer): Promise<void>;
}

/**
 * Main's generic side of the core's API: one forwarder for every core method and one fan-out per
 * core subscription, both derived from the contract, so a new core method needs nothing here.
 */
export function createCoreForwarding(options: {
  readonly peer: () => CorePeer;
  readonly toApiError: (error: unknown) => ApiError;
  /** Refuses a subscription's params before it is fanned out (throws an ApiError naming the field). */
  readonly checkSubscription?: (stream: CoreStreamName, params: unknown) => void;
}): CoreForwarding {
  const fanouts = new Map<string, StreamFanout>();
  for (const { name, spec } of coreMembers().streams) {
    const { latest = false, keyedBy } = spec.delivery;
    if (keyedBy) {
      const keyOf = (value: unknown): string => String((value as Record<string, unknown>)[keyedBy]);
      const keyed = new KeyedFanout<unknown>((keys) => {
        // Best effort: a core that is down gets the whole interest again when it is attached.
        void Promise.resolve()
          .then(() => options.peer().request('setInterest', { stream: name, keys }))
          .catch(() => undefined);
      }, latest);
      fanouts.set(name, {
        deliver: (event) => keyed.publish(keyOf(event), event),
        subscribe: (params, emit) => keyed.subscribe(keyOf(params), emit),
        keys: () => keyed.keys(),
      });
    } else {
      const fanout = new Fanout<unknown>(latest);
      fanouts.set(name, {
        deliver: (event) => fanout.publish(event),
        subscribe: (_params, emit) => fanout.subscribe(emit),
      });
    }
  }

  async function forward<N extends CoreMethodName>(member: N, params: CoreParams<N>): Promise<CoreResult<N>> {
    try {
      const result = await options.peer().request('call', { member, params, origin: { source: 'manual' } });
      // The core answered `member` with its handler, which is typed to return this member's result.
      return result as CoreResult<N>;
    } catch (error) {
      throw options.toApiError(error);
    }
  }

  return {
    handlers(host) {
      const hostByName = host as Readonly<Record<string, unknown>>;
      const handlers: Record<string, Record<string, unknown>> = {};
      for (const { name, spec } of membersOf(apiContract)) {
        const [serviceName, memberName] = name.split('.') as [string, string];
        const service = (handlers[serviceName] ??= {});
        const fanout = fanouts.get(name);
        service[memberName] =
          hostByName[name] ??
          (spec.kind === 'method'
            ? (params: CoreParams<CoreMethodName>) => forward(name as CoreMethodName, params)
            : (params: unknown, emit: (event: unknown) => void, _sender: SenderContext) => {
                if (!fanout) throw new ApiError('INTERNAL', `no fan-out for ${name}`);
                options.checkSubscription?.(name as CoreStreamName, params);
                return fanout.subscribe(params, emit);
              });
      }
      // Built member by member from the same contract the type is derived from.
      return handlers as unknown as HandlersOf<ApiContract>;
    },
    forward,
    listen(peer) {
      peer.on('stream', ({ stream, event }) => fanouts.get(stream)?.deliver(event));
    },
    async restoreInterest(peer) {
      for (const [stream, fanout] of fanouts)
        if (fanout.keys)
          await peer.request('setInterest', { stream: stream as CoreStreamName, keys: fanout.keys() });
    },
  };
}
