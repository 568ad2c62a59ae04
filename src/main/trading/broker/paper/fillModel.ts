import type { Side } from '../../../../shared/domain/marketEvents';
import type { Price } from '../../../../shared/domain/price';
import type { MarketBook } from './marketBook';

/** Extra adverse ticks on taker fills, on top of walking the displayed book. */
export type SlippageModel =
  | { readonly kind: 'none' }
  /** Every taker fill is this many ticks worse than the level it took. */
  | { readonly kind: 'fixedTicks'; readonly ticks: number }
  /**
   * Size-dependent: floor(order quantity / size at the opposite best level × ticksPerTopSize)
   * ticks, at most maxTicks. An order as large as the touch costs `ticksPerTopSize` extra ticks,
   * standing in for the book moving away during the order's latency.
   */
  | { readonly kind: 'volume'; readonly ticksPerTopSize: number; readonly maxTicks: number };

export interface PlannedFill {
  readonly quantity: number;
  readonly price: Price;
}

export function slippageTicks(model: SlippageModel, quantity: number, topSize: number): number {
  switch (model.kind) {
    case 'none':
      return 0;
    case 'fixedTicks':
      return model.ticks;
    case 'volume':
      if (topSize <= 0) return model.maxTicks;
      return Math.min(model.maxTicks, Math.floor((quantity / topSize) * model.ticksPerTopSize));
  }
}

/**
 * Takes liquidity from the opposite side, best level first, up to `quantity` and (for a limit)
 * not beyond `limit`. Consumes the book copy. Slipped prices never pass the limit. Returns one
 * planned fill per level touched (an exchange reports one trade per resting order matched; per
 * level is the resolution a 5-level feed allows).
 */
export function walkBook(args: {
  readonly book: MarketBook;
  readonly side: Side;
  readonly quantity: number;
  readonly limit: Price | null;
  readonly tickUnits: number;
  readonly slippage: SlippageModel;
}): PlannedFill[] {
  const { book, side, limit } = args;
  const levels = side === 'buy' ? book.asks : book.bids;
  const top = levels[0];
  if (!top) return [];
  const slip = slippageTicks(args.slippage, args.quantity, top.size) * args.tickUnits;
  const fills: PlannedFill[] = [];
  let remaining = args.quantity;
  for (const level of levels) {
    if (remaining === 0) break;
    if (limit !== null && (side === 'buy' ? level.price > limit : level.price < limit)) break;
    const take = Math.min(level.size, remaining);
    if (take <= 0) continue;
    let price = (side === 'buy' ? level.price + slip : level.price - slip) as Price;
    if (limit !== null) price = (side === 'buy' ? Math.min(price, limit) : Math.max(price, limit)) as Price;
    if (price <= 0) price = level.price;
    fills.push({ quantity: take, price });
    level.size -= take;
    remaining -= take;
  }
  book.compact();
  return fills;
}

/** Whether a limit order can trade against the opposite best level right now. */
export function isMarketable(book: MarketBook, side: Side, limit: Price): boolean {
  const best = side === 'buy' ? book.bestAsk() : book.bestBid();
  if (!best) return false;
  return side === 'buy' ? best.price <= limit : best.price >= limit;
}
