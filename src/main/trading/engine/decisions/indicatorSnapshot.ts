import type { EngineParams } from '../config/schema';
import { indexBiasOf } from '../gates/indexBias';
import type { BarSeries } from '../indicators/barSeries';
import type { Instrument } from '../../../../shared/domain/instrument';
import type { ContractState } from '../market/contractState';
import type { UnderlyingState } from '../market/underlyingState';
import { WINDOW_15S, WINDOW_30S, WINDOW_5S, WINDOW_60S, windowIndexOf } from '../market/underlyingState';
import type { BarStudySnapshot, ContractSnapshot, IndicatorSnapshot, VelocitySnapshot } from '../types';

/** Rounds for the record (8 significant decimals keep it exact enough and the JSON short); NaN → null. */
function num(value: number, decimals = 6): number | null {
  if (!Number.isFinite(value)) return null;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

function velocity(state: UnderlyingState, window: number): VelocitySnapshot {
  const change = state.changePercent(window);
  return {
    changePercent: num(change),
    direction: change > 0 ? 1 : change < 0 ? -1 : 0,
    speedTicksPerSecond: num(state.speedTicksPerSecond(window), 4),
  };
}

function studies(bars: BarSeries): BarStudySnapshot {
  return {
    emaFast: num(bars.emaFast.value, 4),
    emaSlow: num(bars.emaSlow.value, 4),
    atr: num(bars.atr.value, 4),
    rsi: num(bars.rsi.value, 4),
    bars: bars.closedCount,
  };
}

export function contractSnapshot(contract: ContractState<Instrument>): ContractSnapshot {
  const delta = Number.isFinite(contract.delta) ? contract.delta : contract.computedDelta;
  const gamma = Number.isFinite(contract.gamma) ? contract.gamma : contract.computedGamma;
  return {
    symbol: contract.instrument.symbol,
    bid: num(contract.bid),
    ask: num(contract.ask),
    spreadTicks: num(contract.spreadTicks(), 2),
    spreadPercent: num(contract.spreadPercent(), 4),
    spreadPercentile: num(contract.spreads.rank(contract.spreadTicks()), 2),
    openInterest: num(contract.openInterest, 0),
    depthLots: num(contract.depthLots(), 2),
    delta: num(delta, 4),
    gamma: num(gamma, 8),
    iv: num(contract.iv, 4),
  };
}

/**
 * The indicator snapshot stored with every decision (the "explainable decisions" principle). Built only when
 * a decision is recorded (allocation is fine here, not on the per-tick path). A field is null only when its
 * data does not exist yet (e.g. RSI before 14 bars, VWAP bands before any print).
 */
export function buildIndicatorSnapshot(
  nowUs: number,
  params: EngineParams,
  underlying: UnderlyingState,
  index: UnderlyingState,
  contract: ContractState<Instrument> | null,
): IndicatorSnapshot {
  const vwap = underlying.vwap.value;
  const sigma = underlying.vwap.deviation;
  const price = underlying.lastPrice;
  const pressureWindow = windowIndexOf(params.indicators.pressureWindowSeconds);
  const tickWindow = windowIndexOf(params.indicators.momentumTickWindowSeconds);
  const spikeAge = underlying.lastSpikeUs >= 0 ? (nowUs - underlying.lastSpikeUs) / 1000 : null;
  const sweepAge = underlying.sweeps.lastSweepUs >= 0 ? (nowUs - underlying.sweeps.lastSweepUs) / 1000 : null;
  const bias = indexBiasOf(
    index,
    params.gates.indexBias.windowSeconds,
    params.gates.indexBias.minChangePercent,
  );
  const regime = underlying.regime;
  return {
    price: num(price),
    velocity: {
      s5: velocity(underlying, WINDOW_5S),
      s15: velocity(underlying, WINDOW_15S),
      s30: velocity(underlying, WINDOW_30S),
      s60: velocity(underlying, WINDOW_60S),
    },
    spike: {
      active: spikeAge !== null && spikeAge <= 5000,
      direction: underlying.lastSpikeDirection,
      ageMs: spikeAge,
    },
    momentumTicks: underlying.momentumTicks(tickWindow),
    consecutiveTicks: underlying.consecutiveTicks,
    vwap: num(vwap, 4),
    vwapBands: {
      upper1: num(vwap + sigma, 4),
      lower1: num(vwap - sigma, 4),
      upper2: num(vwap + 2 * sigma, 4),
      lower2: num(vwap - 2 * sigma, 4),
    },
    sessionHigh: num(underlying.sessionHigh),
    sessionLow: num(underlying.sessionLow),
    support: num(underlying.swings.supportBelow(price)),
    resistance: num(underlying.swings.resistanceAbove(price)),
    bars1s: studies(underlying.bars1s),
    bars1m: studies(underlying.bars1m),
    volumeRatio: num(underlying.volumeRatio(), 4),
    sweep: {
      recent: sweepAge !== null && sweepAge <= 5000,
      side: sweepAge === null ? null : underlying.sweeps.lastSweepSide,
      levels: underlying.sweeps.lastSweepLevels,
      ageMs: sweepAge,
    },
    bookImbalance: num(underlying.bookImbalance(), 4),
    bookRatio: num(underlying.bookRatio(), 4),
    buyPressure: num(underlying.buyPressure(pressureWindow), 4),
    spreadTicks: num(underlying.spreadTicks(), 2),
    spreadPercentile: num(underlying.spreads.rank(underlying.spreadTicks()), 2),
    range30s: num(underlying.range30s()),
    range30sPercent: num(underlying.range30sPercent(), 5),
    indexBias: { bias: bias.bias, changePercent: num(bias.changePercent) },
    regime: {
      name: regime.regime,
      efficiencyRatio: num(regime.efficiencyRatio, 4),
      atrPercentile: num(regime.atrPercentile, 2),
      sinceMs: regime.regime === 'unknown' ? null : (nowUs - regime.regimeSinceUs) / 1000,
    },
    contract: contract === null ? null : contractSnapshot(contract),
  };
}
