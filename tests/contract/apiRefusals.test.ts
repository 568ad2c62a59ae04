import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  clientFor,
  inMemoryTransport,
  nextMessage,
  startTestWorkstation,
  waitFor,
} from '../support/workstation';

/**
 * Issue 10 item 6: `market.onLadder` accepted any symbol and then never sent a view; an off-tick
 * limit price was rounded without the reply saying so.
 */
describe('API refusals naming the field', () => {
  let workstation: Workstation;
  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation());
  });
  afterAll(async () => workstation?.close());

  it('refuses a symbol the feed does not list, naming the field', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    // The listing is fetched when the core starts; wait until a known symbol is served.
    const api = clientFor(pipe);
    const known = (await api.market.listInstruments({}))[0].symbol;
    await waitFor(api.market.onLadder, { symbol: known }, () => true);
    await expect
      .poll(async () => {
        pipe.send({ t: 'sub', id: 7001, method: 'market.onLadder', params: { symbol: 'NOT-A-SYMBOL' } });
        const reply = await nextMessage(pipe, (message) => message.id === 7001);
        pipe.send({ t: 'unsub', id: 7001 });
        return reply;
      })
      .toMatchObject({
        t: 'error',
        error: { code: 'BAD_REQUEST', field: 'symbol', message: 'symbol: unknown symbol "NOT-A-SYMBOL"' },
      });
  });

  it('still serves a listed symbol', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option listed');
    const view = await waitFor(
      api.market.onLadder,
      { symbol: option.symbol },
      (ladder) => ladder.asks.length > 0,
    );
    expect(view.symbol).toBe(option.symbol);
  });

  it('orders.place refuses an off-tick limit price instead of rounding it silently', async () => {
    const { pipe } = await inMemoryTransport.connect(workstation);
    const api = clientFor(pipe);
    const option = (await api.market.listInstruments({})).find((instrument) => instrument.kind === 'option');
    if (!option) throw new Error('no option listed');
    const offTick = option.tickUnits * 100 + 1;
    await expect(
      api.orders.place({
        symbol: option.symbol,
        side: 'buy',
        type: 'limit',
        quantity: option.lotSize,
        limitPrice: offTick,
        timeInForce: 'DAY',
      }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'limitPrice',
      message: expect.stringMatching(/^limitPrice: .* is not on the tick grid \(tick /),
    });
    expect(await api.orders.list({})).toEqual([]);
  });
});
