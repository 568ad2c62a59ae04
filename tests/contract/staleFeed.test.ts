import { afterAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../src/main/hosts/workstation';
import { startExchangeProcess } from '../support/exchangeProcess';
import type { ExchangeProcess } from '../support/exchangeProcess';
import { clientFor, inMemoryTransport, startTestWorkstation, waitFor } from '../support/workstation';

const STALE_AFTER_MS = 1500;

/**
 * The silent-feed defect: with the exchange process frozen (SIGSTOP keeps its socket open, so no
 * close ever arrives), the status must turn `stale` within the configured time, and a paper market
 * order placed then must not fill at the frozen book's price: it is refused with the reason.
 */
describe('a frozen exchange', () => {
  let exchange: ExchangeProcess | null = null;
  let workstation: Workstation | null = null;
  afterAll(async () => {
    await workstation?.close();
    await exchange?.stop();
  }, 30_000);

  it('reads stale within the configured time and a market order placed then is refused, not filled', async () => {
    exchange = await startExchangeProcess();
    ({ workstation } = await startTestWorkstation({
      market: { exchangeUrl: exchange.url, staleAfterMs: STALE_AFTER_MS },
    }));
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    await waitFor(api.system.onStatus, {}, (status) => status.feed.state === 'connected', 30_000);
    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option listed');
    await waitFor(api.market.onLadder, { symbol: option.symbol }, (view) => view.asks.length > 0, 30_000);

    exchange.child.kill('SIGSTOP');
    const stale = await waitFor(api.system.onStatus, {}, (status) => status.feed.state === 'stale', 30_000);
    // Declared from the silence: the detail names at least the configured time without data.
    const silentMs = Number(/for (\d+) ms/.exec(stale.feed.detail ?? '')?.[1]);
    expect(silentMs).toBeGreaterThanOrEqual(STALE_AFTER_MS);
    expect(stale.feed.detail).toMatch(/^no data from ws:\/\/127\.0\.0\.1:\d+\/? for \d+ ms$/);

    const result = await api.orders.place({
      symbol: option.symbol,
      side: 'buy',
      type: 'market',
      quantity: option.lotSize,
      timeInForce: 'IOC',
    });
    await expect
      .poll(
        async () => (await api.orders.list({})).find((order) => order.orderId === result.orderId)?.status,
        {
          timeout: 10_000,
        },
      )
      .toBe('rejected');
    const order = (await api.orders.list({})).find((candidate) => candidate.orderId === result.orderId);
    expect(order?.filledQuantity).toBe(0);
    expect(order?.rejectReason).toMatch(/^market data is stale .*market orders are refused until it resumes/);
    expect((await api.positions.list({})).filter((position) => position.symbol === option.symbol)).toEqual(
      [],
    );
  }, 120_000);
});
