import type { DepthEvent, QuoteEvent, TradeEvent } from '../../../../shared/domain/marketEvents';
import type { Price } from '../../../../shared/domain/price';

export interface MutableLevel {
  price: Price;
  size: number;
}

/**
 * The paper broker's copy of one symbol's book. Depth and quote events replace it; the broker's own
 * fills consume it until the next update, so two orders cannot both take the same displayed size.
 * (The market itself never sees paper orders: the next snapshot restores what the exchange shows.)
 */
export class MarketBook {
  bids: MutableLevel[] = [];
  asks: MutableLevel[] = [];
  lastTradePrice: Price | null = null;

  applyDepth(event: DepthEvent): void {
    this.bids = event.bids
      .filter((level) => level.size > 0)
      .map((level) => ({ price: level.price, size: level.size }));
    this.asks = event.asks
      .filter((level) => level.size > 0)
      .map((level) => ({ price: level.price, size: level.size }));
  }

  /** An L1 update: replaces the top level and drops deeper levels it now crosses. */
  applyQuote(event: QuoteEvent): void {
    this.bids = replaceTop(this.bids, event.bidPrice, event.bidSize, (deeper, top) => deeper < top);
    this.asks = replaceTop(this.asks, event.askPrice, event.askSize, (deeper, top) => deeper > top);
  }

  applyTrade(event: TradeEvent): void {
    this.lastTradePrice = event.price;
  }

  bestBid(): MutableLevel | null {
    return this.bids[0] ?? null;
  }

  bestAsk(): MutableLevel | null {
    return this.asks[0] ?? null;
  }

  /** Displayed size at a price on one side (0 when the level is not shown). */
  sizeAt(side: 'bids' | 'asks', price: Price): number {
    return this[side].find((level) => level.price === price)?.size ?? 0;
  }

  /** Removes consumed levels after a walk. */
  compact(): void {
    this.bids = this.bids.filter((level) => level.size > 0);
    this.asks = this.asks.filter((level) => level.size > 0);
  }
}

function replaceTop(
  levels: MutableLevel[],
  price: Price,
  size: number,
  isBehind: (deeper: number, top: number) => boolean,
): MutableLevel[] {
  const deeper = levels.filter((level) => isBehind(level.price, price));
  return size > 0 ? [{ price, size }, ...deeper] : deeper;
}
