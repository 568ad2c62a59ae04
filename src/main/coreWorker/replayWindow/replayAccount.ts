import type { ReplayAccountView } from '../../../shared/api/views';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
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

  onCommand(command: EngineCommand): void {
    if (command.type === 'decision') this.decisions++;
  }

  onOrderEvent(event: OrderEvent): void {
    this.orderIds.add(event.orderId);
    if (event.type !== 'OrderFilled') return;
    this.fills++;
    const { symbol, side, quantity } = event.fill;
    const next = (this.quantities.get(symbol) ?? 0) + (side === 'buy' ? quantity : -quantity);
    if (next === 0) this.quantities.delete(symbol);
    else this.quantities.set(symbol, next);
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
