import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { AttachedGroupView, InstrumentView, LadderView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  buyOneLotAndWaitForFill,
  clientFor,
  engineContractsNearTheMoney,
  inMemoryTransport,
  startTestWorkstation,
  waitFor,
} from '../support/workstation';

/** Statuses an order can have while it still works at the broker. */
const WORKING = ['new', 'submitted', 'accepted', 'partiallyFilled'];

/**
 * Attached orders and the hand-over through the API (issues 4 and 5), on a real workstation: the
 * built-in exchange over WebSocket, the paper broker (which holds every order type, so brackets rest
 * at the broker), the ledger in SQLite. Each test trades its own contract so they cannot disturb one
 * another.
 */
describe('orders: brackets, groups and the hand-over to the engine', () => {
  let workstation: Workstation;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;
  let contracts: InstrumentView[];

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({ engine: { mode: 'off' } }));
    const connection = await inMemoryTransport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
    // A different contract per test.
    contracts = await engineContractsNearTheMoney(api);
    expect(contracts.length).toBeGreaterThan(4);
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  const liveLadder = (symbol: string): Promise<LadderView> =>
    waitFor(api.market.onLadder, { symbol }, (view) => view.bids.length > 0 && view.asks.length > 0);
  const listedGroup = async (groupId: string): Promise<AttachedGroupView> => {
    const group = (await api.orders.listGroups({})).find((candidate) => candidate.groupId === groupId);
    if (!group) throw new Error(`group ${groupId} is not listed`);
    return group;
  };
  const orderStatus = async (orderId: string): Promise<string | undefined> =>
    (await api.orders.list({})).find((order) => order.orderId === orderId)?.status;

  it('a market bracket buys, and once filled a take-profit and a stop-loss rest at the broker', async () => {
    const contract = contracts[0];
    const ladder = await liveLadder(contract.symbol);
    // A quarter of the price away: inside the OMS's ±40% price band, far from triggering meanwhile.
    const ticks = Math.max(2, Math.floor((ladder.asks[0].price * 0.25) / contract.tickUnits));
    const armed = waitFor(
      api.orders.onGroup,
      {},
      (group) =>
        group.symbol === contract.symbol &&
        group.entryFilled === contract.lotSize &&
        group.legs.length === 2 &&
        group.legs.every((leg) => leg.state === 'armed' && leg.orderIds.length > 0),
    );

    const placed = await api.orders.placeBracket({
      symbol: contract.symbol,
      side: 'buy',
      quantity: contract.lotSize,
      entry: { type: 'market' },
      takeProfitTicks: ticks,
      stopLossTicks: ticks,
      timeInForce: 'IOC',
    });
    expect(placed.rejectReason).toBeUndefined();
    expect(placed.groupId).not.toBeNull();
    expect(placed.orderIds).toHaveLength(1);
    expect(['submitted', 'accepted', 'partiallyFilled', 'filled']).toContain(placed.status);
    expect(placed.emulated).toBe(false);

    const event = await armed;
    expect(event.groupId).toBe(placed.groupId);
    const group = await listedGroup(event.groupId);
    expect(group).toMatchObject({ kind: 'bracket', side: 'sell', source: 'manual', state: 'active' });
    expect(group.emulated).toBe(false);
    expect(group.entryFilled).toBe(contract.lotSize);
    const takeProfit = group.legs.find((leg) => leg.role === 'takeProfit');
    const stopLoss = group.legs.find((leg) => leg.role === 'stopLoss');
    expect(takeProfit).toMatchObject({ kind: 'limit', emulated: false, openQuantity: contract.lotSize });
    expect(stopLoss).toMatchObject({ kind: 'stop', emulated: false, openQuantity: contract.lotSize });
    // Both on the tick grid, `ticks` either side of one entry reference price.
    expect((takeProfit?.price ?? 0) % contract.tickUnits).toBe(0);
    expect((takeProfit?.price ?? 0) - (stopLoss?.price ?? 0)).toBe(2 * ticks * contract.tickUnits);

    // The legs are ordinary working orders too: what the ladder's working-orders table lists.
    const orders = await api.orders.list({});
    const legOrders = group.legs.flatMap((leg) => leg.orderIds);
    for (const orderId of legOrders) {
      const order = orders.find((candidate) => candidate.orderId === orderId);
      expect(order?.side).toBe('sell');
      expect(order?.source).toBe('manual');
      expect(WORKING).toContain(order?.status);
    }

    const cancelledSeen = waitFor(
      api.orders.onGroup,
      {},
      (value) => value.groupId === group.groupId && value.state === 'cancelled',
    );
    expect(await api.orders.cancelGroup({ groupId: group.groupId })).toEqual({ cancelled: true });
    const cancelled = await cancelledSeen;
    expect(cancelled.legs.map((leg) => leg.state)).toEqual(['cancelled', 'cancelled']);
    expect((await listedGroup(group.groupId)).state).toBe('cancelled');
    for (const orderId of legOrders)
      await expect.poll(() => orderStatus(orderId), { timeout: 10_000 }).toBe('cancelled');
    // A finished group cannot be cancelled again; the position stays the trader's.
    expect(await api.orders.cancelGroup({ groupId: group.groupId })).toEqual({ cancelled: false });
    const position = (await api.positions.list({})).find(
      (candidate) => candidate.symbol === contract.symbol && candidate.source === 'manual',
    );
    expect(position?.quantity).toBe(contract.lotSize);
  });

  it('a limit bracket prices its exits in exact ticks from the limit; cancelGroup cancels the resting entry', async () => {
    const contract = contracts[1];
    const ladder = await liveLadder(contract.symbol);
    // A fifth below the best bid (inside the price band): the entry rests and nothing arms.
    const below = Math.floor((ladder.bids[0].price * 0.2) / contract.tickUnits) * contract.tickUnits;
    const limitPrice = ladder.bids[0].price - Math.max(below, 2 * contract.tickUnits);
    const placed = await api.orders.placeBracket({
      symbol: contract.symbol,
      side: 'buy',
      quantity: contract.lotSize,
      entry: { type: 'limit', limitPrice },
      takeProfitTicks: 6,
      stopLossTicks: 1,
      trailStopLoss: true,
    });
    expect(placed.rejectReason).toBeUndefined();
    const groupId = placed.groupId ?? '';
    const group = await listedGroup(groupId);
    expect(group).toMatchObject({ kind: 'bracket', state: 'pendingEntry', entryFilled: 0, emulated: false });
    expect(group.priceDecimals).toBe(contract.priceDecimals);
    expect(group.legs.map((leg) => [leg.role, leg.price, leg.state, leg.orderIds.length])).toEqual([
      ['takeProfit', limitPrice + 6 * contract.tickUnits, 'pending', 0],
      ['stopLoss', limitPrice - 1 * contract.tickUnits, 'pending', 0],
    ]);
    // The trailing stop-loss trails at its own distance; the take-profit does not trail.
    expect(group.legs.map((leg) => leg.trailUnits)).toEqual([null, contract.tickUnits]);
    const entryId = placed.orderIds[0];
    expect(WORKING).toContain(await orderStatus(entryId));

    expect(await api.orders.cancelGroup({ groupId })).toEqual({ cancelled: true });
    await expect.poll(() => orderStatus(entryId), { timeout: 10_000 }).toBe('cancelled');
    expect((await listedGroup(groupId)).state).toBe('cancelled');
  });

  it('malformed brackets and group requests are refused naming the field, and change nothing', async () => {
    const contract = contracts[2];
    const groupsBefore = (await api.orders.listGroups({})).length;
    const ordersBefore = (await api.orders.list({})).length;
    const bracket = {
      symbol: contract.symbol,
      side: 'buy' as const,
      quantity: contract.lotSize,
      entry: { type: 'limit' as const, limitPrice: 1000 },
    };

    const neither = api.orders.placeBracket(bracket);
    await expect(neither).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'takeProfitTicks' });
    await expect(neither).rejects.toThrow(/takeProfitTicks, stopLossTicks or both/);
    await expect(api.orders.placeBracket({ ...bracket, stopLossTicks: -3 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'stopLossTicks',
    });
    await expect(api.orders.placeBracket({ ...bracket, takeProfitTicks: 2.5 })).rejects.toMatchObject({
      field: 'takeProfitTicks',
    });
    await expect(
      api.orders.placeBracket({ ...bracket, takeProfitTicks: 4, trailStopLoss: true }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'trailStopLoss' });
    await expect(
      api.orders.placeBracket({ ...bracket, entry: { type: 'limit' }, takeProfitTicks: 4 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'entry.limitPrice' });
    await expect(
      api.orders.placeBracket({
        ...bracket,
        entry: { type: 'stop' as 'limit', limitPrice: 1000 },
        takeProfitTicks: 4,
      }),
    ).rejects.toMatchObject({ field: 'entry.type' });
    // Valid in shape, but the stop would sit below zero: the core names the field.
    const belowZero = api.orders.placeBracket({ ...bracket, stopLossTicks: 100_000 });
    await expect(belowZero).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'stopLossTicks' });
    await expect(belowZero).rejects.toThrow(/below zero/);
    await expect(
      api.orders.placeBracket({ ...bracket, symbol: 'NOPE', takeProfitTicks: 4 }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'symbol' });

    await expect(api.orders.cancelGroup({ groupId: '' })).rejects.toMatchObject({ field: 'groupId' });
    await expect(api.orders.cancelGroup({ groupId: 'no-such-group' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'groupId',
    });
    await expect(api.orders.listGroups({ all: true } as never)).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await expect(api.engine.handOver({ symbol: 'two words' })).rejects.toMatchObject({ field: 'symbol' });

    expect((await api.orders.listGroups({})).length).toBe(groupsBefore);
    expect((await api.orders.list({})).length).toBe(ordersBefore);
  });

  it('engine.handOver is refused while the engine is off and without a manual position, and accepted with one', async () => {
    const contract = contracts[3];
    await liveLadder(contract.symbol);
    const off = api.engine.handOver({ symbol: contract.symbol });
    await expect(off).rejects.toMatchObject({ code: 'REJECTED' });
    await expect(off).rejects.toThrow(/engine is off/);

    expect((await api.engine.setMode({ mode: 'paper' })).mode).toBe('paper');
    const nothing = api.engine.handOver({ symbol: contract.symbol });
    await expect(nothing).rejects.toMatchObject({ code: 'REJECTED' });
    await expect(nothing).rejects.toThrow(/no manual position/);

    await buyOneLotAndWaitForFill(api, contract);

    // One owner for the exits: not while a manual bracket of the symbol still works.
    const bid = (await liveLadder(contract.symbol)).bids[0].price;
    const resting = await api.orders.placeBracket({
      symbol: contract.symbol,
      side: 'buy',
      quantity: contract.lotSize,
      entry: {
        type: 'limit',
        limitPrice: bid - Math.floor((bid * 0.2) / contract.tickUnits) * contract.tickUnits,
      },
      stopLossTicks: 1,
    });
    expect(resting.rejectReason).toBeUndefined();
    await expect(api.engine.handOver({ symbol: contract.symbol })).rejects.toThrow(/cancel them first/);
    await api.orders.cancelGroup({ groupId: resting.groupId ?? '' });

    const status = await api.engine.handOver({ symbol: contract.symbol });
    const held = status.positions.find((position) => position.symbol === contract.symbol);
    expect(held).toMatchObject({ ownership: 'handedOver', quantity: contract.lotSize });
    expect(held?.averagePrice).toBeGreaterThan(0);
    await expect(api.engine.handOver({ symbol: contract.symbol })).rejects.toThrow(/already with the engine/);
  });
});
