import type { ClientOrderId } from '../../../shared/domain/ids';
import type { Instrument, OptionRight } from '../../../shared/domain/instrument';
import type { OrderRequest } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import type { PackName, RegimeName } from './config/schema';
import { SIGNAL_NAMES } from './config/schema';
import { lockDayIfNeeded } from './dayRisk';
import { buildIndicatorSnapshot } from './decisions/indicatorSnapshot';
import type { EngineState } from './engineState';
import { doKill } from './exitLoop';
import type { EntryCandidate, GateContext } from './gates';
import { evaluateGates } from './gates';
import type { ContractState } from './market/contractState';
import { marketableLimit } from './market/contractState';
import { positionMark } from './positions/enginePosition';
import { EngineOrder } from './orders/engineOrder';
import { sendOrder } from './orderTracking';
import { selectContract } from './selection/contractSelection';
import { selectUnderlying } from './selection/underlyingSelection';
import { sizeEntry } from './selection/sizing';
import { selectionInput } from './sessionTime';
import type { SignalResult } from './signals/signalResult';
import type {
  DecisionOutcome,
  GateVerdict,
  IndicatorSnapshot,
  SignalSnapshot,
  SizingSnapshot,
} from './types';

/**
 * The entry pipeline: the signal board's best candidate (throttled per signal and direction) →
 * contract selection → sizing → gates → a kill check at the last moment → the entry order, with a
 * decision record either way.
 */

function entriesAllowed(engine: EngineState): boolean {
  return !engine.killed && engine.currentMode !== 'off';
}

export function evaluateEntry(engine: EngineState, now: number, bookOnly = false): void {
  if (!entriesAllowed(engine)) return;
  const regime = engine.underlying.regime.regime;
  const best = engine.board.evaluate(now, regime, bookOnly);
  if (best === null) return;
  const key = SIGNAL_NAMES.indexOf(best.name) * 2 + (best.direction === 'bullish' ? 0 : 1);
  if (now - engine.lastCandidateUs[key] < engine.params.signals.candidateIntervalMs * 1000) return;
  engine.lastCandidateUs[key] = now;
  decideEntry(engine, now, best, regime);
}

function decideEntry(engine: EngineState, now: number, best: SignalResult, regime: RegimeName): void {
  const params = engine.params;
  const decisionId = engine.ids.next('decision');
  const signal = best.toSnapshot();
  const considered: SignalSnapshot[] = [];
  for (let i = 0; i < engine.board.firedCount; i++) considered.push(engine.board.fired[i].toSnapshot());
  const right: OptionRight = best.direction === 'bullish' ? 'CE' : 'PE';
  const pack = engine.router.packFor(regime, best.name) as PackName;
  const stopMultiplier = engine.router.stopMultiplier(pack);

  const traded = engine.underlyingContract;
  const short = traded !== null && right === 'PE';
  const selection =
    traded !== null
      ? selectUnderlying(traded, right, params.selection)
      : selectContract(selectionInput(engine, right, now));
  const contract = selection.contract;
  let sizing: SizingSnapshot | null = null;
  if (contract !== null) {
    sizing = sizeEntry({
      params: params.sizing,
      instrument: contract.instrument,
      premium: short ? contract.bid : contract.ask,
      // The hard stop is stated in premium percent; an underlying position moves moveScale× less.
      stopPercent:
        (params.exits.hardStop.stopLossPercent * stopMultiplier) /
        (traded !== null ? engine.underlyingTrading.moveScale : 1),
      ivPercentile: engine.optionsContext?.ivPercentile ?? null,
      pcr: engine.optionsContext?.pcr ?? null,
      direction: best.direction,
      packMultiplier: engine.router.sizeMultiplier(pack),
    });
  }
  const candidate: EntryCandidate = {
    direction: best.direction,
    right,
    score: best.confidence,
    signal: best.name,
    regime,
    pack,
    lots: sizing?.lots ?? 0,
  };
  const gates: GateVerdict[] = [
    contract === null
      ? {
          name: 'contractSelection',
          value: null,
          threshold: params.selection.targetDelta,
          verdict: 'block',
          detail: `no ${right} contract among ${selection.considered} considered: ${JSON.stringify(selection.rejected)}`,
        }
      : {
          name: 'contractSelection',
          value: contract.instrument.symbol,
          threshold: params.selection.targetDelta,
          verdict: 'pass',
        },
  ];
  if (sizing !== null) {
    gates.push({
      name: 'sizing',
      value: sizing.lots,
      threshold: 1,
      verdict: sizing.lots >= 1 ? 'pass' : 'block',
    });
  }
  // The snapshot comes before the gates: the warm-up gate judges exactly what the record will show.
  const indicators = buildIndicatorSnapshot(now, params, engine.underlying, engine.index, contract);
  const gateContext = buildGateContext(engine, now, contract, indicators);
  const verdicts = evaluateGates(candidate, gateContext);
  for (const verdict of verdicts) gates.push(verdict);
  const blockedBy: string[] = [];
  for (const verdict of gates) if (verdict.verdict === 'block') blockedBy.push(verdict.name);
  lockDayIfNeeded(engine, now);

  let outcome: DecisionOutcome =
    blockedBy.length > 0 ? 'blocked' : engine.currentMode === 'shadow' ? 'shadow' : 'placed';
  // Shadow paces exactly as paper: a would-be entry counts against the per-minute, per-day and regime
  // budgets as a sent order does, so shadow shows the trades paper would have made, not every signal.
  if (outcome === 'shadow') engine.risk.recordEntry(now, regime);
  const orders: string[] = [];
  if (outcome === 'placed' && contract !== null && sizing !== null) {
    // Last look before an order leaves: a kill pulled mid-decision (another thread's flag) wins.
    if (engine.killed || (engine.killFlag !== undefined && Atomics.load(engine.killFlag, 0) !== 0)) {
      if (!engine.killed) doKill(engine, now, 'kill flag raised');
      outcome = 'blocked';
      blockedBy.push('killSwitch');
      gates.push({
        name: 'killSwitch',
        value: 'killed',
        threshold: null,
        verdict: 'block',
        detail: 'kill switch pulled during the decision',
      });
    } else {
      const clientOrderId = engine.ids.next('order');
      const order = new EngineOrder(
        clientOrderId,
        decisionId,
        'entry',
        contract.instrument.symbol,
        right,
        sizing.quantity,
        now,
        params.entry.timeInForce,
        best.name,
        regime,
        pack,
        stopMultiplier,
      );
      order.short = short;
      const request = entryRequest(engine, contract, sizing.quantity, short, decisionId, clientOrderId);
      order.limitPrice = request.limitPrice ?? NaN;
      order.referencePrice = short ? contract.bid : contract.ask;
      order.mode = engine.currentMode === 'live' ? 'live' : 'paper';
      engine.risk.recordEntry(now, regime);
      orders.push(clientOrderId);
      sendOrder(engine, order, 'entry', engine.currentMode, request, now);
    }
  }
  engine.record({
    decisionId,
    kind: 'entry',
    tsEvent: now as TimestampUs,
    mode: engine.currentMode,
    underlying: engine.underlyingSymbol,
    symbol: contract?.instrument.symbol ?? null,
    right,
    outcome,
    signal,
    signalsConsidered: considered,
    score: best.confidence,
    regime,
    packs: engine.router.packs(regime),
    gates,
    blockedBy,
    selection: selection.snapshot,
    sizing,
    exit: null,
    indicators,
    optionsContext: engine.optionsContext,
    preset: engine.preset,
    orders,
  });
}

function buildGateContext(
  engine: EngineState,
  now: number,
  contract: ContractState<Instrument> | null,
  snapshot: IndicatorSnapshot,
): GateContext {
  let lotsOnSymbol = 0;
  let positionOnSymbol: GateContext['positionOnSymbol'] = null;
  let openLots = 0;
  const lotsOnRight = { CE: 0, PE: 0 };
  for (const position of engine.positions) {
    const lots = position.quantity / position.instrument.lotSize;
    openLots += lots;
    lotsOnRight[position.right] += lots;
    if (contract === null || position.symbol !== contract.instrument.symbol) continue;
    lotsOnSymbol += lots;
    const mark = positionMark(position, contract, engine.params.exits.markPrice);
    positionOnSymbol = {
      lots: lotsOnSymbol,
      movePercent: Number.isFinite(mark) ? position.movePercent(mark) : -Infinity,
    };
  }
  let pendingEntries = 0;
  for (const order of engine.workingOrders) {
    if (order.purpose !== 'entry') continue;
    pendingEntries++;
    const instrument = engine.contracts.get(order.symbol)?.instrument;
    const lots = (order.quantity - order.filledQuantity) / (instrument?.lotSize ?? 1);
    openLots += lots;
    if (instrument !== undefined && 'right' in instrument) lotsOnRight[instrument.right] += lots;
  }
  return {
    nowUs: now,
    params: engine.params,
    session: engine.session,
    underlying: engine.underlying,
    underlyingDecimals: engine.underlyingInstrument.priceDecimals,
    index: engine.index,
    indexIsUnderlying: engine.index === engine.underlying,
    contract,
    tradesUnderlying: engine.underlyingContract !== null,
    minScoreOffset: engine.adaptation?.minScoreOffset(engine.underlying.regime.regime) ?? 0,
    optionsContext: engine.optionsContext,
    marketDataOutage: engine.marketDataOutage,
    risk: engine.risk,
    openPositions: engine.positions.length,
    pendingEntries,
    lotsOnSymbol,
    positionOnSymbol,
    openLots,
    lotsOnRight,
    snapshot,
  };
}

function entryRequest(
  engine: EngineState,
  contract: ContractState<Instrument>,
  quantity: number,
  short: boolean,
  decisionId: string,
  clientOrderId: string,
): OrderRequest {
  const entry = engine.params.entry;
  const side = short ? 'sell' : 'buy';
  if (entry.orderType === 'market') {
    return {
      symbol: contract.instrument.symbol,
      side,
      type: 'market',
      quantity,
      timeInForce: entry.timeInForce,
      source: 'auto',
      clientOrderId: clientOrderId as ClientOrderId,
      tag: decisionId,
    };
  }
  const limit = marketableLimit(contract, short, entry.offsetTicks);
  return {
    symbol: contract.instrument.symbol,
    side,
    type: 'limit',
    quantity,
    limitPrice: limit as Price,
    timeInForce: entry.timeInForce,
    source: 'auto',
    clientOrderId: clientOrderId as ClientOrderId,
    tag: decisionId,
  };
}
