import type { OptionRight } from '../../../../shared/domain/instrument';
import type { TradingSession } from '../../../../shared/domain/instruments/calendar';
import type { OptionsContext } from '../../../../shared/options/context';
import type { EngineParams, PackName, RegimeName, SignalName } from '../config/schema';
import type { Instrument } from '../../../../shared/domain/instrument';
import type { ContractState } from '../market/contractState';
import type { UnderlyingState } from '../market/underlyingState';
import type { RiskState } from '../risk/riskState';
import type { Direction, GateCheck, GateVerdict, IndicatorSnapshot } from '../types';

/** A candidate entry as the gates see it: the winning signal, the chosen contract and its size. */
export interface EntryCandidate {
  readonly direction: Direction;
  readonly right: OptionRight;
  readonly score: number;
  readonly signal: SignalName;
  readonly regime: RegimeName;
  readonly pack: PackName;
  readonly lots: number;
}

/** Read-only view of the engine state the gates judge a candidate against. */
export interface GateContext {
  readonly nowUs: number;
  readonly params: EngineParams;
  /** Today's session (null on a closed day). */
  readonly session: TradingSession | null;
  readonly underlying: UnderlyingState;
  /** Decimals of the underlying's price units (strikes and GEX levels are in decimal points). */
  readonly underlyingDecimals: number;
  /** The index stream used for bias (the underlying itself when no separate index is configured). */
  readonly index: UnderlyingState;
  readonly indexIsUnderlying: boolean;
  readonly contract: ContractState<Instrument> | null;
  /** Auto-adaptation's current offset of the score bar for the candidate's regime (0 when off). */
  readonly minScoreOffset: number;
  /** The engine trades the underlying itself: the options-only checks step aside. */
  readonly tradesUnderlying: boolean;
  readonly optionsContext: OptionsContext | null;
  /** Why the feed's market data cannot be trusted now (stale, reconnecting), or null/absent when live. */
  readonly marketDataOutage?: string | null;
  readonly risk: RiskState;
  readonly openPositions: number;
  readonly pendingEntries: number;
  /** Lots already held in the candidate's contract. */
  readonly lotsOnSymbol: number;
  /** The engine position already held in the candidate's instrument: its lots and its move since entry (%, on the stop scale). */
  readonly positionOnSymbol: { readonly lots: number; readonly movePercent: number } | null;
  /** Lots over every open engine position plus working entries. */
  readonly openLots: number;
  /** The same lots split by option right (calls, puts). */
  readonly lotsOnRight: Readonly<Record<OptionRight, number>>;
  /** The indicator snapshot this decision records (built before the gates, so the warm-up gate judges exactly it). */
  readonly snapshot: IndicatorSnapshot;
}

export interface EntryGate {
  readonly name: string;
  evaluate(candidate: EntryCandidate, context: GateContext): GateVerdict;
}

export function disabledVerdict(name: string, detail?: string): GateVerdict {
  return detail === undefined
    ? { name, value: null, threshold: null, verdict: 'disabled' }
    : { name, value: null, threshold: null, verdict: 'disabled', detail };
}

/** NaN and ±Infinity become null: a verdict records "no data", never a non-number. */
export function finiteOrNull(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}

export function verdictOf(
  name: string,
  value: GateVerdict['value'],
  threshold: GateVerdict['threshold'],
  pass: boolean,
  extra?: { checks?: readonly GateCheck[]; detail?: string },
): GateVerdict {
  const verdict: GateVerdict = { name, value, threshold, verdict: pass ? 'pass' : 'block' };
  return extra === undefined ? verdict : { ...verdict, ...extra };
}

/** A compound gate passes when every check passes; value/threshold are those of the first failing check. */
export function compoundVerdict(name: string, checks: readonly GateCheck[], detail?: string): GateVerdict {
  const failing = checks.find((check) => !check.pass);
  const shown = failing ?? checks[0];
  return verdictOf(
    name,
    shown.value,
    shown.threshold,
    failing === undefined,
    detail === undefined ? { checks } : { checks, detail },
  );
}

export function round(value: number, decimals = 4): number {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}

/** The entry score bar: the preset's, moved by auto-adaptation within its bounds, inside 0–100. */
export function scoreBar(context: GateContext): number {
  return Math.min(100, Math.max(0, context.params.gates.minScore.minScore + context.minScoreOffset));
}
