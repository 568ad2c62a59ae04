import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { ApiError } from '../../shared/api/errors';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { RecordedInstrument } from '../../shared/recording/events';
import { DailyRecorder } from '../backtest/recording/dailyRecorder';
import { settingsPath } from '../platform/paths';
import type { Settings } from '../platform/settings';
import { StartupError } from '../platform/startupChecks';
import type { CoreEvents, CoreRequests } from './protocol';
import type { PublishStream } from './coreApi';
import { dispatchCoreCall } from './coreApi';
import { createCoreHandlers, createCoreInterest } from './coreHandlers';
import { PresetStore } from './presetStore';
import type { LedgerRequests } from '../ledger/protocol';
import type { NoRequests, WorkerBootData } from '../threads/workerBoot';
import { RpcPeer, ThreadUnavailableError } from '../threads/rpc';
import type { Endpoint } from '../threads/rpc';
import { CoreService } from './coreService';
import { engineUnderlyingProblem } from './engineUnderlying';
import { ReplayController } from './replayWindow/replayController';
import { selectMarketFeed } from './feeds/selectMarketFeed';
import { recordedSessionHistory } from './sessionHistory';
import { ChainTools } from './chainTools/chainTools';
import { ConnectionBoard } from '../brokers/config/connectionBoard';
import type { LiveBroker } from './liveBroker';
import { selectLiveBroker } from './liveBroker';

/**
 * ~60 frames a second: the most a window can show (the "conflation" principle: conflated, ≤ 1 update per
 * frame).
 */
const FRAME_MS = 16;
/** With no market event for this long, market time is advanced from the wall clock (time exits still fire). */
const IDLE_AFTER_MS = 1000;
/**
 * While the feed is silent the clock moves on this often (wall time), each step recorded on the tape
 * so a replay moves the same way: a time exit fires at most this late in a silence, and an evening
 * with the app open after the close adds about 10 bytes a step (~0.6 MB to midnight) to the day's
 * recording, not the 60 steps a second of every frame.
 */
const IDLE_STEP_MS = 500;
let lastIdleStepWallMs = 0;
const MARKET_TIME_ZONE = { nse: 'Asia/Kolkata', us: 'America/New_York' } as const;

if (!parentPort) throw new Error('coreWorker must run as a worker thread');
const boot = workerData as WorkerBootData;
const settings = boot.settings as Settings;
if (!boot.feedUrl) throw new Error('core worker started without a market feed URL');
// Each connection to a real broker, for the status bars.
const connections = new ConnectionBoard((list) => publish('connections', list));
// Built-in exchange, an external one, or the configured broker (settings market.source).
const feed = selectMarketFeed(
  settings,
  boot.feedUrl,
  (level, message) => main.log(level, message),
  connections,
);

// The ledger is reached over its own MessagePort; a restart of either side re-attaches it.
let ledgerPeer: RpcPeer<NoRequests, LedgerRequests> | null = null;
let ledgerWaiters: Array<() => void> = [];
const ledger = (): RpcPeer<NoRequests, LedgerRequests> => {
  if (!ledgerPeer) throw new ThreadUnavailableError('ledger thread is not attached');
  return ledgerPeer;
};

let service: CoreService | null = null;
let recorder: DailyRecorder | null = null;
let frameTimer: NodeJS.Timeout | null = null;
let lastEventWallMs = Date.now();
let lastEventMarketUs = 0;
/** The live desk's start (feed connect → restore → recorder); runs once per worker. */
let starting: Promise<void> | null = null;
let shuttingDown = false;
/** What windows watch, per keyed stream (the ladder's symbols), as main last said. */
const pendingInterest = new Map<keyof typeof interest, string[]>();
/** Resolves when the first connection attempt to the feed failed: the host then serves meanwhile. */
let markFeedUnreachable: () => void = () => undefined;
const feedUnreachable = new Promise<void>((resolve) => (markFeedUnreachable = resolve));

const requireService = (): CoreService => {
  if (!service) throw new ApiError('UNAVAILABLE', 'the core is still starting; try again in a moment');
  return service;
};

const main: RpcPeer<CoreRequests, NoRequests> = new RpcPeer<CoreRequests, NoRequests>(
  parentPort as unknown as Endpoint,
  {
    async attachLedger({ port }: { port: MessagePort }) {
      ledgerPeer?.detach('replaced');
      const peer = new RpcPeer<NoRequests, LedgerRequests>(port as unknown as Endpoint, {}, 'ledger');
      ledgerPeer = peer;
      port.on('close', () => {
        peer.detach('closed its channel');
        if (ledgerPeer === peer) ledgerPeer = null;
      });
      const waiters = ledgerWaiters;
      ledgerWaiters = [];
      waiters.forEach((resolve) => resolve());
      if (starting) return;
      let answered = false;
      starting = startService().then(
        // A (re)started core has no replay open: say so to the replay windows, which may show an old one.
        () => publishStream('replay.onState', replay.state()),
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          // Before this request is answered the failure travels as its error; after, as an event.
          if (answered && !shuttingDown) publish('startupFailed', { message });
          throw error;
        },
      );
      // Wait for the desk so the first request finds it — unless the feed cannot be reached: then the
      // host starts serving its windows (which show the feed retrying) instead of hanging (issue 10).
      await Promise.race([starting, feedUnreachable]);
      answered = true;
      starting.catch(() => undefined);
    },
    call: (call) => dispatchCoreCall(handlers, call),
    setInterest: ({ stream, keys }) => {
      // Kept while the desk is still starting (feed unreachable) and applied once it runs.
      pendingInterest.set(stream, keys);
      if (service) interest[stream]?.(keys);
    },
    async shutdown() {
      // Feed first: once it is stopped no market event can reach the recorder after it is closed
      // (every Ctrl+C used to crash the core with "the recorder is closed").
      shuttingDown = true;
      await feed.stop();
      await service?.desk.broker.close();
      replay.dispose();
      if (frameTimer) clearInterval(frameTimer);
      frameTimer = null;
      service?.flushJournal();
      const closing = recorder;
      recorder = null;
      closing?.close();
    },
  },
  'main',
);

const publish = <K extends keyof CoreEvents & string>(topic: K, payload: CoreEvents[K]): void =>
  main.publish<CoreEvents, K>(topic, payload);
/** One path for every API subscription's events: main fans them out by the contract's wire name. */
const publishStream: PublishStream = (stream, event) => publish('stream', { stream, event });

// The replay window's replay: its own engine + paper broker on the replay account, never the live desk.
const replay = new ReplayController({
  recordingsDir: path.join(boot.dataDir, 'recordings'),
  publish: (state) => publishStream('replay.onState', state),
  saveRun: (run) => ledger().request('recordBacktestRun', run),
  log: (level, message) => main.log(level, message),
});

const presets = new PresetStore(path.join(boot.dataDir, 'presets'));
// The option chain window's chains: the feed's (when it has one) and imported files.
const chain = new ChainTools({
  fetchChain: feed.chain,
  liveSourceName:
    settings.market.source === 'broker'
      ? 'broker'
      : settings.market.exchangeUrl
        ? 'external exchange'
        : 'built-in exchange',
  instruments: () => requireService().listInstruments(),
  defaultUnderlying: () => requireService().engineStatus().underlying,
  marketNowUs: () => service?.marketNowUs ?? 0,
  publish: (view) => publishStream('chain.onChain', view),
  log: (message) => main.log('warn', message),
});

const handlers = createCoreHandlers({
  service: requireService,
  replay,
  presets,
  clearKillFlag: () => {
    if (boot.killFlag) Atomics.store(boot.killFlag, 0, 0);
  },
  chain,
});
const interest = createCoreInterest({ service: requireService, chain });

function startRecorder(instruments: readonly RecordedInstrument[], underlying: string): DailyRecorder | null {
  if (!settings.recording.enabled) return null;
  const bySymbol = new Map(instruments.map((instrument) => [instrument.symbol as string, instrument]));
  const daily = new DailyRecorder({
    directory: path.join(boot.dataDir, 'recordings'),
    timeZone: MARKET_TIME_ZONE[settings.market.profile],
    instrument: (symbol) => bySymbol.get(symbol),
    source: `live:${settings.market.exchangeUrl ? 'external' : `exchange:seed=${settings.market.seed}`}`,
    meta: { underlying },
    onRepair: (repair) => main.log('warn', `recording repaired: ${JSON.stringify(repair)}`),
  });
  daily.defineInstruments(instruments);
  return daily;
}

async function startService(): Promise<void> {
  const pending: MarketEvent[] = [];
  let current: CoreService | null = null;
  // Events wait until the service is restored *and* the recorder runs, then go in feed order: one
  // that reached the engine during restore would be missing from the recording, and the earlier
  // waiting ones would follow it out of order (live ↔ replay parity).
  let accepting = false;
  const instruments = await feed.start({
    onEvent: (event) => {
      lastEventWallMs = Date.now();
      if (event.tsEvent > lastEventMarketUs) lastEventMarketUs = event.tsEvent;
      if (accepting && current) current.onMarketEvent(event);
      else pending.push(event);
    },
    onStatus: (status) => {
      if (shuttingDown) return; // the feed closing on purpose is not news
      if (status.state === 'disconnected') markFeedUnreachable();
      publish('feed', status);
      current?.onFeedStatus(status);
    },
    onProblem: (message) => main.log('warn', `market feed: ${message}`),
  });
  const underlyingProblem = engineUnderlyingProblem(settings.engine.underlying, instruments);
  if (underlyingProblem) throw new StartupError(`${settingsPath(boot.dataDir)}: ${underlyingProblem}`);
  let liveBroker: LiveBroker | null;
  try {
    liveBroker = selectLiveBroker(settings, instruments, connections, (level, message) =>
      main.log(level, message),
    );
  } catch (error) {
    throw new StartupError(`${settingsPath(boot.dataDir)}: ${(error as Error).message}`);
  }
  current = new CoreService({
    instruments,
    profile: settings.market.profile,
    idNamespace: `${Date.now().toString(36)}-`,
    killFlag: boot.killFlag,
    engine: { ...settings.engine, presetVersion: presets.newest(settings.engine.preset) },
    brokerCapabilities: settings.broker.capabilities,
    ...(liveBroker ? { broker: liveBroker.factory, brokerName: liveBroker.name } : {}),
    ledger: {
      recordOrderWrites: (writes) => ledger().request('recordOrderWrites', { writes }),
      loadPositionStates: () => ledger().request('loadPositionStates', {}),
      reconcile: (brokerPositions, brokerWorkingOrders) =>
        ledger().request('reconcile', { brokerPositions, brokerWorkingOrders }),
      loadWorkingOrders: () => ledger().request('loadWorkingOrders', {}),
      resolveReconciliation: (resolution) => ledger().request('resolveReconciliation', resolution),
      journal: (rows) => ledger().request('journal', { rows }),
      ready: () => (ledgerPeer ? Promise.resolve() : new Promise((resolve) => ledgerWaiters.push(resolve))),
    },
    outputs: {
      publish: publishStream,
      reconciliation: (report) => publish('reconciliation', report),
      log: (level, message) => main.log(level, message),
    },
    record: (event) => recorder?.record(event),
    sessionHistory: settings.recording.enabled
      ? recordedSessionHistory({
          directory: path.join(boot.dataDir, 'recordings'),
          timeZone: MARKET_TIME_ZONE[settings.market.profile],
          flushRecorder: () => recorder?.flush(),
          log: (message) => main.log('warn', message),
        })
      : undefined,
  });
  await current.restore();
  const engineUnderlying = current.engineStatus().underlying;
  recorder = startRecorder(
    instruments.map((instrument) => ({
      symbol: instrument.symbol,
      priceDecimals: instrument.priceDecimals,
      tickUnits: instrument.tickUnits,
      instrument,
    })),
    engineUnderlying,
  );
  for (const event of pending) current.onMarketEvent(event);
  pending.length = 0;
  accepting = true;
  service = current;
  for (const [stream, keys] of pendingInterest) interest[stream]?.(keys);
  const running = current;
  publishStream('positions.onPositions', running.listPositions());
  frameTimer = setInterval(() => {
    running.publishFrame();
    running.maybeRefreshOptionsContext(feed.chain);
    chain.onFrame(Date.now());
    const nowWallMs = Date.now();
    const idleMs = nowWallMs - lastEventWallMs;
    if (idleMs >= IDLE_AFTER_MS && lastEventMarketUs > 0 && nowWallMs - lastIdleStepWallMs >= IDLE_STEP_MS) {
      lastIdleStepWallMs = nowWallMs;
      running.advanceIdle(lastEventMarketUs + idleMs * 1000 * settings.market.speed);
    }
  }, FRAME_MS);
  main.log(
    'info',
    `core started: ${instruments.length} instruments, engine ${settings.engine.mode} on ${engineUnderlying}`,
  );
}
