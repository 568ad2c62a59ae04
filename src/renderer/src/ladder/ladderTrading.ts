import type { InstrumentView } from '../../../shared/api/views';
import { useArm } from '../shell/armStore';
import { getApi, reportError, useWorkstation } from '../store';
import { useLadderSettings, useLots } from './ladderSettings';

/** Orders this window sent, newest last: Esc cancels the newest one still working. */
const sentOrderIds: string[] = [];

export type EntryKind =
  | { readonly type: 'market' }
  | { readonly type: 'limit'; readonly price: number }
  | { readonly type: 'stop'; readonly price: number };

/** Why an opening action cannot go now, or null: ARM off, host away, lots field invalid. */
function refusal(): string | null {
  const state = useWorkstation.getState();
  if (state.connection !== 'open') return 'the host is not connected';
  if (!useArm.getState().armed) return 'ARM is off: switch Arm on to trade';
  return useLots.getState().problem;
}

/**
 * Opens or adds: market, limit at a row's price, or stop at a row's price, with the default exits
 * attached (a bracket) when TP/SL defaults are set. Refused with a message while ARM is off — the
 * one gate every opening click and key goes through.
 */
export async function placeEntry(
  instrument: InstrumentView,
  side: 'buy' | 'sell',
  entry: EntryKind,
): Promise<void> {
  const refused = refusal();
  if (refused) {
    reportError(`${side === 'buy' ? 'Buy' : 'Sell'} refused: ${refused}`);
    return;
  }
  const lots = useLots.getState().lots ?? 1;
  const quantity = lots * instrument.lotSize;
  const { takeProfitTicks, stopLossTicks } = useLadderSettings.getState();
  const withExits = (takeProfitTicks !== null || stopLossTicks !== null) && entry.type !== 'stop';
  const api = getApi();
  try {
    if (withExits) {
      const result = await api.orders.placeBracket({
        symbol: instrument.symbol,
        side,
        quantity,
        entry: entry.type === 'limit' ? { type: 'limit', limitPrice: entry.price } : { type: 'market' },
        ...(takeProfitTicks !== null ? { takeProfitTicks } : {}),
        ...(stopLossTicks !== null ? { stopLossTicks } : {}),
        timeInForce: entry.type === 'market' ? 'IOC' : 'DAY',
      });
      sentOrderIds.push(...result.orderIds);
      if (result.status === 'rejected')
        reportError(`order rejected: ${result.rejectReason ?? 'no reason given'}`);
      else useWorkstation.setState({ lastError: null });
      return;
    }
    const result = await api.orders.place({
      symbol: instrument.symbol,
      side,
      quantity,
      ...(entry.type === 'market'
        ? { type: 'market', timeInForce: 'IOC' }
        : entry.type === 'limit'
          ? { type: 'limit', limitPrice: entry.price, timeInForce: 'DAY' }
          : { type: 'stop', stopPrice: entry.price, timeInForce: 'DAY' }),
    });
    if (result.orderId) sentOrderIds.push(result.orderId);
    if (result.status === 'rejected')
      reportError(`order rejected: ${result.rejectReason ?? 'no reason given'}`);
    else useWorkstation.setState({ lastError: null });
  } catch (error) {
    reportError(error);
  }
}

export function cancelOrder(orderId: string): void {
  getApi()
    .orders.cancel({ orderId })
    .then(({ cancelled }) => {
      if (!cancelled) reportError(`order ${orderId} was already done`);
    }, reportError);
}

/** Esc: cancels the newest order this window sent that is still working. */
export function cancelLastOrder(): void {
  const orders = useWorkstation.getState().orders;
  const working = new Set(['new', 'submitted', 'accepted', 'partiallyFilled']);
  for (let index = sentOrderIds.length - 1; index >= 0; index--) {
    const order = orders[sentOrderIds[index]];
    if (order && working.has(order.status)) {
      cancelOrder(order.orderId);
      return;
    }
  }
  useWorkstation.setState({ lastAction: 'Esc: no working order of this window to cancel' });
}

/** Dragging an order to another row: the OMS amends it (same id); a stop moves its trigger. */
export function moveOrder(orderId: string, type: string, price: number): void {
  if (!useArm.getState().armed) {
    reportError('Move refused: ARM is off (a moved order can fill at once)');
    return;
  }
  getApi()
    .orders.modify(type === 'limit' ? { orderId, limitPrice: price } : { orderId, stopPrice: price })
    .then(() => useWorkstation.setState({ lastError: null }), reportError);
}

/** Dragging a TP/SL marker: moves the leg (its resting order, if any, is amended by the OMS). */
export function moveLeg(groupId: string, legId: string, price: number): void {
  getApi()
    .orders.modifyLeg({ groupId, legId, price })
    .then(() => useWorkstation.setState({ lastError: null }), reportError);
}

export function cancelGroup(groupId: string): void {
  getApi()
    .orders.cancelGroup({ groupId })
    .then(({ cancelled }) => {
      if (!cancelled) reportError(`group ${groupId} was already done`);
    }, reportError);
}
