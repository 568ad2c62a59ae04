import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../src/shared/api/errors';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { LadderView } from '../../src/shared/api/views';
import type { ClientPipe } from '../../src/shared/api/wire';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  clientFor,
  inMemoryTransport,
  nextMessage,
  startTestWorkstation,
  waitFor,
  webSocketTransport,
} from '../support/workstation';
import { until } from '../support/until';

/**
 * One contract suite, run over every transport that carries the API (issue 2). The workstation
 * behind it is real: worker threads from the build, SQLite in a temp folder.
 */
describe.each([inMemoryTransport, webSocketTransport])('API contract over $name', (transport) => {
  let workstation: Workstation;
  let pipe: ClientPipe;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation());
    ({ pipe, close } = await transport.connect(workstation));
    api = clientFor(pipe);
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  const firstOption = async (): Promise<{ symbol: string; lotSize: number }> => {
    const instruments = await api.market.listInstruments({});
    const option = instruments.find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option instrument');
    return option;
  };
  const liveLadder = (symbol: string): Promise<LadderView> =>
    waitFor(api.market.onLadder, { symbol }, (view) => view.bids.length > 0 && view.asks.length > 0);

  it('system.getInfo names the app and its data folder', async () => {
    const info = await api.system.getInfo({});
    expect(info.name).toBe('scalpdesk');
    expect(info.broker).toBe('paper');
    expect(info.dataDir.length).toBeGreaterThan(0);
    // No settings.json: the README's hotkeys and ladder defaults.
    expect(info.hotkeys).toMatchObject({ buy: 'B', sell: 'S', flattenAll: 'F6', cancelAll: 'F7' });
    expect(info.ladder).toEqual({
      maxLots: 100,
      exits: { takeProfit: null, stopLoss: null, trailing: false },
    });
  });

  it('the default start feeds the core from the built-in exchange over WebSocket on 127.0.0.1', async () => {
    const info = await api.system.getInfo({});
    expect(info.marketFeed).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/?$/);
    const status = await waitFor(api.system.onStatus, {}, (value) => value.feed.state === 'connected');
    expect(status.feed.state).toBe('connected');
  });

  it('system.onStatus reports both workers running', async () => {
    const status = await waitFor(api.system.onStatus, {}, (value) => value.workers.length === 2);
    expect(status.workers.map((worker) => [worker.name, worker.state])).toEqual([
      ['core', 'running'],
      ['ledger', 'running'],
    ]);
  });

  it('market.listInstruments lists CE and PE options with lot sizes and price formats', async () => {
    const instruments = await api.market.listInstruments({});
    const rights = new Set(instruments.filter((i) => i.kind === 'option').map((i) => i.right));
    expect(rights).toEqual(new Set(['CE', 'PE']));
    for (const instrument of instruments) {
      expect(instrument.lotSize).toBeGreaterThan(0);
      expect(instrument.tickUnits).toBeGreaterThan(0);
      expect(instrument.freezeQuantity).toBeGreaterThanOrEqual(0);
    }
    // NSE options carry the exchange freeze quantity the ladder caps lots with.
    expect(instruments.some((i) => i.kind === 'option' && i.freezeQuantity > 0)).toBe(true);
  });

  it('market.onLadder streams a 5-level book that never crosses', async () => {
    const { symbol } = await firstOption();
    const view = await liveLadder(symbol);
    expect(view.bids).toHaveLength(5);
    expect(view.asks).toHaveLength(5);
    expect(view.bids[0].price).toBeLessThan(view.asks[0].price);
    for (const level of [...view.bids, ...view.asks]) expect(level.size).toBeGreaterThan(0);
  });

  it('orders.place fills a market buy, publishes the fill and updates the position', async () => {
    const { symbol, lotSize } = await firstOption();
    await liveLadder(symbol);
    const fillSeen = waitFor(api.orders.onFill, {}, (fill) => fill.symbol === symbol);
    const result = await api.orders.place({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: lotSize,
      timeInForce: 'IOC',
    });
    // The paper broker models order-to-ack and ack-to-fill latency: the reply says the order is on its way.
    expect(['submitted', 'accepted', 'partiallyFilled', 'filled']).toContain(result.status);
    const fill = await fillSeen;
    expect(fill.orderId).toBe(result.orderId);
    const positions = await api.positions.list({});
    const position = positions.find(
      (candidate) => candidate.symbol === symbol && candidate.source === 'manual',
    );
    expect(position?.quantity).toBeGreaterThanOrEqual(lotSize);
  });

  it('a malformed order is rejected with a message naming the bad field, and changes nothing', async () => {
    const { symbol } = await firstOption();
    const ordersBefore = (await api.orders.list({})).length;
    const fillsBefore = await workstation.ledger.peer?.request('countFills', {});

    const negative = api.orders.place({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: -5,
      timeInForce: 'DAY',
    });
    await expect(negative).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'quantity' });
    await expect(negative).rejects.toThrow(/quantity/);

    const noLimit = api.orders.place({
      symbol,
      side: 'sell',
      type: 'limit',
      quantity: 65,
      timeInForce: 'DAY',
    });
    await expect(noLimit).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'limitPrice' });

    const wrongSide = api.orders.place({
      symbol,
      side: 'hold' as 'buy',
      type: 'market',
      quantity: 65,
      timeInForce: 'DAY',
    });
    await expect(wrongSide).rejects.toMatchObject({ field: 'side' });

    const extra = api.orders.place({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: 65,
      timeInForce: 'DAY',
      source: 'auto',
    } as never);
    await expect(extra).rejects.toBeInstanceOf(ApiError);

    expect((await api.orders.list({})).length).toBe(ordersBefore);
    expect(await workstation.ledger.peer?.request('countFills', {})).toBe(fillsBefore);
  });

  it('an unknown method gets UNKNOWN_METHOD; a garbled envelope gets BAD_REQUEST', async () => {
    pipe.send({ t: 'call', id: 900_001, method: 'orders.launchMissiles', params: {} });
    const unknown = await nextMessage(pipe, (message) => message.t === 'error' && message.id === 900_001);
    expect(unknown).toMatchObject({ t: 'error', error: { code: 'UNKNOWN_METHOD' } });

    pipe.send({ t: 'call', id: 900_002, method: 'orders.place' } as never);
    pipe.send({ nonsense: true } as never);
    const garbled = await nextMessage(pipe, (message) => message.t === 'error' && message.id === null);
    expect(garbled).toMatchObject({ error: { code: 'BAD_REQUEST' } });
  });

  it('unsubscribing stops a ladder stream', async () => {
    const { symbol } = await firstOption();
    // Raw wire messages, not the typed client: the client drops a stream's listener at once, so
    // counting through it could not see the server still sending after the unsubscribe.
    const streamId = 900_100;
    const eventsOf = (id: number): number => counts.get(id) ?? 0;
    const counts = new Map<number, number>();
    const off = pipe.onMessage((message) => {
      if (message.t === 'event') counts.set(message.id, eventsOf(message.id) + 1);
    });
    try {
      pipe.send({ t: 'sub', id: streamId, method: 'market.onLadder', params: { symbol } });
      await until(() => eventsOf(streamId) > 0, 'a first ladder update');
      pipe.send({ t: 'unsub', id: streamId });
      // Barrier: messages on one connection are handled in order, so once this call is answered the
      // unsubscribe has been handled and nothing more may arrive for the stream.
      pipe.send({ t: 'call', id: 900_101, method: 'market.listInstruments', params: {} });
      await nextMessage(pipe, (message) => message.t === 'result' && message.id === 900_101);
      const afterUnsubscribe = eventsOf(streamId);
      // A second stream of the same symbol sees new frames; the first, had it survived, would too.
      pipe.send({ t: 'sub', id: 900_102, method: 'market.onLadder', params: { symbol } });
      await until(() => eventsOf(900_102) >= 3, 'three frames on a second stream');
      pipe.send({ t: 'unsub', id: 900_102 });
      expect(eventsOf(streamId)).toBe(afterUnsubscribe);
    } finally {
      off();
    }
  });
});
