import { parentPort, workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { ApiError } from '../../shared/api/errors';
import { createSequentialIds } from '../../shared/domain/ids';
import type { Clock, TimestampUs } from '../../shared/domain/time';
import { msToUs } from '../../shared/domain/time';
import type {
  CoreEvents,
  CoreRequests,
  LedgerRequests,
  NoRequests,
  WorkerBootData,
} from '../threads/protocols';
import { RpcPeer, ThreadUnavailableError } from '../threads/rpc';
import type { Endpoint } from '../threads/rpc';
import { CoreService } from './coreService';
import { createExchangeMarketFeed } from './feeds/exchangeFeed';

/** ~60 frames a second: the most a window can show (DESIGN "Shape": conflated, ≤ 1 update per frame). */
const FRAME_MS = 16;

if (!parentPort) throw new Error('coreWorker must run as a worker thread');
const boot = workerData as WorkerBootData;

/**
 * Market time: the newest event timestamp seen. The built-in exchange runs on simulated time (and a
 * replay on recorded time), so orders and fills are stamped on the market's clock, not the desk's.
 */
let marketTimeUs = 0;
const marketClock: Clock = { nowUs: (): TimestampUs => (marketTimeUs || msToUs(Date.now())) as TimestampUs };
// Ids stay unique across worker restarts: the namespace is the start time.
const ids = createSequentialIds(`${Date.now().toString(36)}-`);

let ledgerPeer: RpcPeer<NoRequests, LedgerRequests> | null = null;
const ledger = (): RpcPeer<NoRequests, LedgerRequests> => {
  if (!ledgerPeer) throw new ThreadUnavailableError('ledger thread is not attached yet');
  return ledgerPeer;
};

let service: CoreService | null = null;
if (!boot.feedUrl) throw new Error('core worker started without a market feed URL');
const feed = createExchangeMarketFeed(boot.feedUrl);
let frameTimer: NodeJS.Timeout | null = null;

const requireService = (): CoreService => {
  if (!service) throw new ApiError('UNAVAILABLE', 'core is still starting');
  return service;
};

const main: RpcPeer<CoreRequests, NoRequests> = new RpcPeer<CoreRequests, NoRequests>(
  parentPort as unknown as Endpoint,
  {
    async attachLedger({ port }: { port: MessagePort }) {
      ledgerPeer?.detach('replaced');
      ledgerPeer = new RpcPeer<NoRequests, LedgerRequests>(port as unknown as Endpoint, {}, 'ledger');
      port.on('close', () => ledgerPeer?.detach('closed its channel'));
      if (!service) await startService();
    },
    listInstruments: () => requireService().listInstruments(),
    placeOrder: (params) => requireService().placeOrder(params),
    cancelOrder: ({ orderId }) => requireService().cancelOrder(orderId),
    listOrders: () => requireService().listOrders(),
    listPositions: () => requireService().listPositions(),
    setLadderInterest: ({ symbols }) => {
      requireService().market.setInterest(symbols);
    },
    async shutdown() {
      if (frameTimer) clearInterval(frameTimer);
      await feed.stop();
    },
  },
  'main',
);

const publish = <K extends keyof CoreEvents & string>(topic: K, payload: CoreEvents[K]): void =>
  main.publish<CoreEvents, K>(topic, payload);

async function startService(): Promise<void> {
  const pending: Parameters<CoreService['onMarketEvent']>[0][] = [];
  let current: CoreService | null = null;
  const instruments = await feed.start({
    onEvent: (event) => {
      if (event.tsEvent > marketTimeUs) marketTimeUs = event.tsEvent;
      if (current) current.onMarketEvent(event);
      else pending.push(event);
    },
    onStatus: (status) => publish('feed', status),
  });
  current = new CoreService(
    instruments,
    marketClock,
    ids,
    {
      recordOrder: (order) => ledger().request('recordOrder', { order }),
      recordFill: (fill, order) => ledger().request('recordFill', { fill, order }),
      loadPositions: () => ledger().request('loadPositions', {}),
    },
    {
      ladder: (view) => publish('ladder', view),
      order: (order) => publish('order', order),
      fill: (fill) => publish('fill', fill),
      positions: (positions) => publish('positions', positions),
    },
  );
  await current.restore();
  pending.forEach((event) => current.onMarketEvent(event));
  service = current;
  publish('positions', current.listPositions());
  frameTimer = setInterval(() => current.publishFrame(), FRAME_MS);
  main.log('info', `core started with ${instruments.length} instruments`);
}
