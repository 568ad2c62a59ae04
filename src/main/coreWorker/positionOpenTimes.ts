import type { Fill, OrderSource } from '../../shared/domain/orders';

export const positionKey = (symbol: string, source: OrderSource): string => `${symbol}\u0000${source}`;

/**
 * When each open position was opened from flat (or flipped), in market time: the positions panel's
 * time in trade. Positions restored from the ledger after a restart have no known open time.
 */
export class PositionOpenTimes {
  private readonly opened = new Map<string, number>();

  /** After `fill` was applied: `before` and `after` are the signed quantities of its position. */
  onFill(fill: Pick<Fill, 'symbol' | 'source' | 'tsEvent'>, before: number, after: number): void {
    const id = positionKey(fill.symbol, fill.source);
    if (after === 0) this.opened.delete(id);
    else if (before === 0 || Math.sign(before) !== Math.sign(after)) this.opened.set(id, fill.tsEvent);
  }

  get(symbol: string, source: OrderSource): number | null {
    return this.opened.get(positionKey(symbol, source)) ?? null;
  }
}
