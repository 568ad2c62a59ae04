import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../src/shared/domain/marketEvents';
import { connectOpenAlgoFeed } from '../../../src/main/brokers/openalgo/marketDataFeed';
import type { OpenAlgoMarketFeed } from '../../../src/main/brokers/openalgo/marketDataFeed';
import type { OpenAlgoError } from '../../../src/main/brokers/openalgo/session';
import { OpenAlgoSymbolMap } from '../../../src/main/brokers/openalgo/symbols';
import { backoffBoundMs } from '../../../src/main/brokers/stream/backoff';
import type { StreamStatus } from '../../../src/main/brokers/stream/streamConnection';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';
import { FakeOpenAlgo } from '../../support/brokers/fakeOpenAlgo';
import { until } from '../../support/brokers/until';

const API_KEY = 'test-openalgo-key-5b1f0c';
const nifty = underlyingOf('nse', 'NIFTY');
const call = optionOf('nse', 'NIFTY', '2026-01-06', 26000, 'CE');
const BACKOFF = { initialDelayMs: 40, maxDelayMs: 400 };

let server: FakeOpenAlgo;
let feed: OpenAlgoMarketFeed | null = null;

async function start(options: { key?: string; stallAfterMs?: number } = {}) {
  server = await new FakeOpenAlgo(API_KEY, [
    { symbol: 'NIFTY', exchange: 'NSE_INDEX', mid: 26010, tick: 0.05, lotSize: 1 },
    { symbol: 'NIFTY06JAN2626000CE', exchange: 'NFO', mid: 120, tick: 0.05, lotSize: 65 },
  ]).start();
  const events: MarketEvent[] = [];
  const statuses: StreamStatus[] = [];
  const problems: OpenAlgoError[] = [];
  feed = connectOpenAlgoFeed({
    wsUrl: server.wsUrl,
    apiKey: options.key ?? API_KEY,
    symbols: new OpenAlgoSymbolMap([nifty, call]),
    backoff: BACKOFF,
    stallAfterMs: options.stallAfterMs ?? 5000,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    onProblem: (problem) => problems.push(problem),
  });
  return { events, statuses, problems, feed };
}

afterEach(async () => {
  await feed?.close();
  feed = null;
  await server.stop();
});

describe('OpenAlgo market data feed', () => {
  it('authenticates, subscribes in depth mode and normalises depth and index ticks to exact prices', async () => {
    const { events, feed } = await start();
    await feed.whenLive();
    feed.subscribe([nifty, call], 'DEPTH');
    await until(() => server.subscribersOf('NIFTY06JAN2626000CE', 'NFO') === 1, 'the subscription');
    expect(server.wsMessages[0]).toEqual({ action: 'authenticate', api_key: API_KEY });
    expect(server.wsMessages[1]).toMatchObject({ action: 'subscribe', mode: 3 });
    server.publish(false);
    await until(() => events.some((event) => event.type === 'depth'), 'a depth event');
    const depth = events.find((event) => event.type === 'depth');
    // 120 mid, tick 0.05: best bid 119.95 = 11995 paise, best ask 120.05 = 12005.
    expect(depth).toMatchObject({ symbol: call.symbol });
    if (depth?.type !== 'depth') throw new Error('no depth');
    expect(depth.bids).toHaveLength(5);
    expect(depth.bids[0]).toEqual({ price: 11995, size: 130 });
    expect(depth.asks[0]).toEqual({ price: 12005, size: 195 });
    expect(events.find((event) => event.type === 'index')).toMatchObject({ symbol: 'NIFTY', value: 2601000 });
  });

  it('stops and says why when the API key is refused (bad credentials), without retrying', async () => {
    const { statuses, feed } = await start({ key: 'wrong-key' });
    await expect(feed.whenLive()).rejects.toThrow(/API key was refused \(INVALID_API_KEY/);
    expect(feed.status.state).toBe('failed');
    expect(statuses.some((status) => status.state === 'waiting')).toBe(false);
  });

  it('reconnects after a drop mid-stream within the backoff bound and restores every subscription', async () => {
    const { events, statuses, feed } = await start();
    await feed.whenLive();
    feed.subscribe([nifty, call], 'DEPTH');
    await until(() => server.subscribersOf('NIFTY', 'NSE_INDEX') === 1, 'subscriptions');
    server.dropConnections();
    await until(() => statuses.some((status) => status.state === 'waiting'), 'the reconnect wait');
    const waiting = statuses.find((status) => status.state === 'waiting') as StreamStatus;
    expect(waiting.attempt).toBe(1);
    expect(waiting.retryWithinMs).toBe(backoffBoundMs(BACKOFF, 1));
    await until(
      () =>
        server.subscribersOf('NIFTY', 'NSE_INDEX') === 1 &&
        server.subscribersOf('NIFTY06JAN2626000CE', 'NFO') === 1,
      'resubscription',
    );
    const before = events.length;
    // Publish on every poll: the server may still count the dropped socket for a moment.
    await until(() => {
      server.publish();
      return events.length > before;
    }, 'data after the reconnect');
    expect([...feed.subscriptions().keys()].sort()).toEqual(['NFO:NIFTY06JAN2626000CE', 'NSE_INDEX:NIFTY']);
  });

  it('detects a silent connection (no data, no pongs), reconnects and gets data again', async () => {
    const { events, statuses, feed } = await start({ stallAfterMs: 150 });
    await feed.whenLive();
    feed.subscribe([call], 'DEPTH');
    await until(() => server.subscribersOf('NIFTY06JAN2626000CE', 'NFO') === 1, 'the subscription');
    server.setSilent(true);
    await until(() => statuses.some((status) => status.state === 'stale'), 'the stall to be noticed');
    server.setSilent(false);
    await until(
      () => feed.status.state === 'live' && server.subscribersOf('NIFTY06JAN2626000CE', 'NFO') === 1,
      'a fresh live connection',
    );
    await until(() => {
      server.publish();
      return events.some((event) => event.type === 'depth');
    }, 'data after the stall');
  });

  it('reports a malformed frame and keeps the stream', async () => {
    const { events, problems, feed } = await start();
    await feed.whenLive();
    feed.subscribe([call], 'DEPTH');
    await until(() => server.subscribersOf('NIFTY06JAN2626000CE', 'NFO') === 1, 'the subscription');
    server.sendMalformed();
    await until(() => problems.some((problem) => problem.code === 'MALFORMED'), 'the malformed frame report');
    server.publish();
    await until(() => events.some((event) => event.type === 'depth'), 'data after the bad frame');
    expect(feed.status.state).toBe('live');
  });

  it('forgets a symbol the broker does not know and reports the per-connection limit', async () => {
    const { problems, feed: first } = await start();
    await first.whenLive();
    const unknown = optionOf('nse', 'NIFTY', '2026-01-06', 99000, 'CE');
    const symbols = new OpenAlgoSymbolMap([nifty, call, unknown]);
    await first.close();
    const limited = connectOpenAlgoFeed({
      wsUrl: server.wsUrl,
      apiKey: API_KEY,
      symbols,
      onEvent: () => undefined,
      onProblem: (problem) => problems.push(problem),
    });
    feed = limited;
    server.maxSymbolsPerConnection = 1;
    await limited.whenLive();
    limited.subscribe([unknown], 'DEPTH');
    await until(
      () => problems.some((problem) => problem.code === 'SYMBOL_NOT_FOUND'),
      'the unknown symbol report',
    );
    expect(limited.subscriptions().has('NFO:NIFTY06JAN2699000CE')).toBe(false);
    limited.subscribe([nifty, call], 'DEPTH');
    await until(() => problems.some((problem) => problem.code === 'LIMIT_EXCEEDED'), 'the limit report');
  });
});
