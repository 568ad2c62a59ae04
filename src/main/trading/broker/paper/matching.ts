import type { Symbol } from '../../../../shared/domain/ids';
import type { TradeEvent } from '../../../../shared/domain/marketEvents';
import type { Fill, Order } from '../../../../shared/domain/orders';
import type { Price } from '../../../../shared/domain/price';
import type { SlippageModel } from './fillModel';
import { isMarketable, walkBook } from './fillModel';
import type { MarketBook } from './marketBook';
import type { PaperOrder } from './paperOrders';
import { paperRemaining } from './paperOrders';

/** What matching needs of the broker: the books, the slippage model, and how to fill or cancel. */
export interface MatchingVenue {
  readonly slippage: SlippageModel;
  book(symbol: Symbol): MarketBook;
  fill(paper: PaperOrder, quantity: number, price: Price, liquidity: Fill['liquidity']): void;
  cancel(paper: PaperOrder, reason: string): void;
}

/** Effective limit: the limit of a limit order or a triggered stop-limit; null for market and triggered stop. */
function effectiveLimit(order: Order): Price | null {
  return order.type === 'limit' || order.type === 'stopLimit' ? (order.limitPrice ?? null) : null;
}

function isStop(order: Order): boolean {
  return order.type === 'stop' || order.type === 'stopLimit';
}

/** An order arriving (activation, trigger, price modification): trade what is marketable, then rest or cancel. */
export function evaluateOrder(venue: MatchingVenue, paper: PaperOrder, trade: TradeEvent | null): void {
  const order = paper.order;
  const book = venue.book(order.symbol);
  if (isStop(order) && !paper.triggered) {
    const price = trade ? trade.price : book.lastTradePrice;
    if (price === null || order.stopPrice === undefined) return;
    const hit = order.side === 'buy' ? price >= order.stopPrice : price <= order.stopPrice;
    if (!hit) return;
    paper.triggered = true;
  }
  const limit = effectiveLimit(order);
  if (limit === null) {
    takeLiquidity(venue, paper, null);
    if (paper.stage !== 'done' && paperRemaining(paper) > 0 && order.timeInForce === 'IOC') {
      venue.cancel(paper, `IOC: ${paperRemaining(paper)} unfilled, book depth exhausted`);
    }
    return;
  }
  if (isMarketable(book, order.side, limit)) takeLiquidity(venue, paper, limit);
  if (paper.stage === 'done' || paperRemaining(paper) === 0) return;
  if (order.timeInForce === 'IOC') {
    venue.cancel(paper, `IOC: ${paperRemaining(paper)} unfilled at the limit`);
    return;
  }
  paper.queueAhead = book.sizeAt(order.side === 'buy' ? 'bids' : 'asks', limit);
}

/** A trade print: triggers stops, works through the queue ahead of a resting limit, fills through-prints. */
export function matchTrade(venue: MatchingVenue, paper: PaperOrder, trade: TradeEvent): void {
  const order = paper.order;
  if (isStop(order) && !paper.triggered) {
    evaluateOrder(venue, paper, trade);
    return;
  }
  const limit = effectiveLimit(order);
  if (limit === null || paper.queueAhead === null) return;
  const through = order.side === 'buy' ? trade.price < limit : trade.price > limit;
  if (through) {
    // The market printed beyond our price: everyone at our price, us included, was filled.
    venue.fill(paper, paperRemaining(paper), limit, 'maker');
    return;
  }
  if (trade.price === limit) {
    const excess = trade.size - paper.queueAhead;
    paper.queueAhead = Math.max(0, paper.queueAhead - trade.size);
    if (excess > 0) venue.fill(paper, Math.min(excess, paperRemaining(paper)), limit, 'maker');
  }
}

/** A new book: DAY market remainders take it, resting limits fill when the other side moves onto them. */
export function matchBookUpdate(venue: MatchingVenue, paper: PaperOrder): void {
  const order = paper.order;
  if (isStop(order) && !paper.triggered) return;
  const limit = effectiveLimit(order);
  if (limit === null) {
    takeLiquidity(venue, paper, null);
    return;
  }
  if (paper.queueAhead === null) return;
  const book = venue.book(order.symbol);
  if (isMarketable(book, order.side, limit)) {
    // The opposite side moved onto our price: sellers (buyers) there would have met our resting
    // order first. We fill at our own price, up to the size they show.
    const opposite = order.side === 'buy' ? book.asks : book.bids;
    let available = 0;
    for (const level of opposite) {
      if (order.side === 'buy' ? level.price > limit : level.price < limit) break;
      available += level.size;
    }
    const quantity = Math.min(available, paperRemaining(paper));
    let left = quantity;
    for (const level of opposite) {
      if (left === 0) break;
      const take = Math.min(level.size, left);
      level.size -= take;
      left -= take;
    }
    book.compact();
    if (quantity > 0) venue.fill(paper, quantity, limit, 'maker');
    return;
  }
  // Cancellations: the queue ahead cannot be longer than what the level still shows.
  paper.queueAhead = Math.min(paper.queueAhead, book.sizeAt(order.side === 'buy' ? 'bids' : 'asks', limit));
}

function takeLiquidity(venue: MatchingVenue, paper: PaperOrder, limit: Price | null): void {
  const instrument = paper.instrument;
  if (!instrument) return;
  const planned = walkBook({
    book: venue.book(paper.order.symbol),
    side: paper.order.side,
    quantity: paperRemaining(paper),
    limit,
    tickUnits: instrument.tickUnits,
    slippage: venue.slippage,
  });
  for (const part of planned) {
    if (paper.stage === 'done') break;
    venue.fill(paper, part.quantity, part.price, 'taker');
  }
}
