import type { Symbol } from '../../../shared/domain/ids';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { EngineState } from './engineState';
import { evaluateEntry } from './entryPipeline';
import { markPositions } from './dayRisk';
import { doKill, evaluateExits } from './exitLoop';
import { captureEntryContext, onOrderBound, onOrderEvent } from './orderTracking';
import { EnginePosition, positionMark } from './positions/enginePosition';
import { onTimed } from './sessionTime';
import type { EngineControlEvent, EngineEvent } from './types';

/** Dispatch: routes each event to the state it updates and then to exits and entries, in that order. */

export function dispatchEvent(engine: EngineState, event: EngineEvent, now: number): void {
  switch (event.type) {
    case 'trade':
    case 'quote':
    case 'depth':
    case 'index':
    case 'bar':
      onMarketEvent(engine, event, now);
      return;
    case 'clock':
      onTimed(engine, now);
      evaluateExits(engine, now);
      evaluateEntry(engine, now);
      return;
    case 'optionsContext':
      engine.optionsContext = engine.ivHistory.observe(event.context);
      evaluateExits(engine, now);
      return;
    case 'contractStats': {
      const contract = engine.contracts.get(event.symbol);
      if (contract !== undefined) contract.onStats(event);
      return;
    }
    case 'orderBound':
      onOrderBound(engine, event.clientOrderId, event.orderId);
      return;
    case 'OrderSubmitted':
    case 'OrderAccepted':
    case 'OrderRejected':
    case 'OrderFilled':
    case 'OrderCancelled':
    case 'OrderExpired':
    case 'OrderModified':
      onOrderEvent(engine, event, now);
      evaluateExits(engine, now);
      return;
    default:
      onControl(engine, event, now);
  }
}

function onMarketEvent(engine: EngineState, event: MarketEvent, now: number): void {
  const symbol = event.symbol as string;
  let drivesSignals = false;
  let bookOnly = false;
  if (symbol === engine.underlyingSymbol || symbol === engine.indexSymbol) {
    const state = symbol === engine.underlyingSymbol ? engine.underlying : engine.index;
    switch (event.type) {
      case 'trade':
        state.onTrade(event);
        break;
      case 'index':
        state.onIndexValue(event.tsEvent, event.value);
        break;
      case 'quote':
        state.onQuote(event);
        break;
      case 'depth':
        state.onDepth(event);
        break;
      default:
        return; // bars: the engine builds its own from the tape
    }
    drivesSignals = state === engine.underlying;
    bookOnly = event.type === 'quote' || event.type === 'depth';
    // Trading the underlying: the same events are its contract's quote, book and prints.
    const traded = engine.underlyingContract;
    if (traded !== null && state === engine.underlying) {
      if (event.type === 'quote') traded.onQuote(event);
      else if (event.type === 'depth') traded.onDepth(event);
      else if (event.type === 'trade') traded.onTrade(event);
    }
  } else {
    const contract = engine.contracts.get(symbol);
    if (contract === undefined) return;
    if (event.type === 'quote') contract.onQuote(event);
    else if (event.type === 'depth') contract.onDepth(event);
    else if (event.type === 'trade') contract.onTrade(event);
  }
  if (now - engine.lastTimedUs >= engine.evaluationIntervalUs) onTimed(engine, now);
  if (engine.positions.length > 0) evaluateExits(engine, now);
  if (drivesSignals) evaluateEntry(engine, now, bookOnly);
}

function onControl(engine: EngineState, event: EngineControlEvent, now: number): void {
  switch (event.type) {
    case 'setMode': {
      const previous = engine.currentMode;
      engine.currentMode = event.mode;
      engine.alert(now, 'info', 'modeChanged', `mode ${previous} → ${event.mode}`);
      return;
    }
    case 'killSwitch':
      if (!engine.killed) doKill(engine, now, event.reason);
      return;
    case 'marketDataState':
      if (engine.marketDataOutage === event.outage) return;
      engine.marketDataOutage = event.outage;
      engine.alert(
        now,
        'info',
        'marketData',
        event.outage === null ? 'market data live again' : `market data ${event.outage}: no new entries`,
      );
      return;
    case 'rearm':
      engine.killed = false;
      if (engine.killFlag !== undefined) Atomics.store(engine.killFlag, 0, 0);
      engine.alert(now, 'info', 'rearmed', 'kill switch released: the engine may enter again');
      return;
    case 'setSideEnabled':
      if (event.right === 'CE') engine.risk.callsEnabled = event.enabled;
      else engine.risk.putsEnabled = event.enabled;
      engine.alert(
        now,
        event.enabled ? 'info' : 'warning',
        'sideKillSwitch',
        `${event.right} entries ${event.enabled ? 'enabled' : 'stopped'}`,
      );
      return;
    case 'handOver':
      takeOver(engine, now, event.symbol, event.position);
      return;
    case 'handBack':
      giveBack(engine, now, event.symbol);
      return;
  }
}

/**
 * The trader takes back what the engine holds in `symbol`. The engine's exits are its own rules (stop,
 * trailing stop, take-profit, time exit) fired as IOC orders, so nothing rests at the broker to cancel:
 * dropping the position from `positions` is what stops every later exit. Refused (an alert, nothing
 * changed) when it holds nothing there, or an exit or entry of the symbol is still working — an exit
 * in flight would close what the trader takes, and an entry's late fill would open a new engine position.
 */
function giveBack(engine: EngineState, now: number, symbol: Symbol): void {
  const held = engine.positions.filter((position) => position.symbol === symbol);
  const refused =
    held.length === 0
      ? 'the engine holds no position in it'
      : held.some((position) => position.exitOrderId !== null)
        ? 'an engine exit of it is in flight; try again once it has been answered'
        : engine.workingOrders.some((order) => order.symbol === symbol && order.purpose === 'entry')
          ? 'an engine entry in it is still working'
          : null;
  if (refused !== null) {
    engine.alert(now, 'warning', 'handBackRefused', `cannot hand ${symbol} back: ${refused}`);
    return;
  }
  let quantity = 0;
  let notional = 0;
  let unrealised = 0;
  for (const position of held) {
    const mark = positionMark(position, engine.contracts.get(symbol), engine.params.exits.markPrice);
    if (mark === mark)
      unrealised += (mark - position.averagePrice) * position.quantity * position.moneyPerUnit;
    engine.positions.splice(engine.positions.indexOf(position), 1);
    // Charges it paid stay in the engine's day; the trade is the trader's now, so no win or loss is counted.
    if (position.ownership === 'auto') engine.risk.realisedPnl += position.realisedPnl;
    const signed = position.sign * position.quantity;
    quantity += signed;
    notional += signed * position.toMarketPrice(position.averagePrice);
  }
  // The engine now sees it as a manual position, which the trader may hand over again.
  const manual = engine.manualPositions.get(symbol) ?? { quantity: 0, notional: 0 };
  engine.manualPositions.set(symbol, {
    quantity: manual.quantity + quantity,
    notional: manual.notional + notional,
  });
  // The hand-back itself is no give-back: the day's peak moves with the P&L that left, so the
  // drawdown the peak-to-trough gate reads stays what it was.
  const peak = engine.risk.peakDayPnl;
  markPositions(engine);
  engine.risk.peakDayPnl = Math.max(peak - unrealised, engine.risk.dayPnl);
  engine.alert(
    now,
    'info',
    'handBack',
    `${symbol} (${quantity} @ ${Math.round((notional / quantity) * 100) / 100}) taken back by the trader: the engine no longer manages it`,
  );
}

function takeOver(
  engine: EngineState,
  now: number,
  symbol: Symbol,
  given?: { quantity: number; averagePrice: number },
): void {
  const contract = engine.contracts.get(symbol);
  const manual = engine.manualPositions.get(symbol);
  const quantity = given?.quantity ?? manual?.quantity ?? 0;
  const averagePrice =
    given?.averagePrice ??
    (manual !== undefined && manual.quantity !== 0 ? manual.notional / manual.quantity : 0);
  if (engine.currentMode !== 'paper' && engine.currentMode !== 'live') {
    engine.alert(
      now,
      'warning',
      'handOverRefused',
      `cannot take over ${symbol} in ${engine.currentMode} mode: its exits would send no orders`,
    );
    return;
  }
  if (contract === undefined || quantity <= 0 || !(averagePrice > 0)) {
    engine.alert(
      now,
      'warning',
      'handOverRefused',
      `cannot take over ${symbol}: the engine manages long ${engine.underlyingContract === null ? 'option positions on ' : 'positions in '}${engine.underlyingSymbol} only`,
    );
    return;
  }
  if (engine.positions.some((position) => position.symbol === symbol && position.ownership === 'handedOver'))
    return;
  const position = new EnginePosition(
    symbol,
    contract.instrument,
    'handedOver',
    engine.ids.next('handover'),
    null,
    engine.underlying.regime.regime,
    1,
    undefined,
    engine.underlyingTrading.moveScale,
  );
  position.routeMode = engine.currentMode;
  position.addFill(quantity, averagePrice, now);
  const mark = positionMark(position, contract, engine.params.exits.markPrice);
  if (mark > position.peakPrice) position.peakPrice = mark;
  captureEntryContext(engine, position, contract);
  engine.positions.push(position);
  engine.manualPositions.delete(symbol);
  engine.alert(
    now,
    'info',
    'handOver',
    `${symbol} (${quantity} @ ${averagePrice}) handed over to the engine's exits`,
  );
  evaluateExits(engine, now);
}
