import { describe, expect, it } from 'vitest';
import type { ConnectionStatusView } from '../../../src/shared/api/connectionViews';
import { combinedFeedStatus, ConnectionBoard } from '../../../src/main/brokers/config/connectionBoard';

describe('connection board (each broker connection in the status bars)', () => {
  it('names each stream with live / reconnecting / stale, and shows a REST queue as back-pressure', () => {
    const published: (readonly ConnectionStatusView[])[] = [];
    const board = new ConnectionBoard((list) => published.push(list));
    board.stream({ name: 'openalgo market data', state: 'live', detail: 'authenticated' });
    board.stream({ name: 'openalgo orders', state: 'waiting', detail: 'closed; reconnecting', attempt: 2 });
    board.queue({ lane: 'openalgo orders', queued: 3, pausedUntilMs: Date.now() + 60_000 });
    expect(board.list()).toEqual([
      { name: 'openalgo market data', state: 'live', detail: 'authenticated' },
      { name: 'openalgo orders', state: 'reconnecting', detail: 'closed; reconnecting' },
      {
        name: 'openalgo orders REST',
        state: 'live',
        detail: expect.stringMatching(/^rate limited by the broker: 3 queued, sending again in \d+ ms$/),
        queued: 3,
      },
    ]);
    // An unchanged state is not published again.
    const count = published.length;
    board.stream({ name: 'openalgo market data', state: 'live', detail: 'authenticated' });
    expect(published).toHaveLength(count);
  });

  it('the feed is the worst of the market-data streams: one stale stream makes it stale', () => {
    expect(
      combinedFeedStatus([
        { name: 'alpaca stocks', state: 'live', detail: 'authenticated' },
        { name: 'alpaca options', state: 'stale', detail: 'no data or heartbeat for 30000 ms' },
      ]),
    ).toEqual({
      state: 'stale',
      detail: 'alpaca stocks: authenticated; alpaca options: no data or heartbeat for 30000 ms',
    });
    expect(
      combinedFeedStatus([{ name: 'alpaca stocks', state: 'failed', detail: 'auth failed' }]).state,
    ).toBe('disconnected');
    expect(combinedFeedStatus([{ name: 'openalgo market data', state: 'live', detail: 'ok' }]).state).toBe(
      'connected',
    );
  });
});
