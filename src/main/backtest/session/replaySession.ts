import type { Symbol } from '../../../shared/domain/ids';
import type { Fill } from '../../../shared/domain/orders';
import type { RecordedEvent, RecordedInstrument, RecordingMeta } from '../../../shared/recording/events';
import type { DecisionRecord } from '../../trading/engine/types';

/**
 * The seam between a replay and what trades on it. The tape side (sources, driver, CLI, reports) only
 * knows this interface; the engine + paper broker adapter implements it (session/engineSession.ts),
 * so the same replay runs tape-only, with the engine, or with anything else that consumes events.
 */
export interface ReplaySession {
  /** Feeds one tape event; everything it causes (decisions, orders, fills) happens before it returns. */
  onEvent(event: RecordedEvent): void;
  /** Ends the run at the tape's last time (open positions are marked, not closed) and returns what happened. */
  finish(): ReplaySessionResult;
}

export interface ReplaySessionSetup {
  /** Price format and, when known, the instrument of each symbol on the tape. */
  readonly instrument: (symbol: Symbol) => RecordedInstrument | undefined;
  /** Every instrument on the tape, known before the first event (the engine lists its chain at start). */
  readonly instruments: readonly RecordedInstrument[];
  /** Seed of everything random downstream (paper broker latency, rejections, slippage). */
  readonly seed: number;
  readonly presetName: string;
  /** Parameter overrides on top of the preset (`--config`, or one point of a sweep). */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** What the tape says about itself (day, zone, source, the underlying the recorder followed). */
  readonly meta?: RecordingMeta;
  /** Full decision records to keep for the report (default 'sampled'; see DECISION_SAMPLE_EVERY). */
  readonly decisionRecords?: DecisionRecordPolicy;
}

/**
 * Which full decision records a replay keeps: every entry that placed (or would have, in shadow) and
 * every exit always; blocked candidates one in DECISION_SAMPLE_EVERY ('sampled'), all, or none.
 */
export type DecisionRecordPolicy = 'sampled' | 'all' | 'none';
export const DECISION_SAMPLE_EVERY = 20;

export type ReplaySessionFactory = (setup: ReplaySessionSetup) => ReplaySession;

/** The outcome of one decision, as the report tables need it (a subset of the engine's decision record). */
export interface DecisionSummary {
  readonly decisionId: string;
  readonly kind: 'entry' | 'exit';
  readonly tsEvent: number;
  readonly outcome: string;
  readonly signal: string | null;
  readonly exitRule: string | null;
  /** Gate verdicts (name → pass/block/disabled). */
  readonly gates: ReadonlyArray<{ readonly name: string; readonly verdict: string }>;
  readonly blockedBy: readonly string[];
  /** Client order ids this decision caused. */
  readonly orders: readonly string[];
}

export interface ReplaySessionResult {
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string } | null;
  readonly ordersPlaced: number;
  readonly fills: readonly Fill[];
  readonly decisions: readonly DecisionSummary[];
  /** Order id → the decision that placed it, to tag trades with their signal and exit rule. */
  readonly orderDecisions: ReadonlyMap<string, string>;
  /** Last traded/quoted price per symbol at the end, for marking positions still open. */
  readonly lastPrices: ReadonlyMap<string, number>;
  /** The full decision records kept under the setup's policy, in order (absent for non-engine sessions). */
  readonly decisionRecords?: readonly DecisionRecord[];
}
