import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PositionView, SystemStatus } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

describe('worker supervision', () => {
  let workstation: Workstation;
  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation());
  });
  afterAll(async () => workstation?.close());

  it('a core worker that dies is reported to windows, restarted, and reloads positions from the ledger', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option');
    await waitFor(api.market.onLadder, { symbol: option.symbol }, (view) => view.asks.length > 0);
    const heldBeforeCrash = (positions: PositionView[]): boolean =>
      positions.some(
        (position) =>
          position.symbol === option.symbol &&
          position.source === 'manual' &&
          position.quantity === option.lotSize * 2,
      );
    const filled = waitFor(api.positions.onPositions, {}, heldBeforeCrash);
    await api.orders.place({
      symbol: option.symbol,
      side: 'buy',
      type: 'market',
      quantity: option.lotSize * 2,
      timeInForce: 'IOC',
    });
    await filled;

    const statuses: SystemStatus[] = [];
    api.system.onStatus({}, (status) => statuses.push(status));
    await workstation.core.crashForTest();
    await waitFor(
      api.system.onStatus,
      {},
      (status) => status.workers[0].state === 'running' && status.workers[0].restarts === 1,
    );
    expect(statuses.some((status) => status.workers[0].state === 'crashed')).toBe(true);

    const positions = await api.positions.list({});
    const restored = positions.find(
      (position) => position.symbol === option.symbol && position.source === 'manual',
    );
    expect(restored?.quantity).toBe(option.lotSize * 2);
  });

  it('a dead ledger worker is restarted and re-wired to the core; fills keep landing', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    const before = (await workstation.ledger.peer?.request('countFills', {})) ?? 0;
    await workstation.ledger.crashForTest();
    await waitFor(
      api.system.onStatus,
      {},
      (status) => status.workers[1].state === 'running' && status.workers[1].restarts === 1,
    );
    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option');
    await waitFor(api.system.onStatus, {}, (status) =>
      status.workers.every((worker) => worker.state === 'running'),
    );
    const fillSeen = waitFor(
      api.orders.onFill,
      {},
      (fill) => fill.symbol === option.symbol && fill.side === 'sell',
    );
    const result = await api.orders.place({
      symbol: option.symbol,
      side: 'sell',
      type: 'market',
      quantity: option.lotSize,
      timeInForce: 'IOC',
    });
    expect(result.status).not.toBe('rejected');
    await fillSeen;
    expect(await workstation.ledger.peer?.request('countFills', {})).toBeGreaterThan(before);
  });
});
