import type { InstrumentView } from '../../../shared/api/views';
import { useArm } from '../shell/armStore';
import { getApi, reportError, useWorkstation } from '../store';
import { exitTicks, lotLimit, parseLots, useLadderSettings, useLots } from './ladderSettings';

/** Orders this window sent, newest last: Esc cancels the newest one still working. */
const sentOrderIds: string[] = [];

export type EntryKind =
  | { readonly type: 'market' }
  | { readonly type: 'limit'; readonly price: number }
  | { readonly type: 'stop'; readonly price: number };

/** Why an opening action cannot go now, or null: ARM off, host away. */
function refusal(): string | null {
  const state = useWorkstation.getState();
  if (state.connection !== 'open') return 'the host is not connected';
  if (!useArm.getState().armed) return 'ARM is off: switch Arm on to trade';
  return null;
}

/** The price exits are measured from: the entry's own price, else the touch it would trade at. */
function entryReference(instrument: InstrumentView, side: 'buy' | 'sell', entry: EntryKind): number | null {
  if (entry.type !== 'market') return entry.price;
  const view = useWorkstation.getState().ladders[instrument.symbol];
  return (side === 'buy' ? view?.asks[0]?.price : view?.bids[0]?.price) ?? null;
}

/**
 * Opens or adds: market, limit at a row's price, or stop at a row's price, with the default exits
 * attached (a bracket, its stop-loss trailing when chosen) when TP/SL defaults are set. Refused
 * with a message while ARM is off or the lots are out of range for this instrument — the one gate
 * every opening click and key goes through.
 */
export async function placeEntry(
  instrument: InstrumentView,
  side: 'buy' | 'sell',
  entry: EntryKind,
): Promise<void> {
  const settings = useLadderSettings.getState();
  const lots = parseLots(useLots.getState().text, lotLimit(instrument, settings.maxLots));
  const refused = refusal() ?? lots.problem;
  if (refused || lots.lots === null) {
    reportError(`${side === 'buy' ? 'Buy' : 'Sell'} refused: ${refused ?? 'no lots'}`);
    return;
  }
  const quantity = lots.lots * instrument.lotSize;
  const reference = entryReference(instrument, side, entry);
  const ticks = (value: number | null): number | undefined =>
    value === null ? undefined : (exitTicks(value, settings.exitUnit, instrument, reference) ?? undefined);
  const takeProfitTicks = ticks(settings.takeProfit);
  const stopLossTicks = ticks(settings.stopLoss);
  if (
    (settings.takeProfit !== null && takeProfitTicks === undefined) ||
    (settings.stopLoss !== null && stopLossTicks === undefined)
  ) {
    // Never an entry without the exits the trader set: a % distance needs a price to measure from.
    reportError(`${side === 'buy' ? 'Buy' : 'Sell'} refused: no price yet to measure the % exits from`);
    return;
  }
  const withExits = (takeProfitTicks !== undefined || stopLossTicks !== undefined) && entry.type !== 'stop';
  const api = getApi();
  try {
    if (withExits) {
      const result = await api.orders.placeBracket({
        symbol: instrument.symbol,
        side,
        quantity,
        entry: entry.type === 'limit' ? { type: 'limit', limitPrice: entry.price } : { type: 'market' },
        ...(takeProfitTicks !== undefined ? { takeProfitTicks } : {}),
        ...(stopLossTicks !== undefined ? { stopLossTicks, trailStopLoss: settings.trailing } : {}),
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
