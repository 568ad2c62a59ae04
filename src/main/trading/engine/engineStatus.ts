import type { EngineStatus } from './engineContract';
import type { EngineState } from './engineState';
import { positionMark, TRAILING_STAGE_NAMES } from './positions/enginePosition';
import { minorToMajor } from './risk/money';

/** The engine's status for the auto-trade window: mode, regime, positions with marks, risk. Money in major units. */
export function engineStatus(engine: EngineState): EngineStatus {
  const markKind = engine.params.exits.markPrice;
  const regime = engine.underlying.regime.regime;
  return {
    mode: engine.currentMode,
    killed: engine.killed,
    regime,
    packs: engine.router.packs(regime),
    preset: engine.preset,
    workingOrders: engine.workingOrders.length,
    positions: engine.positions.map((position) => {
      const contract = engine.contracts.get(position.symbol);
      // Money from the position's own price space; prices shown in market units.
      const mark = positionMark(position, contract, markKind);
      return {
        symbol: position.symbol,
        right: position.right,
        ownership: position.ownership,
        quantity: position.quantity,
        averagePrice: position.toMarketPrice(position.averagePrice),
        markPrice: Number.isFinite(mark) ? position.toMarketPrice(mark) : null,
        unrealisedPnl: Number.isFinite(mark)
          ? minorToMajor((mark - position.averagePrice) * position.quantity * position.moneyPerUnit)
          : 0,
        trailingStage: position.trailingStage,
        trailingStageName: TRAILING_STAGE_NAMES[position.trailingStage],
        stopPrice: Number.isFinite(position.trailingStopPrice)
          ? position.toMarketPrice(position.trailingStopPrice)
          : null,
        exiting: position.exitOrderId !== null,
        entryDecisionId: position.entryDecisionId,
        entryUs: position.entryUs,
      };
    }),
    risk: {
      dayPnl: minorToMajor(engine.risk.dayPnl),
      realisedPnl: minorToMajor(engine.risk.realisedPnl),
      peakDayPnl: minorToMajor(engine.risk.peakDayPnl),
      tradesToday: engine.risk.tradesToday,
      consecutiveLosses: engine.risk.consecutiveLosses,
      dayLockedReason: engine.risk.dayLockedReason,
      callsEnabled: engine.risk.callsEnabled,
      putsEnabled: engine.risk.putsEnabled,
      regimeTrades: { ...engine.risk.regimeTrades },
    },
  };
}
