import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { InstrumentView, LadderView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

/**
 * orders.modify and orders.modifyLeg (issue 12: dragging order lines on the chart) on a real
 * workstation: the paper broker amends the resting order in place, so the id stays the same.
 */
describe('orders.modify and orders.modifyLeg', () => {
  let workstation: Workstation;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;
  let contracts: InstrumentView[];

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({ engine: { mode: 'off' } }));
    const connection = await inMemoryTransport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
    contracts = (await api.market.listInstruments({})).filter((instrument) => instrument.kind === 'option');
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  const liveLadder = (symbol: string): Promise<LadderView> =>
    waitFor(api.market.onLadder, { symbol }, (view) => view.bids.length > 0 && view.asks.length > 0);
  /** A buy limit a tenth below the bid: it rests and does not fill meanwhile. */
  const restingPrice = (ladder: LadderView, tickUnits: number): number =>
    ladder.bids[0].price - Math.max(2, Math.floor((ladder.bids[0].price * 0.1) / tickUnits)) * tickUnits;

  it('moves a resting limit 5 ticks under the same order id, and refuses an off-tick price naming the field', async () => {
    const contract = contracts[0];
    const ladder = await liveLadder(contract.symbol);
    const limitPrice = restingPrice(ladder, contract.tickUnits);
    const placed = await api.orders.place({
      symbol: contract.symbol,
      side: 'buy',
      type: 'limit',
      quantity: contract.lotSize,
      limitPrice,
    });
    await expect
      .poll(
        async () => (await api.orders.list({})).find((order) => order.orderId === placed.orderId)?.status,
        {
          timeout: 10_000,
        },
      )
      .toBe('accepted');

    expect(contract.tickUnits).toBeGreaterThan(1); // so a price one unit off is off the grid
    const moved = limitPrice - 5 * contract.tickUnits;
    await expect(api.orders.modify({ orderId: placed.orderId, limitPrice: moved })).resolves.toEqual({
      modified: true,
    });
    await expect
      .poll(
        async () => (await api.orders.list({})).find((order) => order.orderId === placed.orderId)?.limitPrice,
        { timeout: 10_000 },
      )
      .toBe(moved);

    await expect(
      api.orders.modify({ orderId: placed.orderId, limitPrice: moved + Math.max(1, contract.tickUnits - 1) }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST', field: 'limitPrice' });
    await expect(api.orders.modify({ orderId: 'nope', limitPrice: moved })).rejects.toMatchObject({
      field: 'orderId',
    });
    await expect(api.orders.modify({ orderId: placed.orderId })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
    await api.orders.cancel({ orderId: placed.orderId });
  });

  it("moves a bracket's take-profit leg", async () => {
    // The same contract: its price is known to leave room below the bid.
    const contract = contracts[0];
    const ladder = await liveLadder(contract.symbol);
    const placed = await api.orders.placeBracket({
      symbol: contract.symbol,
      side: 'buy',
      quantity: contract.lotSize,
      entry: { type: 'limit', limitPrice: restingPrice(ladder, contract.tickUnits) },
      takeProfitTicks: 10,
      stopLossTicks: 10,
    });
    const groupId = placed.groupId ?? '';
    const group = (await api.orders.listGroups({})).find((candidate) => candidate.groupId === groupId);
    const takeProfit = group?.legs.find((leg) => leg.role === 'takeProfit');
    expect(takeProfit).toBeDefined();
    const price = (takeProfit?.price ?? 0) + 3 * contract.tickUnits;
    const seen = waitFor(
      api.orders.onGroup,
      {},
      (value) =>
        value.groupId === groupId &&
        value.legs.some((leg) => leg.role === 'takeProfit' && leg.price === price),
    );
    await expect(api.orders.modifyLeg({ groupId, legId: takeProfit?.legId ?? '', price })).resolves.toEqual({
      modified: true,
    });
    await seen;
    await expect(
      api.orders.modifyLeg({ groupId, legId: takeProfit?.legId ?? '', price: price + 1 }),
    ).rejects.toMatchObject({ field: 'price' });
    await api.orders.cancelGroup({ groupId });
  });
});
