import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { Workstation } from '../../src/main/hosts/workstation';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

/**
 * A paper broker that, like Alpaca for options, takes only market and limit orders and no resting
 * exit pair: the workstation must hold the bracket's TP and SL itself and say so (issue 5).
 */
describe('emulated brackets on a broker without bracket/stop support', () => {
  let workstation: Workstation;
  let api: ClientOf<ApiContract>;
  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({ broker: { capabilities: 'alpaca-options' } }));
    api = clientFor((await inMemoryTransport.connect(workstation)).pipe);
  });
  afterAll(async () => workstation?.close());

  it('holds the take-profit and stop-loss in the core, reports them emulated, and cancels them', async () => {
    const instruments = await api.market.listInstruments({});
    const calls = instruments.filter(
      (instrument) => instrument.kind === 'option' && instrument.right === 'CE',
    );
    const contract = calls[Math.floor(calls.length / 2)];
    const ladder = await waitFor(
      api.market.onLadder,
      { symbol: contract.symbol },
      (view) => view.asks.length > 0,
    );
    const ticks = Math.max(2, Math.floor((ladder.asks[0].price * 0.25) / contract.tickUnits));
    const armed = waitFor(
      api.orders.onGroup,
      {},
      (group) => group.symbol === contract.symbol && group.entryFilled === contract.lotSize,
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
    expect(placed.emulated).toBe(true);

    const group = await armed;
    expect(group.emulated).toBe(true);
    expect(group.legs.map((leg) => [leg.role, leg.emulated])).toEqual([
      ['takeProfit', true],
      ['stopLoss', true],
    ]);
    // Nothing rests at the broker for an emulated leg: no sell order is working yet.
    const workingSells = (await api.orders.list({})).filter(
      (order) => order.symbol === contract.symbol && order.side === 'sell' && order.status !== 'cancelled',
    );
    expect(workingSells).toEqual([]);

    const cancelled = waitFor(
      api.orders.onGroup,
      {},
      (value) => value.groupId === group.groupId && value.state === 'cancelled',
    );
    expect(await api.orders.cancelGroup({ groupId: group.groupId })).toEqual({ cancelled: true });
    await cancelled;
  });
});
