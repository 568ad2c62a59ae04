import { afterEach, describe, expect, it } from 'vitest';
import type { MarketEvent } from '../../../src/shared/domain/marketEvents';
import type { AlpacaStreamError } from '../../../src/main/brokers/alpaca/dataSession';
import type { AlpacaMarketFeed } from '../../../src/main/brokers/alpaca/marketDataFeed';
import { alpacaTimestampUs, connectAlpacaFeed } from '../../../src/main/brokers/alpaca/marketDataFeed';
import { AlpacaSymbolMap, parseOccSymbol } from '../../../src/main/brokers/alpaca/symbols';
import type { StreamStatus } from '../../../src/main/brokers/stream/streamConnection';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';
import { FakeAlpaca } from '../../support/brokers/fakeAlpaca';
import { until } from '../../support/brokers/until';

const KEY_ID = 'PKTESTKEYID7Q2';
const SECRET = 'test-alpaca-secret-9c41';
const spy = underlyingOf('us', 'SPY');
const call = optionOf('us', 'SPY', '2026-01-09', 690, 'CE');
const OCC = 'SPY260109C00690000';

let server: FakeAlpaca;
let serverStarted = false;
const feeds: AlpacaMarketFeed[] = [];

async function start(credentials: { keyId?: string; stallAfterMs?: number } = {}) {
  if (!serverStarted)
    server = await new FakeAlpaca(KEY_ID, SECRET, [
      { symbol: 'SPY', mid: 690.5, tick: 0.01 },
      { symbol: OCC, mid: 2.5, tick: 0.01 },
    ]).start();
  serverStarted = true;
  const events: MarketEvent[] = [];
  const statuses: StreamStatus[] = [];
  const problems: AlpacaStreamError[] = [];
  const feed = connectAlpacaFeed({
    stockUrl: `${server.wsBase}/v2/iex`,
    optionUrl: `${server.wsBase}/v1beta1/indicative`,
    keyId: credentials.keyId ?? KEY_ID,
    secretKey: SECRET,
    symbols: new AlpacaSymbolMap([spy, call]),
    backoff: { initialDelayMs: 40, maxDelayMs: 400 },
    stallAfterMs: credentials.stallAfterMs ?? 5000,
    random: () => 0.5,
    onEvent: (event) => events.push(event),
    onStatus: (status) => statuses.push(status),
    onProblem: (problem) => problems.push(problem),
  });
  feeds.push(feed);
  return { events, statuses, problems, feed };
}

afterEach(async () => {
  await Promise.all(feeds.splice(0).map((feed) => feed.close()));
  if (serverStarted) await server.stop();
  serverStarted = false;
});

describe('Alpaca market data feed', () => {
  it('reads OCC symbols and RFC 3339 nanosecond times exactly', () => {
    expect(parseOccSymbol('TSLA261121C00250000')).toEqual({
      underlying: 'TSLA',
      expiry: '2026-11-21',
      strike: 250,
      right: 'CE',
    });
    expect(parseOccSymbol('SPY260116P00452500')).toMatchObject({ strike: 452.5, right: 'PE' });
    expect(alpacaTimestampUs('2021-02-22T15:51:44.208123456Z', 0)).toBe(
      Date.parse('2021-02-22T15:51:44Z') * 1000 + 208123,
    );
  });

  it('authenticates both streams and normalises stock JSON and option MessagePack quotes and trades', async () => {
    const { events, feed } = await start();
    await Promise.all([feed.stocks.whenLive(), feed.options.whenLive()]);
    feed.subscribe([spy, call]);
    await until(() => server.subscribed('SPY') && server.subscribed(OCC), 'both subscriptions');
    expect(server.received).toContainEqual({ action: 'auth', key: KEY_ID, secret: SECRET });
    expect(server.received).toContainEqual({ action: 'subscribe', trades: [OCC], quotes: [OCC] });
    server.publish();
    await until(
      () => events.filter((event) => event.type === 'trade').length === 2,
      'a trade on each stream',
    );
    const optionQuote = events.find((event) => event.type === 'quote' && event.symbol === call.symbol);
    expect(optionQuote).toMatchObject({ bidPrice: 250, askPrice: 252 });
    const optionDepth = events.find((event) => event.type === 'depth' && event.symbol === call.symbol);
    expect(optionDepth).toMatchObject({ bids: [{ price: 250, size: 20 }], asks: [{ price: 252, size: 30 }] });
    expect(events.some((event) => event.type === 'quote' && event.symbol === 'SPY')).toBe(true);
  });

  it('stops on auth failed (402), the bad-credentials code, without retrying', async () => {
    const { statuses, feed } = await start({ keyId: 'PKWRONG' });
    await expect(feed.stocks.whenLive()).rejects.toThrow(/402 auth failed/);
    expect(statuses.some((status) => status.state === 'waiting')).toBe(false);
  });

  it('reconnects after a drop and a slow-client (407) disconnect, resubscribing everything', async () => {
    const { events, feed, problems } = await start();
    await Promise.all([feed.stocks.whenLive(), feed.options.whenLive()]);
    feed.subscribe([spy, call]);
    await until(() => server.subscribed('SPY') && server.subscribed(OCC), 'subscriptions');
    server.dropConnections();
    await until(() => feed.stocks.status.state !== 'live', 'the drop to be seen');
    await until(() => server.subscribed('SPY') && server.subscribed(OCC), 'resubscription after the drop');
    server.slowClient();
    await until(() => problems.some((problem) => problem.code === 407), 'the slow-client report');
    await until(
      () => feed.options.status.state === 'live' && server.subscribed(OCC) && server.subscribed('SPY'),
      'resubscription after 407',
    );
    const before = events.length;
    await until(() => {
      server.publish();
      return events.length > before;
    }, 'data again');
  });

  it('notices silence, reconnects and receives data again', async () => {
    const { events, statuses, feed } = await start({ stallAfterMs: 150 });
    await feed.options.whenLive();
    feed.subscribe([call]);
    await until(() => server.subscribed(OCC), 'the subscription');
    server.setSilent(true);
    await until(() => statuses.some((status) => status.state === 'stale'), 'the stall');
    server.setSilent(false);
    await until(() => feed.options.status.state === 'live' && server.subscribed(OCC), 'a live stream again');
    // The server may still hold the dropped connection's subscription for a moment (or the stream may
    // stall once more on a loaded machine), so publish on every poll until a quote arrives.
    await until(() => {
      server.publish();
      return events.some((event) => event.symbol === call.symbol);
    }, 'option data after the stall');
  });

  it('reports a malformed frame on each stream and keeps going', async () => {
    const { problems, feed } = await start();
    await Promise.all([feed.stocks.whenLive(), feed.options.whenLive()]);
    server.sendMalformed();
    await until(
      () => problems.filter((problem) => problem.code === -1).length === 2,
      'both malformed reports',
    );
    expect(feed.stocks.status.state).toBe('live');
    expect(feed.options.status.state).toBe('live');
  });

  it('reports connection limit exceeded (406) for a second session and keeps retrying it', async () => {
    const first = await start();
    await first.feed.stocks.whenLive();
    const second = await start();
    await until(() => second.problems.some((problem) => problem.code === 406), 'the 406');
    expect(second.feed.stocks.status.state).not.toBe('failed');
  });
});
