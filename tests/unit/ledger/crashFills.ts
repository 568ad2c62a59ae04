import { asFillId, asOrderId, asSymbol } from '../../../src/shared/domain/ids';
import type { Fill, OrderSource } from '../../../src/shared/domain/orders';
import { asPrice } from '../../../src/shared/domain/price';
import { SeededRandom } from '../../../src/shared/domain/random';
import type { TimestampUs } from '../../../src/shared/domain/time';

/** Instruments of the crash stream: two NSE options (multiplier 1) and one US option (× 100). */
export const CRASH_SYMBOLS = [
  { symbol: asSymbol('NIFTY-2026-11-24-24000-CE'), lot: 65, multiplier: 1, currency: 'INR', base: 10_000 },
  {
    symbol: asSymbol('BANKNIFTY-2026-11-25-52000-PE'),
    lot: 30,
    multiplier: 1,
    currency: 'INR',
    base: 25_000,
  },
  { symbol: asSymbol('TSLA-2026-11-20-250-CE'), lot: 1, multiplier: 100, currency: 'USD', base: 250 },
] as const;

export function crashInstrument(symbol: string): { multiplier: number; currency: string } | undefined {
  return CRASH_SYMBOLS.find((candidate) => candidate.symbol === symbol);
}

/** The i-th fill of the deterministic stream: the same i always gives the same fill. */
export function crashFill(index: number): Fill {
  const random = new SeededRandom(0x5eed ^ index);
  const instrument = CRASH_SYMBOLS[random.int(CRASH_SYMBOLS.length)];
  const source: OrderSource = random.chance(0.5) ? 'manual' : 'auto';
  return {
    fillId: asFillId(`crash-fill-${index}`),
    orderId: asOrderId(`crash-order-${index}`),
    symbol: instrument.symbol,
    side: random.chance(0.5) ? 'buy' : 'sell',
    quantity: instrument.lot * (1 + random.int(4)),
    price: asPrice(instrument.base + 5 * random.int(200)),
    tsEvent: (1_763_600_000_000_000 + index * 1000) as TimestampUs,
    source,
    charges: random.int(5000),
    liquidity: random.chance(0.5) ? 'taker' : 'maker',
  };
}

/** One acknowledgement line: the fill id and the position of its (symbol, source) after it. */
export interface AckLine {
  readonly fillId: string;
  readonly key: string;
  readonly state: { lots: Array<[number, number]>; realisedPnl: number; charges: number; multiplier: number };
}
