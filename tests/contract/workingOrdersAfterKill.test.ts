import { afterEach, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { ServeProcess } from '../support/serveProcess';
import { startServeProcess } from '../support/serveProcess';
import { clientFor, connectWebSocket, waitFor } from '../support/workstation';

/** A browser-mode client of a `scalpdesk serve` process. */
async function connect(serve: ServeProcess): Promise<{ api: ClientOf<ApiContract>; close(): void }> {
  const { pipe, close } = await connectWebSocket(serve);
  return { api: clientFor(pipe), close };
}

/** Polls until the listed statuses of `orderIds`, in listing order, equal `expected`. */
async function expectStatuses(
  api: ClientOf<ApiContract>,
  orderIds: readonly string[],
  expected: readonly string[],
): Promise<void> {
  await expect
    .poll(
      async () =>
        (await api.orders.list({}))
          .filter((order) => orderIds.includes(order.orderId))
          .map((order) => order.status),
      { timeout: 20_000 },
    )
    .toEqual(expected);
}

/**
 * The orphaned-order defect: resting limit orders, then the serve process is killed with SIGKILL (no
 * shutdown at all) and started again on the same data folder. Every order must be listed again,
 * still working, and cancellable.
 */
describe('working orders survive a SIGKILL of serve', () => {
  const running: ServeProcess[] = [];
  afterEach(async () => {
    for (const serve of running.splice(0)) await serve.stop();
  }, 30_000);

  it('lists every resting limit order after the restart and cancels each', async () => {
    const first = await startServeProcess();
    running.push(first);
    const before = await connect(first);
    const option = (await before.api.market.listInstruments({})).find(
      (instrument) => instrument.kind === 'option',
    );
    if (!option) throw new Error('no option listed');
    const ladder = await waitFor(
      before.api.market.onLadder,
      { symbol: option.symbol },
      (view) => view.bids.length > 0,
      30_000,
    );
    // 30 % below the best bid (inside the OMS's 40 % price band), on the tick grid: they rest and
    // do not fill while the test runs.
    const tick = option.tickUnits;
    const restingPrice = Math.max(tick, Math.floor((ladder.bids[0].price * 0.7) / tick) * tick);
    const placed: string[] = [];
    for (let i = 0; i < 3; i++) {
      const result = await before.api.orders.place({
        symbol: option.symbol,
        side: 'buy',
        type: 'limit',
        limitPrice: restingPrice - i * tick,
        quantity: option.lotSize,
        timeInForce: 'DAY',
      });
      expect(result.rejectReason).toBeUndefined();
      placed.push(result.orderId);
    }
    await expectStatuses(before.api, placed, ['accepted', 'accepted', 'accepted']);
    before.close();

    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    running.splice(running.indexOf(first), 1);

    const second = await startServeProcess([], { dataDir: first.dataDir });
    running.push(second);
    const after = await connect(second);
    const listed = (await after.api.orders.list({})).filter((order) => placed.includes(order.orderId));
    expect(listed.map((order) => [order.orderId, order.status])).toEqual(
      placed.map((orderId) => [orderId, 'accepted']),
    );
    for (const orderId of placed)
      expect(await after.api.orders.cancel({ orderId })).toEqual({ cancelled: true });
    await expectStatuses(after.api, placed, ['cancelled', 'cancelled', 'cancelled']);
    after.close();
  }, 120_000);
});
