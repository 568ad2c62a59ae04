import type { PositionView } from '../../shared/api/views';
import type { Instrument } from '../../shared/domain/instrument';
import type { Fill, OrderSource } from '../../shared/domain/orders';
import { asPrice } from '../../shared/domain/price';
import type { MarketState } from '../trading/market/marketState';
import type { PositionBook } from '../trading/oms/positions';

const key = (symbol: string, source: OrderSource): string => `${symbol}\u0000${source}`;

/**
 * When each open position was opened from flat (or flipped), in market time: the positions panel's
 * time in trade. Positions restored from the ledger after a restart have no known open time.
 */
export class PositionOpenTimes {
  private readonly opened = new Map<string, number>();

  /** After `fill` was applied: `before` and `after` are the signed quantities of its position. */
  onFill(fill: Pick<Fill, 'symbol' | 'source' | 'tsEvent'>, before: number, after: number): void {
    const id = key(fill.symbol, fill.source);
    if (after === 0) this.opened.delete(id);
    else if (before === 0 || Math.sign(before) !== Math.sign(after)) this.opened.set(id, fill.tsEvent);
  }

  get(symbol: string, source: OrderSource): number | null {
    return this.opened.get(key(symbol, source)) ?? null;
  }
}

/**
 * The positions windows see, each marked at the price it could be closed at now: the bid for a
 * long, the ask for a short, the last trade only when that side has no quote (MarketState.exitMark).
 */
export function positionViews(
  book: PositionBook,
  market: MarketState,
  instrument: (symbol: string) => Instrument | undefined,
  openTimes: PositionOpenTimes,
): PositionView[] {
  const markSources = new Map<string, PositionView['markSource']>();
  for (const state of book.allStates()) {
    const quantity = book.quantity(state.symbol, state.source);
    if (quantity === 0) continue;
    const mark = market.exitMark(state.symbol, quantity);
    if (!mark) continue;
    book.put({ ...state, markPrice: asPrice(Math.round(mark.price)) });
    markSources.set(key(state.symbol, state.source), mark.source);
  }
  return book.all().map((position) => {
    const known = instrument(position.symbol);
    const markPrice = book.state(position.symbol, position.source)?.markPrice ?? null;
    return {
      symbol: position.symbol,
      source: position.source,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      markPrice,
      realisedPnl: position.realisedPnl,
      unrealisedPnl: position.unrealisedPnl,
      charges: position.charges,
      priceDecimals: known?.priceDecimals ?? 2,
      currency: known?.currency ?? '',
      markSource:
        markSources.get(key(position.symbol, position.source)) ?? (markPrice === null ? null : 'last'),
      tsOpened: openTimes.get(position.symbol, position.source),
    };
  });
}
