import { MessageChannel } from 'node:worker_threads';
import path from 'node:path';
import { apiContract } from '../../shared/api/contract';
import { ApiError } from '../../shared/api/errors';
import type { ApiErrorCode } from '../../shared/api/errors';
import { createApiRouter } from '../../shared/api/router';
import type { ApiRouter } from '../../shared/api/router';
import type { SystemInfo, SystemStatus } from '../../shared/api/views';
import { resolveHotkeys } from '../../shared/domain/hotkeys';
import { createCoreForwarding } from './coreForwarding';
import { Fanout } from './fanout';
import { createAnalyticsHandlers } from './analyticsHandlers';
import type { LedgerRequest } from './analyticsHandlers';
import { backtestRunView } from '../coreWorker/replayWindow/backtestRun';
import { settingsPath } from '../platform/paths';
import type { Settings } from '../platform/settings';
import { checkStartup, StartupError } from '../platform/startupChecks';
import { startExchangeServer } from '../exchange/server';
import type { CoreEvents, CoreRequests } from '../coreWorker/protocol';
import type { LedgerControlRequests } from '../ledger/protocol';
import type { NoRequests, WorkerBootData } from '../threads/workerBoot';
import { RemoteError, ThreadUnavailableError } from '../threads/rpc';
import type { LogLevel, RpcPeer } from '../threads/rpc';
import { WorkerSupervisor } from '../threads/supervisor';
import type { BrokerSecrets } from '../brokers/config/brokerSecrets';
import { brokerSettingsHandlers } from './brokerSettingsHandlers';

export interface WorkstationOptions {
  readonly dataDir: string;
  /** Folder holding the built worker entries (coreWorker.js, ledgerWorker.js). */
  readonly workerDir: string;
  readonly host: SystemInfo['host'];
  readonly version: string;
  readonly settings: Settings;
  readonly log?: (level: LogLevel, message: string) => void;
  /**
   * A start-up fault found after start-up returned (a worker that cannot be started again, a setting
   * only the feed can check): the host should print the message and exit non-zero.
   */
  readonly onFatal?: (error: StartupError) => void;
  /** Desktop: keeps broker keys entered in the Broker settings window (OS keychain). Headless: absent. */
  readonly saveBrokerSecrets?: (secrets: BrokerSecrets) => void;
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
  checkStartup(options.dataDir, options.settings, settingsPath(options.dataDir));
  const log = options.log ?? (() => undefined);
  const fatal = options.onFatal ?? ((error: StartupError) => log('error', error.message));
  const market = options.settings.market;
  // The default setup runs the built-in exchange in-process and the core reaches it over WebSocket
  // on 127.0.0.1 — the same client path a real broker feed takes (issue 3).
  // On a broker's market data (market.source "broker") there is no exchange to start.
  const brokerKind = options.settings.broker.kind;
  const brokerFeed = market.source === 'broker' && brokerKind !== 'paper';
  const exchange =
    market.exchangeUrl || brokerFeed
      ? null
      : await startExchangeServer({
          profile: market.profile,
          seed: market.seed,
          speed: market.speed,
          port: 0,
        });
  const feedUrl = brokerFeed ? `${brokerKind} market data` : market.exchangeUrl || (exchange?.url ?? '');
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
  // The symbols the core's feed lists, refreshed at each core start (and on a miss): a ladder for a
  // symbol nobody lists would wait forever for a first view (issue 10 item 6).
  let listedSymbols: ReadonlySet<string> | null = null;
  const refreshListedSymbols = async (): Promise<void> => {
    const instruments = await coreApi.forward('market.listInstruments', {});
    listedSymbols = new Set(instruments.map((instrument) => instrument.symbol as string));
  };
  const coreApi = createCoreForwarding({
    peer: () => corePeer(),
    toApiError,
    checkSubscription: (stream, params) => {
      if (stream !== 'market.onLadder') return;
      if (listedSymbols === null) {
        void refreshListedSymbols().catch(() => undefined);
        return;
      }
      const symbol = (params as { symbol: string }).symbol;
      if (listedSymbols.has(symbol)) return;
      void refreshListedSymbols().catch(() => undefined);
      throw new ApiError('BAD_REQUEST', `symbol: unknown symbol "${symbol}"`, 'symbol');
    },
  });
  let feed: SystemStatus['feed'] = { state: 'connecting' };
  let started = false;
  // One log line when the feed becomes unreachable and one when it is back, not one per retry.
  let feedReportedDown = false;
  const reportFeedChange = (next: SystemStatus['feed']): void => {
    if (next.state === 'disconnected' && !feedReportedDown)
      log('warn', `market feed ${feedUrl} is unreachable (${next.detail ?? 'no detail'}); still retrying`);
    if (next.state === 'connected' && feedReportedDown) log('info', `market feed ${feedUrl} connected`);
    if (next.state !== 'connecting') feedReportedDown = next.state === 'disconnected';
  };
  let reconciliation: SystemStatus['reconciliation'];
  let connections: SystemStatus['connections'];

  const status = (): SystemStatus => ({
    workers: [core.status, ledger.status],
    feed,
    ...(reconciliation ? { reconciliation } : {}),
    ...(connections ? { connections } : {}),
  });
  const publishStatus = (): void => statusFanout.publish(status());

  const ledger: WorkerSupervisor<LedgerControlRequests, Record<string, never>> = new WorkerSupervisor({
    name: 'ledger',
    entryFile: path.join(options.workerDir, 'ledgerWorker.js'),
    bootData,
    onStatus: publishStatus,
    onLog: (level, message) => log(level, `[ledger] ${message}`),
    onGaveUp: (error) => started && fatal(error),
    onStarted: async (peer) => {
      // Answered only once the worker has opened the ledger: one that cannot be opened (damaged, newer
      // schema) fails here, as a start-up fault, instead of counting as running and then crashing.
      await peer.request('countFills', {});
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
    onGaveUp: (error) => started && fatal(error),
    onStarted: async (peer: RpcPeer<NoRequests, CoreRequests, CoreEvents>) => {
      coreApi.listen(peer);
      peer.on('startupFailed', ({ message }) => fatal(new StartupError(message)));
      peer.on('feed', (next) => {
        reportFeedChange(next);
        feed = next;
        publishStatus();
      });
      peer.on('reconciliation', (next) => {
        reconciliation = next;
        publishStatus();
      });
      peer.on('connections', (next) => {
        connections = next;
        publishStatus();
      });
      await ledger.ready();
      const channel = new MessageChannel();
      await ledger.peer?.request('attachCore', { port: channel.port2 }, [channel.port2]);
      await peer.request('attachLedger', { port: channel.port1 }, [channel.port1]);
      await coreApi.restoreInterest(peer);
      // Not awaited: while the feed is unreachable the desk (and its listing) is not there yet.
      void refreshListedSymbols().catch(() => undefined);
    },
  });

  ledger.start();
  core.start();
  try {
    await Promise.all([ledger.ready(), core.ready()]);
  } catch (error) {
    // A start-up fault: stop whatever did start so the process can exit with the one message.
    await core.stop();
    await ledger.stop();
    await exchange?.close();
    throw error;
  }
  started = true;

  const corePeer = (): RpcPeer<NoRequests, CoreRequests, CoreEvents> => {
    const peer = core.peer;
    if (!peer)
      throw new ApiError('UNAVAILABLE', `core worker is ${core.status.state}; try again in a moment`);
    return peer;
  };
  const info: SystemInfo = {
    name: 'scalpdesk',
    version: options.version,
    host: options.host,
    dataDir: options.dataDir,
    broker: options.settings.broker.kind,
    marketProfile: options.settings.market.profile,
    marketFeed: feedUrl,
    hotkeys: resolveHotkeys(options.settings.hotkeys).bindings,
    ladder: options.settings.ladder,
  };

  const ledgerRequest: LedgerRequest = async (name, payload) => {
    const peer = ledger.peer;
    if (!peer)
      throw new ApiError('UNAVAILABLE', `ledger worker is ${ledger.status.state}; try again in a moment`);
    try {
      return await peer.request(name, payload);
    } catch (error) {
      throw toApiError(error);
    }
  };
  const analytics = createAnalyticsHandlers(ledgerRequest);

  // Main answers what it holds itself; every other member of the contract is forwarded to the core.
  const handlers = coreApi.handlers({
    'system.getInfo': async () => info,
    'system.getStatus': async () => status(),
    'system.onStatus': (_params, emit) => {
      emit(status());
      return statusFanout.subscribe(emit);
    },
    'engine.killSwitch': (params) => {
      // Set the shared flag first: the engine sees it at its next check even if the core is busy.
      Atomics.store(killFlag, 0, 1);
      return coreApi.forward('engine.killSwitch', params);
    },
    ...brokerSettingsHandlers({
      dataDir: options.dataDir,
      running: options.settings,
      connections: () => connections,
      ...(options.saveBrokerSecrets ? { saveSecrets: options.saveBrokerSecrets } : {}),
    }),
    'replay.listRuns': async ({ limit }) =>
      (await ledgerRequest('listBacktestRuns', { limit })).map(backtestRunView),
    'analytics.getReport': analytics.getReport,
    'analytics.exportCsv': analytics.exportCsv,
  });

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
