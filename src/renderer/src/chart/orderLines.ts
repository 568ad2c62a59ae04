import type { AttachedGroupView, OrderView, PositionView } from '../../../shared/api/views';

/** Statuses of an order still working at the broker: what gets a line. */
const WORKING = new Set(['new', 'submitted', 'accepted', 'partiallyFilled']);

/**
 * One horizontal line on the chart's price scale: a working order, a TP/SL leg of an attached group,
 * or the position's average. Orders and legs can be dragged; the position line cannot.
 */
export interface OrderLine {
  readonly id: string;
  /** Price units. */
  readonly price: number;
  readonly label: string;
  readonly color: string;
  readonly target:
    | { readonly kind: 'order'; readonly orderId: string; readonly field: 'limitPrice' | 'stopPrice' }
    | { readonly kind: 'leg'; readonly groupId: string; readonly legId: string }
    | { readonly kind: 'position' };
}

export const LINE_COLORS = {
  buy: '#2f81f7',
  sell: '#f0883e',
  takeProfit: '#3fb950',
  stopLoss: '#f85149',
  position: '#d2a8ff',
} as const;

/**
 * Every line for `symbol`: working orders not already drawn as a group's leg, the live TP/SL legs
 * of attached groups, and the manual position's average price.
 */
export function orderLines(
  symbol: string,
  orders: readonly OrderView[],
  groups: readonly AttachedGroupView[],
  position: PositionView | undefined,
): OrderLine[] {
  const lines: OrderLine[] = [];
  const legOrders = new Set<string>();
  for (const group of groups) {
    if (group.symbol !== symbol || group.state === 'done' || group.state === 'cancelled') continue;
    for (const leg of group.legs) {
      if (leg.state !== 'pending' && leg.state !== 'armed') continue;
      for (const orderId of leg.orderIds) legOrders.add(orderId);
      const role = leg.role === 'takeProfit' ? 'TP' : leg.role === 'stopLoss' ? 'SL' : leg.kind.toUpperCase();
      lines.push({
        id: `leg:${group.groupId}:${leg.legId}`,
        price: leg.price,
        // A leg waiting for its entry has no quantity yet: just its role.
        label: leg.openQuantity > 0 ? `${role} ${leg.openQuantity}` : role,
        color: leg.kind === 'limit' ? LINE_COLORS.takeProfit : LINE_COLORS.stopLoss,
        target: { kind: 'leg', groupId: group.groupId, legId: leg.legId },
      });
    }
  }
  for (const order of orders) {
    if (order.symbol !== symbol || !WORKING.has(order.status) || legOrders.has(order.orderId)) continue;
    const field = order.type === 'limit' ? 'limitPrice' : order.stopPrice !== undefined ? 'stopPrice' : null;
    const price = field === null ? undefined : order[field];
    if (field === null || price === undefined) continue;
    const open = order.quantity - order.filledQuantity;
    lines.push({
      id: `order:${order.orderId}`,
      price,
      label: `${order.side === 'buy' ? 'BUY' : 'SELL'} ${order.type === 'limit' ? 'LMT' : 'STP'} ${open}`,
      color: order.side === 'buy' ? LINE_COLORS.buy : LINE_COLORS.sell,
      target: { kind: 'order', orderId: order.orderId, field },
    });
  }
  if (position && position.quantity !== 0)
    lines.push({
      id: 'position',
      price: Math.round(position.averagePrice),
      label: `POS ${position.quantity > 0 ? '+' : ''}${position.quantity}`,
      color: LINE_COLORS.position,
      target: { kind: 'position' },
    });
  return lines;
}
