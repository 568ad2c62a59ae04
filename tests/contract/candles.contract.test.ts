import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { CandlesView } from '../../src/shared/api/views';
import type { Workstation } from '../../src/main/hosts/workstation';
import {
  clientFor,
  inMemoryTransport,
  startTestWorkstation,
  waitFor,
  webSocketTransport,
} from '../support/workstation';

/**
 * Candles from the live feed (issue 12) over every transport: the core builds the bars from the
 * built-in exchange's ticks and publishes the changed ones per frame, per symbol and interval.
 */
describe.each([inMemoryTransport, webSocketTransport])('candles over $name', (transport) => {
  let workstation: Workstation;
  let api: ClientOf<ApiContract>;
  let close: () => Promise<void>;
  let traded: string;

  beforeAll(async () => {
    ({ workstation } = await startTestWorkstation({ engine: { mode: 'off' } }));
    const connection = await transport.connect(workstation);
    close = connection.close;
    api = clientFor(connection.pipe);
    // The engine's underlying: its index ticks all the time, and the core charts it from start.
    traded = (await api.engine.getStatus({})).underlying;
  });
  afterAll(async () => {
    await close?.();
    await workstation?.close();
  });

  it('market.onCandles delivers the changed bars of one symbol at one interval only', async () => {
    const seen: CandlesView[] = [];
    const update = await waitFor(api.market.onCandles, { symbol: traded, interval: 1 }, (view) => {
      seen.push(view);
      return seen.length >= 3;
    });
    expect(seen.every((view) => view.symbol === traded && view.interval === 1)).toBe(true);
    expect(update.series).toBe(`${traded}@1`);
    const bar = update.candles[update.candles.length - 1];
    expect(bar.tsStart % 1_000_000).toBe(0);
    expect(bar.high).toBeGreaterThanOrEqual(Math.max(bar.open, bar.close));
    expect(bar.low).toBeLessThanOrEqual(Math.min(bar.open, bar.close));
    expect(update.tickUnits).toBeGreaterThan(0);
  });

  it('market.getCandles answers the bars built so far, oldest first, honouring count and from', async () => {
    // Tracked by the previous test's subscription; wait for two 1 s bars.
    await waitFor(api.market.onCandles, { symbol: traded, interval: 1 }, () => true);
    let all: CandlesView = await api.market.getCandles({ symbol: traded, interval: 1 });
    for (let attempt = 0; all.candles.length < 2 && attempt < 100; attempt++) {
      await waitFor(api.market.onCandles, { symbol: traded, interval: 1 }, () => true);
      all = await api.market.getCandles({ symbol: traded, interval: 1 });
    }
    expect(all.candles.length).toBeGreaterThanOrEqual(2);
    const starts = all.candles.map((bar) => bar.tsStart);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(new Set(starts).size).toBe(starts.length);

    const newest = await api.market.getCandles({ symbol: traded, interval: 1, count: 1 });
    expect(newest.candles).toHaveLength(1);
    expect(newest.candles[0].tsStart).toBeGreaterThanOrEqual(starts[starts.length - 1]);
    const fromSecond = await api.market.getCandles({ symbol: traded, interval: 1, from: starts[1] });
    expect(fromSecond.candles[0].tsStart).toBe(starts[1]);

    const minutes = await api.market.getCandles({ symbol: traded, interval: 60 });
    expect(minutes.candles.every((bar) => bar.tsStart % 60_000_000 === 0)).toBe(true);
  });

  it('refuses an interval it does not build and a symbol that is not listed, naming the field', async () => {
    await expect(api.market.getCandles({ symbol: traded, interval: 2 as 1 })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      field: 'interval',
    });
    await expect(api.market.getCandles({ symbol: 'NOPE', interval: 60 })).rejects.toThrow(/symbol/);
  });
});
