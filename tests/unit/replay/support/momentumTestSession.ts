import { asFillId, asOrderId } from '../../../../src/shared/domain/ids';
import type { Fill } from '../../../../src/shared/domain/orders';
import type {
  ReplaySession,
  ReplaySessionFactory,
  ReplaySessionResult,
} from '../../../../src/main/backtest/session/replaySession';
import type { RecordedEvent } from '../../../../src/shared/recording/events';

/**
 * A deliberately simple, deterministic strategy to exercise the sweep machinery with real worker
 * threads while the engine is not wired into replay: buy one share when the trade price is
 * `strategy.entryTicks` price units above the low of the last 20 trades, sell it `strategy.holdTrades`
 * trades later. Loaded by path (`sessionModule`), like any user strategy module.
 */
export function createSessionFactory(): ReplaySessionFactory {
  return (setup) => {
    const strategy = (setup.overrides.strategy ?? {}) as { entryTicks?: number; holdTrades?: number };
    const entryUnits = (strategy.entryTicks ?? 2) * 100;
    const holdTrades = strategy.holdTrades ?? 20;
    const recent: number[] = [];
    const fills: Fill[] = [];
    const lastPrices = new Map<string, number>();
    let heldFor = -1;
    const fill = (event: RecordedEvent & { type: 'trade' }, side: 'buy' | 'sell'): void => {
      const n = fills.length + 1;
      fills.push({
        fillId: asFillId(`F${n}`),
        orderId: asOrderId(`O${n}`),
        symbol: event.symbol,
        side,
        quantity: 1,
        price: event.price,
        tsEvent: event.tsEvent,
        source: 'replay',
        charges: 1,
        liquidity: 'taker',
      });
    };
    const session: ReplaySession = {
      onEvent(event) {
        if (event.type !== 'trade') return;
        lastPrices.set(event.symbol, event.price);
        if (heldFor >= 0) {
          heldFor++;
          if (heldFor >= holdTrades) {
            fill(event, 'sell');
            heldFor = -1;
          }
        } else if (recent.length === 20 && event.price - Math.min(...recent) >= entryUnits) {
          fill(event, 'buy');
          heldFor = 0;
        }
        recent.push(event.price);
        if (recent.length > 20) recent.shift();
      },
      finish(): ReplaySessionResult {
        return {
          preset: { name: 'test-momentum', version: 1, hash: 'none' },
          ordersPlaced: fills.length,
          fills,
          decisions: [],
          orderDecisions: new Map(),
          lastPrices,
        };
      },
    };
    return session;
  };
}
