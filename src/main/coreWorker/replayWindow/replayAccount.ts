import type { ReplayAccountView } from '../../../shared/api/views';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Fill } from '../../../shared/domain/orders';
import type { EngineCommand } from '../../trading/engine/types';

/**
 * What the replay account has done so far, for the window while the tape plays: decisions, orders,
 * fills and open quantity per symbol. Fed by the engine session's own hooks; the figures at the end
 * come from the replay report, not from here.
 */
export class ReplayAccountTally {
  private decisions = 0;
  private fills = 0;
  private readonly orderIds = new Set<string>();
  private readonly quantities = new Map<string, number>();
  /** Every fill so far, per symbol, oldest first: the replay chart's markers. */
  private readonly fillsBySymbol = new Map<string, Fill[]>();

  onCommand(command: EngineCommand): void {
    if (command.type === 'decision') this.decisions++;
  }

  onOrderEvent(event: OrderEvent): void {
    this.orderIds.add(event.orderId);
    if (event.type !== 'OrderFilled') return;
    this.fills++;
    const { symbol, side, quantity } = event.fill;
    const held = this.fillsBySymbol.get(symbol);
    if (held) held.push(event.fill);
    else this.fillsBySymbol.set(symbol, [event.fill]);
    const next = (this.quantities.get(symbol) ?? 0) + (side === 'buy' ? quantity : -quantity);
    if (next === 0) this.quantities.delete(symbol);
    else this.quantities.set(symbol, next);
  }

  /** The fills in `symbol` after the first `from`. */
  fillsOf(symbol: string, from = 0): Fill[] {
    return this.fillsBySymbol.get(symbol)?.slice(from) ?? [];
  }

  /** Symbols with a fill, sorted. */
  tradedSymbols(): string[] {
    return [...this.fillsBySymbol.keys()].sort();
  }

  view(): ReplayAccountView {
    return {
      decisions: this.decisions,
      orders: this.orderIds.size,
      fills: this.fills,
      positions: [...this.quantities.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([symbol, quantity]) => ({ symbol, quantity })),
    };
  }
}

export const EMPTY_ACCOUNT: ReplayAccountView = { decisions: 0, orders: 0, fills: 0, positions: [] };
