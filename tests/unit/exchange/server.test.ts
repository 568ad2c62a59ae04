import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExchangeServer } from '../../../src/main/exchange/server';
import { startExchangeServer } from '../../../src/main/exchange/server';
import type { DepthEvent, MarketEvent } from '../../../src/shared/domain/marketEvents';
import type { RawClient } from './wsHarness';
import { connectRaw } from './wsHarness';

const isType = (type: string) => (message: Record<string, unknown>) => message.type === type;
const eventsOf = (message: Record<string, unknown>): MarketEvent[] => (message.events as MarketEvent[]) ?? [];

describe('exchange WebSocket server on 127.0.0.1', () => {
  let server: ExchangeServer;
  let client: RawClient;

  beforeAll(async () => {
    server = await startExchangeServer({
      profile: 'nse',
      seed: 3,
      symbols: ['NIFTY'],
      strikesAroundAtm: 2,
      speed: 20,
      tickIntervalMs: 20,
    });
    client = await connectRaw(server.url);
  });

  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('listens on an ephemeral port of 127.0.0.1', () => {
    expect(server.url).toBe(`ws://127.0.0.1:${server.port}/`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('greets a client with the protocol version, profile and session', async () => {
    const hello = await client.next(isType('hello'));
    expect(hello).toMatchObject({ protocol: 1, profile: 'nse', seed: 3, speed: 20 });
    expect((hello.session as { date: string }).date).toBe('2026-01-06');
  });

  it('lists the instruments on request, echoing the request id', async () => {
    const from = client.messages.length;
    client.send({ op: 'instruments', id: 'list-1' });
    const reply = await client.next(
      (message) => message.type === 'instruments' && message.id === 'list-1',
      from,
    );
    const symbols = (reply.instruments as { symbol: string }[]).map((instrument) => instrument.symbol);
    expect(symbols[0]).toBe('NIFTY');
    expect(symbols).toContain('NIFTY-2026-01-06-26000-CE');
    expect(symbols).toHaveLength(1 + 2 * 5 * 2);
  });

  it('streams depth after a depth subscription, starting with the current book', async () => {
    const from = client.messages.length;
    client.send({ op: 'subscribe', symbols: ['NIFTY'], mode: 'depth', id: 7 });
    expect(await client.next(isType('subscribed'), from)).toMatchObject({
      id: 7,
      symbols: ['NIFTY'],
      mode: 'depth',
    });
    const withDepth = await client.next(
      (message) =>
        message.type === 'events' &&
        eventsOf(message).some((event) => event.type === 'depth' && event.symbol === 'NIFTY'),
      from,
    );
    const depth = eventsOf(withDepth).find((event): event is DepthEvent => event.type === 'depth');
    expect(depth?.bids).toHaveLength(5);
    expect(depth?.asks).toHaveLength(5);
    expect(depth!.bids[0].price).toBeLessThan(depth!.asks[0].price);
    // Later batches keep coming as simulated time passes.
    const laterFrom = client.messages.length;
    await client.next(
      (message) => message.type === 'events' && eventsOf(message).some((event) => event.type === 'depth'),
      laterFrom,
    );
  });

  it('delivers quotes but no depth in quote mode', async () => {
    const symbol = 'NIFTY-2026-01-06-26000-PE';
    const from = client.messages.length;
    client.send({ op: 'subscribe', symbols: [symbol], mode: 'quote' });
    await client.next(
      (message) => message.type === 'subscribed' && (message.symbols as string[])[0] === symbol,
      from,
    );
    const batch = await client.next(
      (message) => message.type === 'events' && eventsOf(message).some((event) => event.symbol === symbol),
      from,
    );
    const forSymbol = eventsOf(batch).filter((event) => event.symbol === symbol);
    expect(forSymbol.some((event) => event.type === 'quote')).toBe(true);
    expect(forSymbol.some((event) => event.type === 'depth')).toBe(false);
  });

  it('answers malformed JSON with a bad_json error and keeps serving', async () => {
    const from = client.messages.length;
    client.sendText('{"op": "subscribe", ');
    expect(await client.next(isType('error'), from)).toMatchObject({ code: 'bad_json' });
    client.send({ op: 'ping', id: 'alive' });
    expect(await client.next(isType('pong'), from)).toMatchObject({ id: 'alive' });
  });

  it('names the bad field of a message that does not fit the protocol', async () => {
    const from = client.messages.length;
    client.send({ op: 'subscribe', symbols: 'NIFTY', mode: 'depth', id: 9 });
    const error = await client.next(isType('error'), from);
    expect(error).toMatchObject({ code: 'bad_message', id: 9 });
    expect(error.message).toMatch(/^subscribe: symbols: /);
  });

  it('rejects an unknown op, a bad mode, a non-object and a binary frame', async () => {
    let from = client.messages.length;
    client.send({ op: 'fly' });
    expect(await client.next(isType('error'), from)).toMatchObject({ code: 'unknown_op' });
    from = client.messages.length;
    client.send({ op: 'subscribe', symbols: ['NIFTY'], mode: 'everything' });
    expect((await client.next(isType('error'), from)).message).toMatch(/mode/);
    from = client.messages.length;
    client.send([1, 2, 3]);
    expect(await client.next(isType('error'), from)).toMatchObject({ code: 'bad_message' });
    from = client.messages.length;
    client.socket.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await client.next(isType('error'), from)).message).toMatch(/binary/);
  });

  it('reports unknown symbols and still subscribes the known ones', async () => {
    const from = client.messages.length;
    client.send({ op: 'subscribe', symbols: ['NOPE', 'NIFTY'], mode: 'ltp', id: 'mixed' });
    expect(await client.next(isType('error'), from)).toMatchObject({
      code: 'unknown_symbol',
      symbols: ['NOPE'],
      id: 'mixed',
    });
    expect(await client.next(isType('subscribed'), from)).toMatchObject({ symbols: ['NIFTY'], mode: 'ltp' });
  });

  it('serves a chain snapshot and rejects an unknown underlying or expiry', async () => {
    let from = client.messages.length;
    client.send({ op: 'chain', underlying: 'NIFTY', id: 'c1' });
    const chain = await client.next(isType('chain'), from);
    const snapshot = chain.snapshot as {
      underlying: string;
      expiry: string;
      rows: unknown[];
      contractMultiplier: number;
    };
    expect(snapshot).toMatchObject({ underlying: 'NIFTY', expiry: '2026-01-06', contractMultiplier: 65 });
    expect(snapshot.rows).toHaveLength(5);
    from = client.messages.length;
    client.send({ op: 'chain', underlying: 'BANKNIFTY' });
    expect(await client.next(isType('error'), from)).toMatchObject({ code: 'unknown_underlying' });
    from = client.messages.length;
    client.send({ op: 'chain', underlying: 'NIFTY', expiry: '2026-01-07' });
    expect(await client.next(isType('error'), from)).toMatchObject({ code: 'unknown_expiry' });
  });

  it('stops sending a symbol after unsubscribe', async () => {
    const from = client.messages.length;
    client.send({ op: 'unsubscribe', symbols: ['NIFTY', 'NIFTY-2026-01-06-26000-PE'] });
    await client.next(isType('unsubscribed'), from);
    const after = client.messages.length;
    // Several ticks later: each pong is answered after the events built before it, and carries the
    // simulated time, so pinging until three ticks' worth of it has passed is the barrier.
    const ping = async (id: string): Promise<number> => {
      client.send({ op: 'ping', id });
      const pong = await client.next((message) => message.type === 'pong' && message.id === id, after);
      return pong.simTimeUs as number;
    };
    const tickSimUs = 20 * 20 * 1000; // tickIntervalMs × speed, in µs
    const startUs = await ping('p0');
    for (let i = 1; (await ping(`p${i}`)) < startUs + 3 * tickSimUs; i++);
    const leaked = client.messages.slice(after).flatMap(eventsOf);
    expect(leaked).toEqual([]);
  });

  it('drops connections on request and keeps accepting new ones', async () => {
    const second = await connectRaw(server.url);
    await second.next(isType('hello'));
    const closed = new Promise<number>((resolve) => second.socket.once('close', (code) => resolve(code)));
    server.dropConnections();
    expect(await closed).toBe(1006);
    client = await connectRaw(server.url);
    expect(await client.next(isType('hello'))).toMatchObject({ protocol: 1 });
  });
});
