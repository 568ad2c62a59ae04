import { MessageChannel } from 'node:worker_threads';
import path from 'node:path';
import fs from 'node:fs';
import { apiContract } from '../../shared/api/contract';
import type { ApiContract } from '../../shared/api/contract';
import type { HandlersOf } from '../../shared/api/define';
import { ApiError } from '../../shared/api/errors';
import type { ApiErrorCode } from '../../shared/api/errors';
import { createApiRouter } from '../../shared/api/router';
import type { ApiRouter } from '../../shared/api/router';
import type {
  AttachedGroupView,
  DecisionView,
  EngineStatusView,
  FillView,
  LadderView,
  OrderView,
  PositionView,
  ReplayStateView,
  SystemInfo,
  SystemStatus,
} from '../../shared/api/views';
import { Fanout, KeyedFanout } from './fanout';
import { backtestRunView } from '../coreWorker/replayWindow/backtestRun';
import type { Settings } from '../platform/settings';
import { startExchangeServer } from '../exchange/server';
import type { CoreEvents, CoreRequests } from '../coreWorker/protocol';
import type { LedgerControlRequests } from '../ledger/protocol';
import type { NoRequests, WorkerBootData } from '../threads/workerBoot';
import { RemoteError, ThreadUnavailableError } from '../threads/rpc';
import type { LogLevel, RpcPeer } from '../threads/rpc';
import { WorkerSupervisor } from '../threads/supervisor';

export interface WorkstationOptions {
  readonly dataDir: string;
  /** Folder holding the built worker entries (coreWorker.js, ledgerWorker.js). */
  readonly workerDir: string;
  readonly host: SystemInfo['host'];
  readonly version: string;
  readonly settings: Settings;
  readonly log?: (level: LogLevel, message: string) => void;
}

export interface Workstation {
  readonly router: ApiRouter;
  status(): SystemStatus;
  readonly core: WorkerSupervisor<CoreRequests, CoreEvents>;
  readonly ledger: WorkerSupervisor<LedgerControlRequests, Record<string, never>>;
  close(): Promise<void>;
}

const API_CODES = new Set<ApiErrorCode>(['BAD_REQUEST', 'REJECTED', 'UNAVAILABLE', 'FORBIDDEN']);

/** Maps an error from a worker to what a window should see. */
function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ThreadUnavailableError) return new ApiError('UNAVAILABLE', error.message);
  if (error instanceof RemoteError && error.code && API_CODES.has(error.code as ApiErrorCode))
    return new ApiError(error.code as ApiErrorCode, error.message, error.field);
  return new ApiError('INTERNAL', error instanceof Error ? error.message : String(error));
}

/**
 * The main-thread side of the workstation, shared by the Electron host and `scalpdesk serve`: starts
 * the ledger and core workers, wires the core↔ledger channel (re-wired whenever either restarts),
 * implements the API handlers by forwarding to the core, and fans the core's conflated state out to
 * every subscribed window.
 */
export async function startWorkstation(options: WorkstationOptions): Promise<Workstation> {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const log = options.log ?? (() => undefined);
  const market = options.settings.market;
  // The default setup runs the built-in exchange in-process and the core reaches it over WebSocket
  // on 127.0.0.1 — the same client path a real broker feed takes (issue 3).
  const exchange = market.exchangeUrl
    ? null
    : await startExchangeServer({ profile: market.profile, seed: market.seed, speed: market.speed, port: 0 });
  const feedUrl = market.exchangeUrl || (exchange?.url ?? '');
  log('info', `market feed: ${feedUrl}${exchange ? ' (built-in exchange)' : ''}`);
  // Shared with the core: the kill switch lands in the engine even while it is busy (issue 4).
  const killFlag = new Int32Array(new SharedArrayBuffer(4));
  const bootData: WorkerBootData = {
    dataDir: options.dataDir,
    settings: options.settings,
    feedUrl,
    killFlag,
  };

  const statusFanout = new Fanout<SystemStatus>();
  const ladders = new KeyedFanout<LadderView>((symbols) => {
    void core.peer?.request('setLadderInterest', { symbols }).catch(() => undefined);
  });
  const orderFanout = new Fanout<OrderView>(false);
  const groupFanout = new Fanout<AttachedGroupView>(false);
  const fillFanout = new Fanout<FillView>(false);
  const positionsFanout = new Fanout<PositionView[]>();
  const engineFanout = new Fanout<EngineStatusView>();
  const decisionFanout = new Fanout<DecisionView>(false);
  // Keeps the last state for windows that subscribe later; reset when the core (and its replay) restarts.
  const replayFanout = new Fanout<ReplayStateView>();
  let feed: SystemStatus['feed'] = { state: 'connecting' };
  let reconciliation: SystemStatus['reconciliation'];

  const status = (): SystemStatus => ({
    workers: [core.status, ledger.status],
    feed,
    ...(reconciliation ? { reconciliation } : {}),
  });
  const publishStatus = (): void => statusFanout.publish(status());

  const ledger: WorkerSupervisor<LedgerControlRequests, Record<string, never>> = new WorkerSupervisor({
    name: 'ledger',
    entryFile: path.join(options.workerDir, 'ledgerWorker.js'),
    bootData,
    onStatus: publishStatus,
    onLog: (level, message) => log(level, `[ledger] ${message}`),
    onStarted: async (peer) => {
      // The core (if up) loses its ledger port when the ledger restarts; give it a new one.
      if (core.status.state === 'running') {
        const channel = new MessageChannel();
        await peer.request('attachCore', { port: channel.port2 }, [channel.port2]);
        await core.peer?.request('attachLedger', { port: channel.port1 }, [channel.port1]);
      }
    },
  });

  const core: WorkerSupervisor<CoreRequests, CoreEvents> = new WorkerSupervisor({
    name: 'core',
    entryFile: path.join(options.workerDir, 'coreWorker.js'),
    bootData,
    onStatus: publishStatus,
    onLog: (level, message) => log(level, `[core] ${message}`),
    onStarted: async (peer: RpcPeer<NoRequests, CoreRequests, CoreEvents>) => {
      peer.on('ladder', (view) => ladders.publish(view.symbol, view));
      peer.on('order', (order) => orderFanout.publish(order));
      peer.on('group', (group) => groupFanout.publish(group));
      peer.on('fill', (fill) => fillFanout.publish(fill));
      peer.on('positions', (positions) => positionsFanout.publish(positions));
      peer.on('engine', (status) => engineFanout.publish(status));
      peer.on('decision', (decision) => decisionFanout.publish(decision));
      peer.on('replayState', (state) => replayFanout.publish(state));
      peer.on('feed', (next) => {
        feed = next;
        publishStatus();
      });
      peer.on('reconciliation', (next) => {
        reconciliation = next;
        publishStatus();
      });
      await ledger.ready();
      const channel = new MessageChannel();
      await ledger.peer?.request('attachCore', { port: channel.port2 }, [channel.port2]);
      await peer.request('attachLedger', { port: channel.port1 }, [channel.port1]);
      await peer.request('setLadderInterest', { symbols: ladders.keys() });
      // A restarted core has no replay open; say so to the replay windows.
      replayFanout.publish(await peer.request('replayState', {}));
    },
  });

  ledger.start();
  core.start();
  await Promise.all([ledger.ready(), core.ready()]);

  const corePeer = (): RpcPeer<NoRequests, CoreRequests, CoreEvents> => {
    const peer = core.peer;
    if (!peer)
      throw new ApiError('UNAVAILABLE', `core worker is ${core.status.state}; try again in a moment`);
    return peer;
  };
  const viaCore = async <K extends keyof CoreRequests & string>(
    type: K,
    payload: CoreRequests[K]['payload'],
  ): Promise<CoreRequests[K]['result']> => {
    try {
      return await corePeer().request(type, payload);
    } catch (error) {
      throw toApiError(error);
    }
  };

  const info: SystemInfo = {
    name: 'scalpdesk',
    version: options.version,
    host: options.host,
    dataDir: options.dataDir,
    broker: options.settings.broker.kind,
    marketProfile: options.settings.market.profile,
    marketFeed: feedUrl,
  };

  const handlers: HandlersOf<ApiContract> = {
    system: {
      getInfo: async () => info,
      getStatus: async () => status(),
      onStatus: (_params, emit) => {
        emit(status());
        return statusFanout.subscribe(emit);
      },
      resolveReconciliation: ({ note }) => viaCore('resolveReconciliation', { note }),
    },
    engine: {
      getStatus: () => viaCore('engineStatus', {}),
      setMode: ({ mode }) => viaCore('setEngineMode', { mode }),
      killSwitch: ({ reason }) => {
        // Set the shared flag first: the engine sees it at its next check even if the core is busy.
        Atomics.store(killFlag, 0, 1);
        return viaCore('killSwitch', { reason });
      },
      rearm: () => viaCore('rearm', {}),
      recentDecisions: () => viaCore('recentDecisions', {}),
      handOver: ({ symbol }) => viaCore('handOver', { symbol }),
      onStatus: (_params, emit) => engineFanout.subscribe(emit),
      onDecision: (_params, emit) => decisionFanout.subscribe(emit),
    },
    market: {
      listInstruments: () => viaCore('listInstruments', {}),
      onLadder: ({ symbol }, emit) => ladders.subscribe(symbol, emit),
    },
    orders: {
      place: (params) => viaCore('placeOrder', { ...params, source: 'manual' }),
      cancel: (params) => viaCore('cancelOrder', params),
      modify: (params) => viaCore('modifyOrder', params),
      modifyLeg: (params) => viaCore('modifyLeg', params),
      cancelAll: () => viaCore('cancelAll', {}),
      list: () => viaCore('listOrders', {}),
      onOrder: (_params, emit) => orderFanout.subscribe(emit),
      onFill: (_params, emit) => fillFanout.subscribe(emit),
      // Always 'manual': a window can never place or cancel on the engine's behalf.
      placeBracket: (params) => viaCore('placeBracket', { ...params, source: 'manual' }),
      cancelGroup: ({ groupId }) => viaCore('cancelGroup', { groupId }),
      listGroups: () => viaCore('listGroups', {}),
      onGroup: (_params, emit) => groupFanout.subscribe(emit),
    },
    positions: {
      list: () => viaCore('listPositions', {}),
      onPositions: (_params, emit) => positionsFanout.subscribe(emit),
      flattenAll: () => viaCore('flattenAll', {}),
      flatten: ({ symbol }) => viaCore('flattenSymbol', { symbol }),
    },
    replay: {
      listRecordings: () => viaCore('replayListRecordings', {}),
      open: (params) => viaCore('replayOpen', params),
      play: () => viaCore('replayPlay', {}),
      pause: () => viaCore('replayPause', {}),
      step: () => viaCore('replayStep', {}),
      seek: ({ tsUs }) => viaCore('replaySeek', { tsUs }),
      setSpeed: ({ speed }) => viaCore('replaySetSpeed', { speed }),
      watch: ({ symbol }) => viaCore('replayWatch', { symbol }),
      close: () => viaCore('replayClose', {}),
      getState: () => viaCore('replayState', {}),
      onState: (_params, emit) => replayFanout.subscribe(emit),
      listRuns: async ({ limit }) => {
        const peer = ledger.peer;
        if (!peer)
          throw new ApiError('UNAVAILABLE', `ledger worker is ${ledger.status.state}; try again in a moment`);
        try {
          return (await peer.request('listBacktestRuns', { limit })).map(backtestRunView);
        } catch (error) {
          throw toApiError(error);
        }
      },
    },
  };

  const router = createApiRouter(apiContract, handlers, (method, error) =>
    log(
      'error',
      `API ${method} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    ),
  );

  return {
    router,
    status,
    core,
    ledger,
    async close() {
      await core.stop((peer) => peer.request('shutdown', {}));
      await ledger.stop((peer) => peer.request('shutdown', {}));
      await exchange?.close();
    },
  };
}
