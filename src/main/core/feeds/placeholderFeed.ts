import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import { asSymbol } from '../../../shared/domain/ids';
import type { BookLevel, MarketEvent } from '../../../shared/domain/marketEvents';
import { asPrice } from '../../../shared/domain/price';
import { SeededRandom } from '../../../shared/domain/random';
import { msToUs } from '../../../shared/domain/time';
import type { MarketFeed } from './marketFeed';

/**
 * Stand-in market for the first slice: a random-walk index and a few CE/PE strikes with 5-level
 * books, ticking every 100 ms. The built-in exchange (src/main/exchange) replaces it.
 */
export function createPlaceholderFeed(seed: number): MarketFeed {
  const random = new SeededRandom(seed);
  const base = {
    exchange: 'SIM',
    profile: 'nse' as const,
    priceDecimals: 2,
    tickUnits: 5,
    currency: 'INR',
    multiplier: 1,
    freezeQuantity: 1800,
  };
  const index: Instrument = { ...base, symbol: asSymbol('NIFTY'), kind: 'index', lotSize: 1 };
  const options: OptionInstrument[] = [24000, 24100].flatMap((strike) =>
    (['CE', 'PE'] as const).map((right) => ({
      ...base,
      symbol: asSymbol(`NIFTY-SIM-${strike}-${right}`),
      kind: 'option' as const,
      lotSize: 65,
      underlying: asSymbol('NIFTY'),
      expiry: '2026-11-24',
      strike,
      right,
    })),
  );
  let spot = 24050;
  let timer: NodeJS.Timeout | null = null;

  const book = (mid: number): { bids: BookLevel[]; asks: BookLevel[] } => {
    const midUnits = Math.max(10, Math.round((mid * 100) / 5) * 5);
    const bids: BookLevel[] = [];
    const asks: BookLevel[] = [];
    for (let level = 0; level < 5; level++) {
      bids.push({
        price: asPrice(Math.max(5, midUnits - 5 * (level + 1))),
        size: 65 * (1 + Math.floor(random.next() * 20)),
      });
      asks.push({
        price: asPrice(midUnits + 5 * (level + 1)),
        size: 65 * (1 + Math.floor(random.next() * 20)),
      });
    }
    return { bids, asks };
  };

  return {
    async start({ onEvent, onStatus }) {
      onStatus({ state: 'connected', detail: 'placeholder market' });
      timer = setInterval(() => {
        const tsEvent = msToUs(Date.now());
        spot += (random.next() - 0.5) * 6;
        const events: MarketEvent[] = [
          { type: 'index', symbol: index.symbol, tsEvent, value: asPrice(Math.round(spot * 20) * 5) },
        ];
        for (const option of options) {
          const intrinsic =
            option.right === 'CE' ? Math.max(0, spot - option.strike) : Math.max(0, option.strike - spot);
          const { bids, asks } = book(intrinsic + 60);
          events.push({ type: 'depth', symbol: option.symbol, tsEvent, bids, asks });
          const buyer = random.next() < 0.5;
          events.push({
            type: 'trade',
            symbol: option.symbol,
            tsEvent,
            price: buyer ? asks[0].price : bids[0].price,
            size: 65,
            aggressor: buyer ? 'buy' : 'sell',
          });
        }
        events.forEach(onEvent);
      }, 100);
      return [index, ...options];
    },
    async stop() {
      if (timer) clearInterval(timer);
    },
  };
}
