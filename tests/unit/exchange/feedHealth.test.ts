import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { MarketEvent } from '../../../src/shared/domain/marketEvents';
import type {
  ExchangeFeed,
  ExchangeFeedError,
  ExchangeFeedStatus,
} from '../../../src/main/coreWorker/feeds/exchangeFeed';
import { connectExchangeFeed } from '../../../src/main/coreWorker/feeds/exchangeFeed';

/** A bare WebSocket server on 127.0.0.1 that the test drives by hand: it sends only what the test says. */
async function startSilentServer(): Promise<{
  url: string;
  client: Promise<WebSocket>;
  close(): Promise<void>;
}> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('expected a TCP address');
  const client = new Promise<WebSocket>((resolve) => server.once('connection', (socket) => resolve(socket)));
  return {
    url: `ws://127.0.0.1:${address.port}`,
    client,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of server.clients) socket.terminate();
        server.close(() => resolve());
      }),
  };
}

const trade = (tsEvent: number): MarketEvent =>
  ({ type: 'trade', symbol: 'X', tsEvent, price: 100, size: 1, aggressor: 'buy' }) as MarketEvent;

describe('feed health', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('reports a connection that sends nothing, not even a ping reply, as stale, and connected when data resumes', async () => {
    const server = await startSilentServer();
    cleanups.push(server.close);
    const statuses: ExchangeFeedStatus[] = [];
    const feed: ExchangeFeed = connectExchangeFeed(
      server.url,
      { onEvent: () => undefined, onStatus: (status) => statuses.push(status) },
      { staleAfterMs: 200 },
    );
    cleanups.push(() => feed.close());
    const socket = await server.client;
    const pings: unknown[] = [];
    socket.on('message', (data) => pings.push(JSON.parse(String(data))));
    await expect.poll(() => statuses.map((status) => status.state), { timeout: 5000 }).toContain('stale');
    const stale = statuses.find((status) => status.state === 'stale');
    expect(stale?.detail).toMatch(/^no data from ws:\/\/127\.0\.0\.1:\d+ for \d+ ms$/);
    // It asked for a sign of life before giving up: the heartbeat is a ping.
    expect(pings).toContainEqual(expect.objectContaining({ op: 'ping' }));
    socket.send(JSON.stringify({ type: 'events', events: [trade(1000)] }));
    await expect.poll(() => statuses.at(-1)?.state, { timeout: 5000 }).toBe('connected');
  });

  it('never lets market time move backwards past a second: a regression is reported once and held until time passes it; a small interleave passes', async () => {
    const server = await startSilentServer();
    cleanups.push(server.close);
    const delivered: number[] = [];
    const errors: ExchangeFeedError[] = [];
    const feed = connectExchangeFeed(server.url, {
      onEvent: (event) => delivered.push(event.tsEvent),
      onError: (error) => errors.push(error),
    });
    cleanups.push(() => feed.close());
    const socket = await server.client;
    const S = 1_000_000;
    // 2.5 s then 2.45 s: instruments interleave by a few ms, not a regression. 1.5 s and 1.8 s lie more
    // than a second behind 3 s (a restarted exchange): held and reported once.
    const times = [1 * S, 2.5 * S, 2.45 * S, 3 * S, 1.5 * S, 1.8 * S, 3.2 * S];
    socket.send(JSON.stringify({ type: 'events', events: times.map(trade) }));
    socket.send(JSON.stringify({ type: 'events', events: [3.3 * S].map(trade) }));
    await expect
      .poll(() => delivered, { timeout: 5000 })
      .toEqual([1 * S, 2.5 * S, 2.45 * S, 3 * S, 3.2 * S, 3.3 * S]);
    expect(errors.map((error) => error.code)).toEqual(['timeRegression']);
    expect(errors[0].message).toMatch(
      /^market time went back 1500000 µs \(event at 1500000 µs after 3000000 µs\); holding market time/,
    );
  });
});
