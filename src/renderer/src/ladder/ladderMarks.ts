import type { AttachedGroupView, LadderView, OrderView } from '../../../shared/api/views';

const WORKING = new Set<OrderView['status']>(['new', 'submitted', 'accepted', 'partiallyFilled']);

/** One of my working orders as the ladder shows it, at the price it rests or triggers at. */
export interface OrderMark {
  readonly kind: 'order';
  readonly orderId: string;
  readonly side: 'buy' | 'sell';
  readonly type: OrderView['type'];
  readonly openQuantity: number;
  readonly price: number;
  readonly source: OrderView['source'];
  /** Only manual limit and stop orders that the broker has accepted can be dragged (modified). */
  readonly movable: boolean;
}

/** A take-profit or stop-loss leg of an attached group (dragging it moves the leg). */
export interface LegMark {
  readonly kind: 'leg';
  readonly groupId: string;
  readonly legId: string;
  readonly role: 'takeProfit' | 'stopLoss' | 'leg';
  readonly side: 'buy' | 'sell';
  readonly openQuantity: number;
  readonly price: number;
  readonly emulated: boolean;
  readonly movable: boolean;
}

export type LadderMark = OrderMark | LegMark;

/**
 * Everything of mine on one symbol's ladder, by price: resting orders, and TP/SL legs (a leg's own
 * resting orders show as the leg, so a drag moves the leg and the OMS amends its orders).
 */
export function marksByPrice(
  symbol: string,
  orders: Readonly<Record<string, OrderView>>,
  groups: Readonly<Record<string, AttachedGroupView>>,
): Map<number, LadderMark[]> {
  const marks = new Map<number, LadderMark[]>();
  const add = (mark: LadderMark): void => {
    const list = marks.get(mark.price);
    if (list) list.push(mark);
    else marks.set(mark.price, [mark]);
  };
  const legOrders = new Set<string>();
  for (const group of Object.values(groups)) {
    if (group.symbol !== symbol || (group.state !== 'active' && group.state !== 'pendingEntry')) continue;
    for (const leg of group.legs) {
      leg.orderIds.forEach((orderId) => legOrders.add(orderId));
      if (leg.state !== 'pending' && leg.state !== 'armed') continue;
      add({
        kind: 'leg',
        groupId: group.groupId,
        legId: leg.legId,
        role: leg.role,
        side: group.side,
        openQuantity: leg.openQuantity,
        price: leg.price,
        emulated: leg.emulated,
        movable: group.source === 'manual',
      });
    }
  }
  for (const order of Object.values(orders)) {
    if (order.symbol !== symbol || !WORKING.has(order.status) || legOrders.has(order.orderId)) continue;
    const price = order.type === 'limit' ? order.limitPrice : order.stopPrice;
    if (price === undefined) continue;
    add({
      kind: 'order',
      orderId: order.orderId,
      side: order.side,
      type: order.type,
      openQuantity: order.quantity - order.filledQuantity,
      price,
      source: order.source,
      movable:
        order.source === 'manual' &&
        (order.status === 'accepted' || order.status === 'partiallyFilled') &&
        order.type !== 'market',
    });
  }
  return marks;
}

/** Bid and ask size by price, volume traded at price by side, for O(1) lookups per row. */
export interface BookByPrice {
  readonly bids: Map<number, number>;
  readonly asks: Map<number, number>;
  readonly volume: Map<number, { readonly atBid: number; readonly atAsk: number }>;
  readonly maxVolume: number;
  readonly bestBid: number | null;
  readonly bestAsk: number | null;
}

export function bookByPrice(view: LadderView | undefined): BookByPrice {
  const bids = new Map<number, number>();
  const asks = new Map<number, number>();
  const volume = new Map<number, { atBid: number; atAsk: number }>();
  let maxVolume = 0;
  for (const level of view?.bids ?? []) bids.set(level.price, level.size);
  for (const level of view?.asks ?? []) asks.set(level.price, level.size);
  for (const entry of view?.volumeAtPrice ?? []) {
    volume.set(entry.price, entry);
    maxVolume = Math.max(maxVolume, entry.atBid + entry.atAsk);
  }
  return {
    bids,
    asks,
    volume,
    maxVolume,
    bestBid: view?.bids[0]?.price ?? null,
    bestAsk: view?.asks[0]?.price ?? null,
  };
}

/** Share of size on the bid across the top `levels` levels each side (0–1), null with an empty book. */
export function bidImbalance(view: LadderView | undefined, levels = 5): number | null {
  const bid = (view?.bids ?? []).slice(0, levels).reduce((sum, level) => sum + level.size, 0);
  const ask = (view?.asks ?? []).slice(0, levels).reduce((sum, level) => sum + level.size, 0);
  return bid + ask === 0 ? null : bid / (bid + ask);
}
