import type { ApiContract } from '../../src/shared/api/contract';
import type { ClientOf } from '../../src/shared/api/define';
import type { InstrumentView } from '../../src/shared/api/views';
import { waitFor } from './workstation';

/** How long a stream may take to deliver on a machine shared by many test runs: a bound, not a timing. */
export const BUSY_MACHINE_MS = 30_000;

/**
 * One manual paper round trip: a market buy of a lot, filled, then a market sell, filled, on a live
 * book. A new ladder between the two lets the market move, so trades differ in P&L and hold time.
 */
export async function paperRoundTrip(
  api: ClientOf<ApiContract>,
  option: Pick<InstrumentView, 'symbol' | 'lotSize'>,
): Promise<void> {
  const { symbol, lotSize } = option;
  await waitFor(
    api.market.onLadder,
    { symbol },
    (view) => view.bids.length > 0 && view.asks.length > 0,
    BUSY_MACHINE_MS,
  );
  for (const side of ['buy', 'sell'] as const) {
    const filled = waitFor(
      api.orders.onFill,
      {},
      (fill) => fill.symbol === symbol && fill.side === side,
      BUSY_MACHINE_MS,
    );
    await api.orders.place({ symbol, side, type: 'market', quantity: lotSize, timeInForce: 'IOC' });
    await filled;
    await waitFor(api.market.onLadder, { symbol }, () => true, BUSY_MACHINE_MS);
  }
}
