import type { Instrument } from '../../../../shared/domain/instrument';
import type { EngineParams } from '../config/schema';
import { majorToMinor, moneyPerPriceUnit } from '../risk/money';
import type { Direction, SizingSnapshot } from '../types';

export interface SizingInput {
  readonly params: EngineParams['sizing'];
  /** The option, or the engine's lot of the underlying. */
  readonly instrument: Instrument;
  /** Entry premium in the contract's minor price units. */
  readonly premium: number;
  /** Effective hard stop in percent of the premium (preset stop × pack stop multiplier). */
  readonly stopPercent: number;
  readonly ivPercentile: number | null;
  readonly pcr: number | null;
  readonly direction: Direction;
  readonly packMultiplier: number;
}

/**
 * Position size in lots (issue 4): a fixed count, or the risk budget divided by one lot's loss to the
 * hard stop; then scaled down in high IV percentile (premium is expensive and whippy) and up, bounded,
 * in low; by PCR (agreeing positioning sizes up, disagreeing down); by the pack (volatile: smaller);
 * never below one lot once the base is at least one; capped by maxLots and by the exchange freeze
 * quantity (one order, no slicing).
 */
export function sizeEntry(input: SizingInput): SizingSnapshot {
  const p = input.params;
  const instrument = input.instrument;
  let baseLots: number;
  if (p.mode === 'fixedLots') {
    baseLots = p.fixedLots;
  } else {
    const lotRisk =
      ((input.premium * input.stopPercent) / 100) * instrument.lotSize * moneyPerPriceUnit(instrument);
    baseLots = lotRisk > 0 ? Math.floor(majorToMinor(p.riskBudget) / lotRisk) : 0;
  }
  let ivMultiplier = 1;
  if (input.ivPercentile !== null && Number.isFinite(input.ivPercentile)) {
    if (input.ivPercentile >= p.highIvPercentile) ivMultiplier = p.highIvMultiplier;
    else if (input.ivPercentile <= p.lowIvPercentile) ivMultiplier = p.lowIvMultiplier;
  }
  let pcrMultiplier = 1;
  if (input.pcr !== null && Number.isFinite(input.pcr)) {
    const bullishPositioning = input.pcr >= p.pcrBullishAbove;
    const bearishPositioning = input.pcr <= p.pcrBearishBelow;
    const wantsBullish = input.direction === 'bullish';
    if ((bullishPositioning && wantsBullish) || (bearishPositioning && !wantsBullish))
      pcrMultiplier = p.pcrAgreeMultiplier;
    else if (bullishPositioning || bearishPositioning) pcrMultiplier = p.pcrDisagreeMultiplier;
  }
  let lots = Math.floor(baseLots * ivMultiplier * pcrMultiplier * input.packMultiplier + 1e-9);
  if (baseLots >= 1 && lots < 1) lots = 1;
  let cappedBy: SizingSnapshot['cappedBy'] = 'none';
  if (lots > p.maxLots) {
    lots = p.maxLots;
    cappedBy = 'maxLots';
  }
  if (instrument.freezeQuantity > 0) {
    const freezeLots = Math.floor(instrument.freezeQuantity / instrument.lotSize);
    if (lots > freezeLots) {
      lots = freezeLots;
      cappedBy = 'freezeQuantity';
    }
  }
  return {
    mode: p.mode,
    baseLots,
    ivMultiplier,
    pcrMultiplier,
    packMultiplier: input.packMultiplier,
    cappedBy,
    lots,
    quantity: lots * instrument.lotSize,
  };
}
