import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import { ApiError } from '../../src/shared/api/errors';
import type { InstrumentView, LadderView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  clientFor,
  inMemoryTransport,
  startTestWorkstation,
  waitFor,
  webSocketTransport,
} from '../support/workstation';

const WORKING = new Set(['new', 'submitted', 'accepted', 'partiallyFilled']);

/**
 * The ladder's order controls (issue 11) over both transports, on a real workstation: amend a
 * working order in place, cancel everything, flatten one symbol and everything, positions marked at
 * the exit price, and ladder views carrying session figures.
 */
describe.each([inMemoryTransport, webSocketTransport])('ladder controls over $name', (transport) => {
  let workstation: Workstation;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;
  let calls: InstrumentView[];

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({
      engine: { mode: 'off' },
      recording: { enabled: false },
      // 5× market time: an option trades (for the volume-at-price check) within seconds, not ~16 s,
      // and a buy a fifth under the bid still rests through each test.
      market: { speed: 5 },
    }));
    const connection = await transport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
    const options = (await api.market.listInstruments({})).filter(
      (instrument) => instrument.kind === 'option' && instrument.underlying === 'NIFTY',
    );
    const expiry = options.map((option) => option.expiry ?? '').sort()[0];
    const strikes = [...new Set(options.filter((o) => o.expiry === expiry).map((o) => o.strike ?? 0))].sort(
      (a, b) => a - b,
    );
    const middle = strikes[Math.floor(strikes.length / 2)];
    calls = options.filter(
      (option) => option.expiry === expiry && Math.abs((option.strike ?? 0) - middle) <= 200,
    );
    expect(calls.length).toBeGreaterThan(2);
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  const liveLadder = (symbol: string): Promise<LadderView> =>
    waitFor(api.market.onLadder, { symbol }, (view) => view.bids.length > 0 && view.asks.length > 0, 20_000);
  const orderOf = async (orderId: string) =>
    (await api.orders.list({})).find((order) => order.orderId === orderId);
  /** A buy resting a fifth of the price under the bid (inside the OMS's price band, far from filling). */
  const restingBuy = async (contract: InstrumentView): Promise<string> => {
    const ladder = await liveLadder(contract.symbol);
    const ticksBelow = Math.max(2, Math.floor((ladder.bids[0].price * 0.2) / contract.tickUnits));
    const result = await api.orders.place({
      symbol: contract.symbol,
      side: 'buy',
      type: 'limit',
      quantity: contract.lotSize,
      limitPrice: ladder.bids[0].price - ticksBelow * contract.tickUnits,
    });
    expect(result.rejectReason).toBeUndefined();
    await expect
      .poll(async () => (await orderOf(result.orderId))?.status, { timeout: 10_000 })
      .toBe('accepted');
    return result.orderId;
  };

  it('orders.modify moves a working limit in place (same id), and refuses bad requests naming the field', async () => {
    const contract = calls[0];
    const orderId = await restingBuy(contract);
    const before = await orderOf(orderId);
    const target = (before?.limitPrice ?? 0) - 2 * contract.tickUnits;
    expect(await api.orders.modify({ orderId, limitPrice: target })).toEqual({ modified: true });
    await expect.poll(async () => (await orderOf(orderId))?.limitPrice, { timeout: 10_000 }).toBe(target);
    expect(WORKING.has((await orderOf(orderId))?.status ?? '')).toBe(true);
    expect((await api.orders.list({})).filter((order) => WORKING.has(order.status))).toHaveLength(1);

    const noChange = await api.orders.modify({ orderId } as never).catch((error: ApiError) => error);
    expect(noChange).toBeInstanceOf(ApiError);
    expect((noChange as ApiError).code).toBe('BAD_REQUEST');
    expect((noChange as ApiError).field).toBe('limitPrice');
    const unknown = await api.orders
      .modify({ orderId: 'nope', limitPrice: target })
      .catch((error: ApiError) => error);
    expect((unknown as ApiError).code).toBe('BAD_REQUEST');
    expect((unknown as ApiError).field).toBe('orderId');
    const wrongKind = await api.orders
      .modify({ orderId, stopPrice: target })
      .catch((error: ApiError) => error);
    expect((wrongKind as ApiError).field).toBe('stopPrice');
    await api.orders.cancel({ orderId });
  });

  it('orders.cancelAll cancels every working order', async () => {
    await restingBuy(calls[0]);
    await restingBuy(calls[1]);
    const result = await api.orders.cancelAll({});
    expect(result.cancelledOrders).toBeGreaterThanOrEqual(2);
    await expect
      .poll(async () => (await api.orders.list({})).filter((order) => WORKING.has(order.status)).length, {
        timeout: 10_000,
      })
      .toBe(0);
  });

  it('positions are marked at the bid for a long; flatten(symbol) closes one, flattenAll the rest', async () => {
    for (const contract of calls.slice(0, 2)) {
      await liveLadder(contract.symbol);
      const placed = await api.orders.place({
        symbol: contract.symbol,
        side: 'buy',
        type: 'market',
        quantity: contract.lotSize,
        timeInForce: 'IOC',
      });
      expect(placed.status).not.toBe('rejected');
    }
    const open = async () => (await api.positions.list({})).filter((position) => position.quantity !== 0);
    await expect.poll(async () => (await open()).length, { timeout: 10_000 }).toBe(2);
    for (const position of await open()) {
      expect(position.markSource).toBe('bid');
      expect(position.tsOpened).toBeGreaterThan(0);
    }
    const one = await api.positions.flatten({ symbol: calls[0].symbol });
    expect(one.flattenOrders).toBe(1);
    await expect
      .poll(async () => (await open()).map((position) => position.symbol), { timeout: 10_000 })
      .toEqual([calls[1].symbol]);
    const all = await api.positions.flattenAll({});
    expect(all).toMatchObject({ flattenOrders: 1, engineKilled: false, problems: [] });
    await expect.poll(async () => (await open()).length, { timeout: 10_000 }).toBe(0);

    const bad = await api.positions.flatten({ symbol: 'NOPE' }).catch((error: ApiError) => error);
    expect((bad as ApiError).field).toBe('symbol');
  });

  it('a ladder view carries the session and volume at price split by the side hit', async () => {
    const view = await waitFor(
      api.market.onLadder,
      { symbol: calls[0].symbol },
      (next) => next.volumeAtPrice.length > 0,
      20_000,
    );
    expect(view.session.open).not.toBeNull();
    expect(view.session.volume).toBeGreaterThan(0);
    expect(view.session.vwap).toBeGreaterThan(0);
    const traded = view.volumeAtPrice.reduce((sum, entry) => sum + entry.atBid + entry.atAsk, 0);
    expect(traded).toBeGreaterThan(0);
    expect(traded).toBeLessThanOrEqual(view.session.volume);
  });
});
