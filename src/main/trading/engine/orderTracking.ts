import type { ClientOrderId } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { OrderRequest } from '../../../shared/domain/orders';
import type { TimestampUs } from '../../../shared/domain/time';
import { lockDayIfNeeded, markPositions } from './dayRisk';
import type { EngineState } from './engineState';
import type { ContractState } from './market/contractState';
import type { EngineOrder } from './orders/engineOrder';
import { EnginePosition } from './positions/enginePosition';
import type { EngineMode } from './types';

/**
 * Order tracking: the engine's own orders by client and broker id, their fills into engine positions,
 * rejects into the reject-rate pause, and manual fills (so a manual position can be handed over).
 */

/** Tracks an engine order and sends it (both paths, entry and exit, go through here). */
export function sendOrder(
  engine: EngineState,
  order: EngineOrder,
  purpose: 'entry' | 'exit',
  mode: EngineMode,
  request: OrderRequest,
  now: number,
): void {
  engine.orders.set(order.clientOrderId, order);
  engine.workingOrders.push(order);
  engine.emit({
    type: 'placeOrder',
    tsEvent: now as TimestampUs,
    clientOrderId: order.clientOrderId as ClientOrderId,
    decisionId: order.decisionId,
    purpose,
    mode,
    request,
  });
}

/** Asks the broker to cancel a working entry, once. */
export function cancelEntry(engine: EngineState, order: EngineOrder, now: number, reason: string): void {
  order.cancelRequested = true;
  engine.emit({
    type: 'cancelOrder',
    tsEvent: now as TimestampUs,
    orderId: order.clientOrderId,
    decisionId: order.decisionId,
    reason,
  });
}

export function onOrderBound(engine: EngineState, clientOrderId: string, orderId: string): void {
  const order = engine.orders.get(clientOrderId);
  if (order === undefined) return;
  order.bind();
  engine.orders.set(orderId, order);
}

export function onOrderEvent(engine: EngineState, event: OrderEvent, now: number): void {
  const order = engine.orders.get(event.orderId);
  if (order === undefined) {
    if (event.type === 'OrderFilled' && event.fill.source === 'manual') {
      const rest = closeHandedOverByTrader(engine, event.fill, now);
      if (rest > 0) trackManualFill(engine, { ...event, fill: { ...event.fill, quantity: rest } });
    }
    return;
  }
  switch (event.type) {
    case 'OrderAccepted':
      if (!order.accepted) {
        order.accepted = true;
        engine.risk.recordOrderOutcome(false);
      }
      return;
    case 'OrderFilled':
      onFill(engine, order, event, now);
      return;
    case 'OrderRejected':
      engine.risk.recordOrderOutcome(true);
      checkRejectRate(engine, now);
      engine.alert(
        now,
        'warning',
        'orderRejected',
        `${order.purpose} order ${order.clientOrderId} on ${order.symbol} rejected: ${event.reason}`,
      );
      onSliceTerminal(engine, order, event.orderId, now);
      return;
    case 'OrderCancelled':
    case 'OrderExpired':
      onSliceTerminal(engine, order, event.orderId, now);
      return;
    default:
      return;
  }
}

function checkRejectRate(engine: EngineState, now: number): void {
  const params = engine.params.gates.rejectRate;
  if (!params.enabled || engine.risk.recentRejects() < params.maxRejects) return;
  engine.risk.rejectPauseUntilUs = now + params.pauseMinutes * 60_000_000;
  engine.risk.clearOutcomes();
  engine.alert(
    now,
    'critical',
    'rejectRatePause',
    `${params.maxRejects} rejects in the last ${params.windowOrders} orders: entries paused for ${params.pauseMinutes} min`,
  );
}

/**
 * Realised slippage of a fill against the price the engine saw when it sent the order (adverse side
 * positive), for the slippage gate; a breach of its average pauses entries with an alert.
 */
function recordSlippage(engine: EngineState, order: EngineOrder, price: number, now: number): void {
  const reference = order.referencePrice;
  if (!(reference > 0)) return;
  // An entry buys and an exit sells, except for a short underlying position (the other way round).
  const buying = (order.purpose === 'entry') !== order.short;
  engine.risk.recordSlippage(((buying ? price - reference : reference - price) / reference) * 100);
  const params = engine.params.gates.slippage;
  if (!params.enabled || engine.risk.averageSlippagePercent() <= params.maxAveragePercent) return;
  if (now < engine.risk.slippagePauseUntilUs) return;
  engine.risk.slippagePauseUntilUs = now + params.pauseMinutes * 60_000_000;
  engine.alert(
    now,
    'warning',
    'slippagePause',
    `average slippage of the last fills above ${params.maxAveragePercent}%: entries paused for ${params.pauseMinutes} min`,
  );
  engine.risk.clearSlippage();
}

function onFill(
  engine: EngineState,
  order: EngineOrder,
  event: Extract<OrderEvent, { type: 'OrderFilled' }>,
  now: number,
): void {
  const fill = event.fill;
  order.filledQuantity += fill.quantity;
  order.filledNotional += fill.quantity * fill.price;
  recordSlippage(engine, order, fill.price, now);
  if (order.purpose === 'entry') {
    let position = engine.positions.find(
      (candidate) => candidate.symbol === order.symbol && candidate.ownership === 'auto',
    );
    if (position === undefined) {
      const contract = engine.contracts.get(order.symbol);
      if (contract === undefined) return;
      position = new EnginePosition(
        order.symbol,
        contract.instrument,
        'auto',
        order.decisionId,
        order.signal,
        order.regime,
        order.stopMultiplier,
        order.right,
        engine.underlyingTrading.moveScale,
      );
      position.routeMode = order.mode;
      position.adaptationArm = engine.adaptation?.armOf(order.regime) ?? -1;
      captureEntryContext(engine, position, contract);
      engine.positions.push(position);
    }
    position.addFill(fill.quantity, fill.price, fill.tsEvent);
    position.charges += fill.charges;
    position.realisedPnl -= fill.charges;
  } else {
    const position = engine.positions.find((candidate) => candidate.exitOrderId === order.clientOrderId);
    if (position !== undefined)
      reducePosition(engine, position, fill.quantity, fill.price, fill.charges, now);
  }
  if (order.filledQuantity >= order.quantity) completeOrder(engine, order, now);
}

export function captureEntryContext(
  engine: EngineState,
  position: EnginePosition,
  contract: ContractState<Instrument>,
): void {
  position.underlyingAtEntry = engine.underlying.lastPrice / 10 ** engine.underlyingInstrument.priceDecimals;
  position.spreadTicksAtEntry = contract.hasQuote ? contract.spreadTicks() : NaN;
  const options = engine.optionsContext;
  if (options !== null) {
    position.oiChangeCallAtEntry = options.oiChangeCE;
    position.oiChangePutAtEntry = options.oiChangePE;
    position.atmIvAtEntry = options.atmIV;
  }
}

function reducePosition(
  engine: EngineState,
  position: EnginePosition,
  quantity: number,
  price: number,
  charges: number,
  now: number,
): void {
  const closed = Math.min(quantity, position.quantity);
  const exitPrice = position.toPositionPrice(price);
  position.realisedPnl += (exitPrice - position.averagePrice) * closed * position.moneyPerUnit - charges;
  position.charges += charges;
  position.quantity -= closed;
  if (position.quantity > 0) return;
  const index = engine.positions.indexOf(position);
  if (index >= 0) engine.positions.splice(index, 1);
  engine.risk.recordClosedTrade(now, position.right, position.realisedPnl);
  adaptAfterTrade(engine, position, now);
  // Other positions stay open: the day's P&L is realised plus their marks, not realised alone.
  markPositions(engine);
  lockDayIfNeeded(engine, now);
}

/** A closed trade rewards its adaptation arm; a change of arm is journaled as an `adaptation` alert. */
function adaptAfterTrade(engine: EngineState, position: EnginePosition, now: number): void {
  if (engine.adaptation === null || position.ownership !== 'auto') return;
  const change = engine.adaptation.onTradeClosed(
    position.regime,
    position.adaptationArm,
    position.realisedPnl,
  );
  if (change === null) return;
  engine.emit({
    type: 'alert',
    tsEvent: now as TimestampUs,
    level: 'info',
    code: 'adaptation',
    message: `adaptation: ${change.parameter} ${change.from} → ${change.to} in ${change.regime} (bounds ${change.bounds[0]}–${change.bounds[1]}); ${change.reason}`,
    adaptation: change,
  });
}

function onSliceTerminal(engine: EngineState, order: EngineOrder, _orderId: string, now: number): void {
  order.openSlices--;
  if (order.openSlices > 0 && order.filledQuantity < order.quantity) return;
  completeOrder(engine, order, now);
}

function completeOrder(engine: EngineState, order: EngineOrder, now: number): void {
  const index = engine.workingOrders.indexOf(order);
  if (index < 0) return;
  engine.workingOrders.splice(index, 1);
  for (const [key, value] of engine.orders) if (value === order) engine.orders.delete(key);
  if (order.purpose === 'entry') {
    if (order.filledQuantity === 0) engine.risk.refundEntry(order.regime);
    return;
  }
  const position = engine.positions.find((candidate) => candidate.exitOrderId === order.clientOrderId);
  if (position !== undefined) {
    // Exit not (fully) filled: the position stays managed and the exit is retried after retryMs.
    position.exitOrderId = null;
    position.lastExitAttemptUs = now;
  }
}

/**
 * A trader's own sell (a flatten, a ladder click) of a position handed over to the engine closes that
 * much of it outside the engine: the engine lets go of what was sold, so it never sends exits for a
 * position that is gone (each would be refused as reduce-only, and retried). Handed-over positions
 * are long. Returns the quantity the fill did not close, which is the trader's own.
 */
function closeHandedOverByTrader(
  engine: EngineState,
  fill: Extract<OrderEvent, { type: 'OrderFilled' }>['fill'],
  now: number,
): number {
  if (fill.side !== 'sell') return fill.quantity;
  let rest = fill.quantity;
  for (const position of engine.positions.filter(
    (candidate) => candidate.symbol === fill.symbol && candidate.ownership === 'handedOver',
  )) {
    if (rest === 0) break;
    const closed = Math.min(rest, position.quantity);
    position.quantity -= closed;
    rest -= closed;
    if (position.quantity > 0) continue;
    engine.positions.splice(engine.positions.indexOf(position), 1);
    markPositions(engine);
    engine.alert(
      now,
      'info',
      'closedByTrader',
      `${fill.symbol} closed by the trader (${closed} sold): the engine no longer manages it`,
    );
  }
  return rest;
}

function trackManualFill(engine: EngineState, event: Extract<OrderEvent, { type: 'OrderFilled' }>): void {
  const fill = event.fill;
  const current = engine.manualPositions.get(fill.symbol) ?? { quantity: 0, notional: 0 };
  const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
  if (Math.sign(current.quantity + signed) !== Math.sign(current.quantity) && current.quantity !== 0) {
    current.quantity += signed;
    current.notional = current.quantity * fill.price;
  } else if (Math.abs(current.quantity + signed) > Math.abs(current.quantity)) {
    current.quantity += signed;
    current.notional += signed * fill.price;
  } else {
    const average = current.quantity === 0 ? 0 : current.notional / current.quantity;
    current.quantity += signed;
    current.notional = current.quantity * average;
  }
  if (current.quantity === 0) engine.manualPositions.delete(fill.symbol);
  else engine.manualPositions.set(fill.symbol, current);
}
