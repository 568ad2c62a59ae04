import type { AutoPanelView, DecisionRecordView, GateRowView } from '../../shared/api/autoViews';
import type { EngineParams } from '../trading/engine/config/schema';
import { REGIME_NAMES } from '../trading/engine/config/schema';
import type { EngineStatus } from '../trading/engine/engine';
import { ENTRY_GATES } from '../trading/engine/gates';
import { majorToMinor } from '../trading/engine/risk/money';
import type { DecisionRecord } from '../trading/engine/types';

const PIPELINE_CHECKS_BEFORE = ['contractSelection', 'sizing'] as const;

/**
 * The auto-trade window's live panel from the engine's status, its parameters and its latest entry
 * decision. The engine evaluates every gate for each candidate entry, so the board shows the latest
 * candidate's verdicts (with their time); gates that have not run yet are listed as not evaluated.
 */
export function toAutoPanelView(
  status: EngineStatus,
  params: EngineParams,
  decisions: readonly DecisionRecord[],
  context: { readonly nowUs: number; readonly currency: string },
): AutoPanelView {
  const latestEntry = findLatestEntry(decisions);
  const verdicts = new Map((latestEntry?.gates ?? []).map((gate) => [gate.name, gate]));
  // The entry pipeline's own checks come first in a record (contract selection, sizing) and the
  // last-look kill check last; listing them always keeps the board's rows still between candidates.
  const names = [...PIPELINE_CHECKS_BEFORE, ...ENTRY_GATES.map((gate) => gate.name), 'killSwitch'];
  for (const name of verdicts.keys()) if (!names.includes(name)) names.push(name);
  const gates: GateRowView[] = names.map((name) => {
    const verdict = verdicts.get(name);
    return verdict
      ? {
          name,
          verdict: verdict.verdict,
          value: verdict.value,
          threshold: verdict.threshold,
          detail: verdict.detail ?? null,
        }
      : { name, verdict: 'not evaluated', value: null, threshold: null, detail: null };
  });
  const { risk } = status;
  const perDay = params.gates.tradesPerDay;
  const budget = params.gates.regimeBudget;
  const regimeBudgetLeft: Record<string, number | null> = {};
  for (const regime of REGIME_NAMES)
    regimeBudgetLeft[regime] = budget.enabled
      ? Math.max(0, budget[regime] - risk.regimeTrades[regime])
      : null;
  const timeExit = params.exits.timeExit;
  return {
    nowUs: context.nowUs,
    regime: status.regime,
    packs: status.packs,
    gates,
    gatesAtUs: latestEntry?.tsEvent ?? null,
    positions: status.positions.map((position) => ({
      symbol: position.symbol,
      ownership: position.ownership,
      quantity: position.quantity,
      averagePrice: position.averagePrice,
      markPrice: position.markPrice,
      unrealisedPnl: majorToMinor(position.unrealisedPnl),
      trailingStage: position.trailingStage,
      trailingStageName: position.trailingStageName,
      stopPrice: position.stopPrice,
      entryUs: position.entryUs,
      timeExitAtUs: timeExit.enabled ? position.entryUs + timeExit.maxHoldSeconds * 1_000_000 : null,
      exiting: position.exiting,
    })),
    session: {
      currency: context.currency,
      dayPnl: majorToMinor(risk.dayPnl),
      peakDayPnl: majorToMinor(risk.peakDayPnl),
      drawdownFromPeak: majorToMinor(Math.max(0, risk.peakDayPnl - risk.dayPnl)),
      tradesToday: risk.tradesToday,
      tradesLeft: perDay.enabled ? Math.max(0, perDay.max - risk.tradesToday) : null,
      consecutiveLosses: risk.consecutiveLosses,
      maxConsecutiveLosses: params.gates.consecutiveLosses.enabled
        ? params.gates.consecutiveLosses.max
        : null,
      regimeBudgetLeft,
      dayLockedReason: risk.dayLockedReason,
    },
  };
}

function findLatestEntry(decisions: readonly DecisionRecord[]): DecisionRecord | undefined {
  for (let index = decisions.length - 1; index >= 0; index--)
    if (decisions[index].kind === 'entry') return decisions[index];
  return undefined;
}

/** A decision record as plain data for the feed's expanded row (the same JSON the ledger stores). */
export function toDecisionRecordView(record: DecisionRecord): DecisionRecordView {
  const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
  return {
    decisionId: record.decisionId,
    indicators: plain(record.indicators) as unknown as Record<string, unknown>,
    optionsContext: record.optionsContext
      ? (plain(record.optionsContext) as unknown as Record<string, unknown>)
      : null,
    selection: record.selection ? (plain(record.selection) as unknown as Record<string, unknown>) : null,
    sizing: record.sizing ? (plain(record.sizing) as unknown as Record<string, unknown>) : null,
    exit: record.exit ? (plain(record.exit) as unknown as Record<string, unknown>) : null,
    signalsConsidered: plain(record.signalsConsidered) as unknown as Array<Record<string, unknown>>,
    orders: record.orders,
    preset: { name: record.preset.name, version: record.preset.version },
  };
}
