import type {
  AttachedGroupView,
  DecisionView,
  EngineStatusView,
  InstrumentView,
  PositionView,
} from '../../shared/api/views';
import type { Instrument } from '../../shared/domain/instrument';
import { isOption } from '../../shared/domain/instrument';
import type { PriceFormat } from '../../shared/domain/price';
import { asPrice } from '../../shared/domain/price';
import type { EngineStatus } from '../trading/engine/engine';
import { majorToMinor } from '../trading/engine/risk/money';
import type { DecisionRecord } from '../trading/engine/types';
import type { MarketState } from '../trading/market/marketState';
import type { AttachedGroupView as OmsGroupView } from '../trading/oms/attachedOrders';
import type { PositionBook } from '../trading/oms/positions';
import type { PositionOpenTimes } from './positionOpenTimes';
import { positionKey } from './positionOpenTimes';

/**
 * The core's state as windows see it. Every amount of money in a view is in the currency's minor
 * units (paise, cents) next to the currency it is in; only the renderer formats it.
 */

export function toInstrumentView(instrument: Instrument): InstrumentView {
  const base = {
    symbol: instrument.symbol,
    kind: instrument.kind,
    priceDecimals: instrument.priceDecimals,
    tickUnits: instrument.tickUnits,
    lotSize: instrument.lotSize,
    freezeQuantity: instrument.freezeQuantity,
    multiplier: instrument.multiplier,
    currency: instrument.currency,
  };
  return isOption(instrument)
    ? {
        ...base,
        underlying: instrument.underlying,
        expiry: instrument.expiry,
        strike: instrument.strike,
        right: instrument.right,
      }
    : base;
}

export function toDecisionView(record: DecisionRecord): DecisionView {
  return {
    decisionId: record.decisionId,
    kind: record.kind,
    tsEvent: record.tsEvent,
    symbol: record.symbol,
    outcome: record.outcome,
    signal: record.signal?.name ?? null,
    score: record.score,
    regime: record.regime,
    blockedBy: record.blockedBy,
    gates: record.gates.map((gate) => ({
      name: gate.name,
      verdict: gate.verdict,
      value: gate.value,
      threshold: gate.threshold,
    })),
    exitRule: record.exit?.rule ?? null,
  };
}

/**
 * The engine at a glance. The engine keeps its status money in major units (its presets state limits
 * that way); the view carries minor units like every other view, in the underlying's currency.
 */
export function toEngineStatusView(
  status: EngineStatus,
  context: { readonly underlying: string; readonly currency: string; readonly blockedBy: string | null },
): EngineStatusView {
  return {
    mode: status.mode,
    killed: status.killed,
    regime: status.regime,
    packs: status.packs,
    preset: status.preset,
    underlying: context.underlying,
    currency: context.currency,
    positions: status.positions.map((position) => ({
      symbol: position.symbol,
      ownership: position.ownership,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      unrealisedPnl: majorToMinor(position.unrealisedPnl),
      trailingStageName: position.trailingStageName,
      stopPrice: position.stopPrice,
    })),
    workingOrders: status.workingOrders,
    risk: {
      dayPnl: majorToMinor(status.risk.dayPnl),
      tradesToday: status.risk.tradesToday,
      consecutiveLosses: status.risk.consecutiveLosses,
      dayLockedReason: status.risk.dayLockedReason,
    },
    blockedBy: context.blockedBy,
  };
}

/**
 * An attached-order group as windows see it: the OMS's copy of the group (already a copy, made once
 * by the OMS) without its internal leg mode, plus the price format and the group's revision.
 */
export function toAttachedGroupView(
  group: OmsGroupView,
  format: PriceFormat,
  revision: number,
): AttachedGroupView {
  // `mode` is the OMS's own word for where a leg is held; windows get it as `emulated`.
  const legs = group.legs.map(({ mode: _mode, ...leg }) => leg);
  return {
    ...group,
    legs,
    emulated: legs.some((leg) => leg.emulated),
    priceDecimals: format.priceDecimals,
    tickUnits: format.tickUnits,
    revision,
  };
}

/**
 * The positions windows see, each marked at the price it could be closed at now: the bid for a
 * long, the ask for a short, the last trade only when that side has no quote (MarketState.exitMark).
 */
export function toPositionViews(
  book: PositionBook,
  market: MarketState,
  instrument: (symbol: string) => Instrument | undefined,
  openTimes: PositionOpenTimes,
): PositionView[] {
  const markSources = new Map<string, PositionView['markSource']>();
  for (const state of book.allStates()) {
    const quantity = book.quantity(state.symbol, state.source);
    if (quantity === 0) continue;
    const mark = market.exitMark(state.symbol, quantity);
    if (!mark) continue;
    book.put({ ...state, markPrice: asPrice(Math.round(mark.price)) });
    markSources.set(positionKey(state.symbol, state.source), mark.source);
  }
  return book.all().map((position) => {
    const known = instrument(position.symbol);
    const markPrice = book.state(position.symbol, position.source)?.markPrice ?? null;
    return {
      symbol: position.symbol,
      source: position.source,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      markPrice,
      realisedPnl: position.realisedPnl,
      unrealisedPnl: position.unrealisedPnl,
      charges: position.charges,
      priceDecimals: known?.priceDecimals ?? 2,
      currency: known?.currency ?? '',
      markSource:
        markSources.get(positionKey(position.symbol, position.source)) ??
        (markPrice === null ? null : 'last'),
      tsOpened: openTimes.get(position.symbol, position.source),
    };
  });
}
