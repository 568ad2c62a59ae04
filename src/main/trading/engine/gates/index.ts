import { addToPositionGate } from './addToPosition';
import { consecutiveLossesGate } from './consecutiveLosses';
import { cooldownGate } from './cooldown';
import { dailyLossLimitGate } from './dailyLossLimit';
import { dataFreshnessGate } from './dataFreshness';
import type { EntryCandidate, EntryGate, GateContext } from './gate';
import { hotZoneGate } from './hotZone';
import { indexBiasGate } from './indexBias';
import { liquidityGate } from './liquidity';
import { marketHoursGate } from './marketHours';
import { maxConcurrentPositionsGate } from './maxConcurrentPositions';
import { maxPositionLotsGate } from './maxPositionLots';
import { minScoreGate } from './minScore';
import { noTradeZoneGate } from './noTradeZone';
import { oneLegPerSideGate } from './oneLegPerSide';
import { optionsContextGate } from './optionsContextFilter';
import { peakToTroughGate } from './peakToTrough';
import { pendingEntryGate } from './pendingEntry';
import { regimeBudgetGate } from './regimeBudget';
import { rejectRateGate } from './rejectRate';
import { sideKillSwitchGate } from './sideKillSwitch';
import { sideReentryGate } from './sideReentry';
import { slippageGate } from './slippage';
import { spreadGate } from './spread';
import { sweepAgainstGate } from './sweepAgainst';
import { tradesPerDayGate } from './tradesPerDay';
import { tradesPerMinuteGate } from './tradesPerMinute';
import { warmUpGate } from './warmUp';
import type { GateVerdict } from '../types';

export type { EntryCandidate, EntryGate, GateContext } from './gate';

/**
 * Every entry gate, in the order verdicts are listed in a decision record: account-level stops first
 * (kill switches, loss limits), then pacing, then the market and the contract. All gates are evaluated
 * for every candidate, even after one blocks, so the record shows the full picture.
 */
export const ENTRY_GATES: readonly EntryGate[] = [
  sideKillSwitchGate,
  dailyLossLimitGate,
  peakToTroughGate,
  rejectRateGate,
  slippageGate,
  consecutiveLossesGate,
  marketHoursGate,
  warmUpGate,
  dataFreshnessGate,
  pendingEntryGate,
  maxConcurrentPositionsGate,
  oneLegPerSideGate,
  addToPositionGate,
  maxPositionLotsGate,
  tradesPerDayGate,
  tradesPerMinuteGate,
  regimeBudgetGate,
  cooldownGate,
  sideReentryGate,
  minScoreGate,
  hotZoneGate,
  noTradeZoneGate,
  spreadGate,
  liquidityGate,
  indexBiasGate,
  sweepAgainstGate,
  optionsContextGate,
];

export function evaluateGates(candidate: EntryCandidate, context: GateContext): GateVerdict[] {
  const verdicts: GateVerdict[] = [];
  for (const gate of ENTRY_GATES) verdicts.push(gate.evaluate(candidate, context));
  return verdicts;
}
