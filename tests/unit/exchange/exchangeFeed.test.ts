import { afterEach, describe, expect, it } from 'vitest';
import type {
  ExchangeFeed,
  ExchangeFeedError,
  ExchangeFeedStatus,
} from '../../../src/main/coreWorker/feeds/exchangeFeed';
import {
  connectExchangeFeed,
  createExchangeMarketFeed,
} from '../../../src/main/coreWorker/feeds/exchangeFeed';
import type { ExchangeServer } from '../../../src/main/exchange/server';
import { startExchangeServer } from '../../../src/main/exchange/server';
import type { MarketEvent } from '../../../src/shared/domain/marketEvents';
import { WebSocketServer, type WebSocket } from 'ws';
import { until } from './wsHarness';

interface Recorder {
  readonly events: MarketEvent[];
  readonly statuses: ExchangeFeedStatus[];
  readonly errors: ExchangeFeedError[];
}

function makeRecorder(): Recorder {
  return { events: [], statuses: [], errors: [] };
}

function startServer(port = 0): Promise<ExchangeServer> {
  return startExchangeServer({
    profile: 'us',
    seed: 5,
    symbols: ['SPY'],
    strikesAroundAtm: 2,
    speed: 20,
    tickIntervalMs: 20,
    port,
  });
}

describe('exchange feed client', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  function connect(url: string, recorder: Recorder): ExchangeFeed {
    const feed = connectExchangeFeed(
      url,
      {
        onEvent: (event) => recorder.events.push(event),
        onStatus: (status) => recorder.statuses.push(status),
        onError: (error) => recorder.errors.push(error),
      },
      { initialReconnectDelayMs: 20, maxReconnectDelayMs: 100 },
    );
    cleanups.push(() => feed.close());
    return feed;
  }

  it('connects, subscribes and receives quotes', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const recorder = makeRecorder();
    const feed = connect(server.url, recorder);
    feed.subscribe(['SPY'], 'quote');
    await feed.whenConnected();
    await until(
      () => recorder.events.some((event) => event.type === 'quote' && event.symbol === 'SPY'),
      'an SPY quote',
    );
    expect(recorder.statuses.map((status) => status.state).slice(0, 2)).toEqual(['connecting', 'connected']);
    expect(recorder.events.some((event) => event.type === 'depth')).toBe(false);
  });

  it('requests the instrument list and a chain snapshot', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const feed = connect(server.url, makeRecorder());
    await feed.whenConnected();
    const instruments = await feed.instruments();
    expect(instruments.map((instrument) => instrument.symbol)).toContain('SPY-2026-01-09-690-C');
    const chain = await feed.chain('SPY');
    expect(chain).toMatchObject({ underlying: 'SPY', expiry: '2026-01-09', contractMultiplier: 100 });
  });

  it('reports the exchange’s errors clearly', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const recorder = makeRecorder();
    const feed = connect(server.url, recorder);
    await feed.whenConnected();
    await expect(feed.chain('TSLA')).rejects.toThrow(
      /exchange error \(unknown_underlying\): "TSLA" is not a simulated underlying/,
    );
    feed.subscribe(['NOT-A-SYMBOL'], 'ltp');
    await until(() => recorder.errors.length > 0, 'an error report');
    expect(recorder.errors[0]).toMatchObject({ code: 'unknown_symbol' });
    expect(recorder.errors[0].message).toMatch(/NOT-A-SYMBOL/);
  });

  it('reconnects with backoff after the server drops the connection and restores its subscriptions', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const recorder = makeRecorder();
    const feed = connect(server.url, recorder);
    feed.subscribe(['SPY'], 'depth');
    await until(() => recorder.events.some((event) => event.type === 'depth'), 'depth before the drop');

    server.dropConnections();
    await until(
      () => recorder.statuses.some((status) => status.state === 'disconnected'),
      'a disconnected status',
    );
    const drop = recorder.statuses.find((status) => status.state === 'disconnected');
    expect(drop?.detail).toMatch(/reconnecting in 20 ms \(attempt 1\)/);

    const eventsBefore = recorder.events.length;
    await until(
      () => recorder.statuses.filter((status) => status.state === 'connected').length === 2,
      'a second connection',
    );
    await until(
      () =>
        recorder.events.slice(eventsBefore).some((event) => event.type === 'depth' && event.symbol === 'SPY'),
      'depth after reconnecting',
    );
    expect(feed.connected).toBe(true);
  });

  it('keeps retrying while the exchange is down and reconnects when it returns on the same port', async () => {
    const first = await startServer();
    const port = first.port;
    const recorder = makeRecorder();
    const feed = connect(first.url, recorder);
    feed.subscribe(['SPY'], 'ltp');
    await feed.whenConnected();
    await first.close();
    await until(
      () => recorder.statuses.filter((status) => status.state === 'disconnected').length >= 3,
      'several failed retries',
    );
    const retry = recorder.statuses.filter((status) => status.state === 'disconnected').at(-1);
    expect(retry?.detail).toMatch(
      /cannot connect to ws:\/\/127\.0\.0\.1:\d+\/: .*reconnecting in \d+ ms \(attempt \d+\)/,
    );

    const second = await startServer(port);
    cleanups.push(() => second.close());
    await until(
      () => recorder.statuses.at(-1)?.state === 'connected',
      'reconnection to the restarted exchange',
    );
    const eventsBefore = recorder.events.length;
    await until(() => recorder.events.length > eventsBefore, 'events after the restart');
  });

  it('fails pending requests and stops reconnecting when closed', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const recorder = makeRecorder();
    const feed = connect(server.url, recorder);
    await feed.whenConnected();
    await feed.close();
    await expect(feed.instruments()).rejects.toThrow(/closed/);
    expect(recorder.statuses.at(-1)).toMatchObject({ state: 'disconnected', detail: 'closed' });
    await until(() => server.clientCount() === 0, 'the exchange to see the client gone');
    // close() cleared the reconnect timer: no status follows the final 'closed'.
    expect(recorder.statuses.filter((status) => status.detail === 'closed')).toHaveLength(1);
    expect(recorder.statuses.at(-1)).toMatchObject({ state: 'disconnected', detail: 'closed' });
  });

  it('serves the core as a MarketFeed: lists instruments and subscribes to all of them', async () => {
    const server = await startServer();
    cleanups.push(() => server.close());
    const statuses: string[] = [];
    const events: MarketEvent[] = [];
    const marketFeed = createExchangeMarketFeed(server.url, 'quote');
    cleanups.push(() => marketFeed.stop());
    const instruments = await marketFeed.start({
      onEvent: (event) => events.push(event),
      onStatus: (status) => statuses.push(status.state),
    });
    expect(instruments).toHaveLength(1 + 2 * 5 * 2);
    await until(
      () => events.some((event) => event.symbol !== 'SPY' && event.type === 'quote'),
      'an option quote',
    );
    expect(statuses).toContain('connected');
  });

  /** A stand-in exchange on 127.0.0.1 that sends whatever frames a test gives it to each client. */
  async function startScriptedExchange(frames: readonly unknown[]): Promise<string> {
    const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    server.on('connection', (socket: WebSocket) => {
      for (const frame of frames) socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const client of server.clients) client.terminate();
          server.close(() => resolve());
        }),
    );
    const address = server.address();
    if (typeof address === 'string' || address === null) throw new Error('no port');
    return `ws://127.0.0.1:${address.port}/`;
  }

  const quote = {
    type: 'quote',
    symbol: 'SPY',
    tsEvent: 1_767_672_900_000_000,
    bidPrice: 69_000,
    bidSize: 5,
    askPrice: 69_001,
    askSize: 7,
  };

  it('drops a malformed event with a report naming the field, and delivers the rest of its batch', async () => {
    const url = await startScriptedExchange([
      {
        type: 'events',
        events: [
          { ...quote, bidPrice: 690.05 }, // a decimal where integer minor units are required
          { ...quote, symbol: '' },
          quote,
          { type: 'trade', symbol: 'SPY', tsEvent: 1, price: 69_000, size: -1, aggressor: 'buy' },
        ],
      },
    ]);
    const recorder = makeRecorder();
    connect(url, recorder);
    await until(
      () => recorder.events.length > 0 && recorder.errors.length > 0,
      'the good event and a report',
    );
    expect(recorder.events).toEqual([quote]);
    expect(recorder.errors).toHaveLength(1);
    expect(recorder.errors[0]).toMatchObject({ code: 'protocol' });
    expect(recorder.errors[0].message).toBe(
      'exchange sent 3 malformed events (dropped; first: bidPrice: must be an integer count of minor price units)',
    );
  });

  it('drops a malformed message and keeps the connection for the next one', async () => {
    const url = await startScriptedExchange([
      'not json',
      { type: 'events', events: 'many' },
      { type: 'teleport' },
      { type: 'events', events: [quote] },
    ]);
    const recorder = makeRecorder();
    connect(url, recorder);
    // The good batch comes last on the same socket: once it is in, every earlier frame was handled.
    await until(() => recorder.events.length === 1, 'the well-formed batch');
    expect(recorder.errors.map((error) => error.message)).toEqual([
      'exchange sent a frame that is not JSON',
      expect.stringMatching(/^exchange sent a malformed message \(dropped; events: .*\): \{"type":"events"/),
      expect.stringMatching(
        /^exchange sent a malformed message \(dropped; type: .*\): \{"type":"teleport"\}/,
      ),
    ]);
    expect(recorder.statuses.filter((status) => status.state === 'disconnected')).toHaveLength(0);
  });

  it('refuses an instrument list with a malformed instrument instead of trusting it', async () => {
    const url = await startScriptedExchange([
      {
        type: 'instruments',
        version: 1,
        instruments: [{ symbol: 'SPY', kind: 'equity', priceDecimals: 2, tickUnits: 0.5 }],
      },
      { type: 'events', events: [quote] },
    ]);
    const recorder = makeRecorder();
    const feed = connect(url, recorder);
    await until(() => recorder.events.length === 1, 'the batch after the list');
    expect(recorder.errors[0].message).toMatch(
      /^exchange sent a malformed message \(dropped; instruments\.0\./,
    );
    expect(feed.connected).toBe(true);
  });
});
