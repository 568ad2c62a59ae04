import type { ClientOrderId } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderRequest } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import { lockDayIfNeeded, markPositions } from './dayRisk';
import { buildIndicatorSnapshot } from './decisions/indicatorSnapshot';
import type { EngineState } from './engineState';
import { EXIT_RULES } from './exits';
import { greeksTrailFactor } from './exits/greeksTrail';
import type { ContractState } from './market/contractState';
import { isOptionContract } from './market/contractState';
import { EngineOrder } from './orders/engineOrder';
import { cancelEntry, sendOrder } from './orderTracking';
import type { EnginePosition } from './positions/enginePosition';
import { positionMark } from './positions/enginePosition';
import { minorToMajor } from './risk/money';
import { contractDelta } from './selection/contractSelection';
import { selectionInput } from './sessionTime';
import type { ExitSnapshot } from './types';

/**
 * The exit loop: every engine position is marked and run through the exit rules in order; the first
 * rule that fires sends a reduce-only IOC exit and records its decision. The kill switch lives here
 * too, since pulling it is cancelling entries and forcing every position through this loop.
 */

const SECOND_US = 1_000_000;

export function evaluateExits(engine: EngineState, now: number): void {
  const positions = engine.positions;
  if (positions.length === 0) {
    engine.risk.updateDayPnl(0);
    return;
  }
  const context = engine.exitContext;
  context.nowUs = now;
  context.optionsContext = engine.optionsContext;
  context.session = engine.session;
  context.killed = engine.killed;
  markPositions(engine);
  lockDayIfNeeded(engine, now);
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    if (position.exitOrderId !== null) continue;
    if (
      position.lastExitAttemptUs >= 0 &&
      now - position.lastExitAttemptUs < engine.params.exits.retryMs * 1000
    )
      continue;
    const contract = engine.contracts.get(position.symbol) ?? null;
    context.contract = contract;
    context.mark = positionMark(position, contract, engine.params.exits.markPrice);
    context.moneyPerUnit = position.moneyPerUnit;
    if (
      engine.params.exits.greeksTrail.enabled &&
      now - position.trailFactorUs >= SECOND_US &&
      contract !== null
    ) {
      refreshTrailFactor(engine, position, contract, now);
    }
    for (let r = 0; r < EXIT_RULES.length; r++) {
      const rule = EXIT_RULES[r];
      if (rule.check(position, context, engine.probe)) {
        exitPosition(engine, now, position, rule.name, contract, context.mark);
        break;
      }
    }
  }
}

function refreshTrailFactor(
  engine: EngineState,
  position: EnginePosition,
  contract: ContractState<Instrument>,
  now: number,
): void {
  position.trailFactorUs = now;
  // The greeks trail is an option's: an underlying position keeps the preset's distances.
  if (!isOptionContract(contract)) return;
  let delta = contract.delta;
  if (!Number.isFinite(delta) && engine.underlying.lastPrice > 0)
    delta = contractDelta(contract, selectionInput(engine, position.right, now));
  position.trailFactor = greeksTrailFactor(
    delta,
    engine.optionsContext?.ivPercentile ?? null,
    engine.params.exits.greeksTrail,
  );
}

function exitPosition(
  engine: EngineState,
  now: number,
  position: EnginePosition,
  rule: string,
  contract: ContractState<Instrument> | null,
  mark: number,
): void {
  const decisionId = engine.ids.next('decision');
  const orders: string[] = [];
  position.exitRule = rule;
  position.exitDecisionId = decisionId;
  position.lastExitAttemptUs = now;
  // Positions only exist from real fills, so their exits are always real orders, routed where the
  // position was opened, whatever the mode is now (switching to shadow or off never strands one).
  const clientOrderId = engine.ids.next('order');
  const order = new EngineOrder(
    clientOrderId,
    decisionId,
    'exit',
    position.symbol,
    position.right,
    position.quantity,
    now,
    'IOC',
    position.signal,
    position.regime,
    null,
    position.stopMultiplier,
  );
  order.short = position.short;
  position.exitOrderId = clientOrderId;
  orders.push(clientOrderId);
  const request = exitRequest(engine, position, contract, decisionId, clientOrderId);
  order.referencePrice =
    contract !== null && contract.hasQuote ? (position.short ? contract.ask : contract.bid) : NaN;
  sendOrder(engine, order, 'exit', position.routeMode, request, now);
  const exit: ExitSnapshot = {
    rule,
    value: engine.probe.value,
    threshold:
      typeof engine.probe.threshold === 'number'
        ? Math.round(engine.probe.threshold * 10_000) / 10_000
        : engine.probe.threshold,
    trailingStage: position.trailingStage,
    // Prices in market units (an underlying position keeps its own price space: positions/enginePosition.ts).
    stopPrice: Number.isFinite(position.trailingStopPrice)
      ? Math.round(position.toMarketPrice(position.trailingStopPrice) * 100) / 100
      : null,
    entryPrice: position.toMarketPrice(position.averagePrice),
    markPrice: Number.isFinite(mark) ? position.toMarketPrice(mark) : null,
    quantity: position.quantity,
    unrealisedPnl: Number.isFinite(mark)
      ? minorToMajor((mark - position.averagePrice) * position.quantity * position.moneyPerUnit)
      : 0,
    heldMs: (now - position.entryUs) / 1000,
  };
  engine.record({
    decisionId,
    kind: 'exit',
    tsEvent: now as TimestampUs,
    mode: engine.currentMode,
    underlying: engine.underlyingSymbol,
    symbol: position.symbol,
    right: position.right,
    outcome: 'exit',
    signal: null,
    signalsConsidered: [],
    score: 0,
    regime: engine.underlying.regime.regime,
    packs: engine.router.packs(engine.underlying.regime.regime),
    gates: [],
    blockedBy: [],
    selection: null,
    sizing: null,
    exit,
    indicators: buildIndicatorSnapshot(now, engine.params, engine.underlying, engine.index, contract),
    optionsContext: engine.optionsContext,
    preset: engine.preset,
    orders,
  });
}

function exitRequest(
  engine: EngineState,
  position: EnginePosition,
  contract: ContractState<Instrument> | null,
  decisionId: string,
  clientOrderId: string,
): OrderRequest {
  const exits = engine.params.exits;
  const base = {
    symbol: position.symbol,
    side: position.short ? ('buy' as const) : ('sell' as const),
    quantity: position.quantity,
    reduceOnly: true,
    // A handed-over position is still the trader's (manual) position: its exit must reduce that
    // position, not the engine's own in the same contract.
    source: position.ownership === 'handedOver' ? ('manual' as const) : ('auto' as const),
    clientOrderId: clientOrderId as ClientOrderId,
    tag: decisionId,
  };
  const tick = position.instrument.tickUnits;
  const touch = contract === null ? NaN : position.short ? contract.ask : contract.bid;
  if (exits.orderType === 'market' || !(touch > 0)) {
    return { ...base, type: 'market', timeInForce: 'IOC' };
  }
  const limit = position.short
    ? Math.ceil(touch / tick) * tick + exits.offsetTicks * tick
    : Math.max(tick, Math.floor(touch / tick) * tick - exits.offsetTicks * tick);
  return { ...base, type: 'limit', limitPrice: limit as Price, timeInForce: 'IOC' };
}

export function doKill(engine: EngineState, now: number, reason: string): void {
  engine.killed = true;
  engine.alert(
    now,
    'critical',
    'killSwitch',
    `kill switch: ${reason} — cancelling entries, flattening engine positions, engine stopped`,
  );
  for (let i = 0; i < engine.workingOrders.length; i++) {
    const order = engine.workingOrders[i];
    // Working exits are already flattening; cancelling them would race a second exit.
    if (order.purpose !== 'entry' || order.cancelRequested) continue;
    cancelEntry(engine, order, now, 'kill switch');
  }
  for (const position of engine.positions) position.lastExitAttemptUs = -1;
  evaluateExits(engine, now);
}
