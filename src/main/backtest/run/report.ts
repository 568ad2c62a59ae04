import path from 'node:path';
import type { RecordedInstrument } from '../../../shared/recording/events';
import {
  equityCurve,
  performanceOf,
  type EquityPoint,
  type PerformanceMetrics,
} from '../../../shared/analytics/performance';
import { buildRoundTrips, type ClosedTrade, type OpenPosition } from '../analysis/roundTrips';
import type { TapeSummary } from '../analysis/tapeStats';
import type { SourceReport } from '../sources/eventSource';
import type { ReplaySessionResult } from '../session/replaySession';
import type { DecisionRecord } from '../../trading/engine/types';
import type { ReplayOutcome } from './replayRun';

/** The engine's figures in the printed summary (issue 6: orders, fills, netPnl, winRate, ...). */
export interface EngineFigures extends PerformanceMetrics {
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string } | null;
  readonly seed: number;
  readonly orders: number;
  readonly fills: number;
  readonly decisions: number;
  readonly entriesBlocked: number;
  readonly openPositions: number;
}

/** What `scalpdesk replay` prints: the tape figures, the engine's (null for a tape-only run) and what each input file gave. */
export interface ReplaySummary extends Omit<TapeSummary, 'perInstrument'> {
  readonly seed: number;
  readonly engine: EngineFigures | null;
  readonly sources: readonly SourceReport[];
}

export interface GroupRow {
  readonly name: string;
  readonly trades: number;
  readonly netPnl: number;
  readonly winRate: number | null;
  readonly expectancy: number | null;
}

export interface GateRow {
  readonly name: string;
  /** Candidates on which the gate gave a verdict (not disabled). */
  readonly evaluated: number;
  readonly passed: number;
  readonly blocked: number;
  /** Candidates this gate was the first to block. */
  readonly firstBlocker: number;
}

/** The report file (`--report`): the summary plus everything a results panel or the HTML report draws. */
export interface ReplayReport {
  readonly summary: ReplaySummary;
  readonly perInstrument: TapeSummary['perInstrument'];
  /** One-minute closes per symbol: [minute start µs, price]. */
  readonly priceSeries: Readonly<Record<string, [number, number][]>>;
  readonly trades: readonly ClosedTrade[];
  readonly openPositions: readonly OpenPosition[];
  readonly equityCurve: readonly EquityPoint[];
  readonly bySignal: readonly GroupRow[];
  readonly byExitRule: readonly GroupRow[];
  readonly byGate: readonly GateRow[];
  /**
   * Full decision records (signal, every gate's verdict, indicator snapshot, options context,
   * selection, sizing, exit): every entry placed and every exit, blocked candidates sampled
   * (`--decisions all` keeps every one).
   */
  readonly decisions: readonly DecisionRecord[];
}

/** Trades grouped by a key (signal, exit rule), with each group's figures, in name order. */
export function groupRows(trades: readonly ClosedTrade[], key: (trade: ClosedTrade) => string): GroupRow[] {
  const groups = new Map<string, ClosedTrade[]>();
  for (const trade of trades) {
    const name = key(trade);
    const list = groups.get(name) ?? [];
    list.push(trade);
    groups.set(name, list);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, list]) => {
      const metrics = performanceOf(list);
      return {
        name,
        trades: metrics.trades,
        netPnl: metrics.netPnl,
        winRate: metrics.winRate,
        expectancy: metrics.expectancy,
      };
    });
}

function gateRows(session: ReplaySessionResult): GateRow[] {
  const rows = new Map<
    string,
    { evaluated: number; passed: number; blocked: number; firstBlocker: number }
  >();
  for (const decision of session.decisions) {
    if (decision.kind !== 'entry') continue;
    for (const gate of decision.gates) {
      const row = rows.get(gate.name) ?? { evaluated: 0, passed: 0, blocked: 0, firstBlocker: 0 };
      if (gate.verdict !== 'disabled') row.evaluated++;
      if (gate.verdict === 'pass') row.passed++;
      if (gate.verdict === 'block') row.blocked++;
      rows.set(gate.name, row);
    }
    const first = decision.blockedBy[0];
    if (first !== undefined) {
      const row = rows.get(first) ?? { evaluated: 0, passed: 0, blocked: 0, firstBlocker: 0 };
      row.firstBlocker++;
      rows.set(first, row);
    }
  }
  return [...rows.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, row]) => ({ name, ...row }));
}

/**
 * Turns a run's outcome into the summary and the report. Everything in here is a function of the
 * outcome alone (no wall time, no absolute paths beyond what the caller passed), so the same files and
 * seed give byte-identical JSON.
 */
export function buildReport(
  outcome: ReplayOutcome,
  instrument: (symbol: string) => RecordedInstrument | undefined,
): ReplayReport {
  const { perInstrument, ...tape } = outcome.tape;
  const session = outcome.session;
  let trades: ClosedTrade[] = [];
  let open: OpenPosition[] = [];
  let engine: EngineFigures | null = null;
  if (session !== null) {
    const decisionsById = new Map(session.decisions.map((decision) => [decision.decisionId, decision]));
    const built = buildRoundTrips(session.fills, {
      instrument,
      lastPrices: session.lastPrices,
      tagFor: (orderId) => {
        const decisionId = session.orderDecisions.get(orderId);
        const decision = decisionId === undefined ? undefined : decisionsById.get(decisionId);
        return decision === undefined ? undefined : { signal: decision.signal, exitRule: decision.exitRule };
      },
    });
    trades = built.trades;
    open = built.open;
    engine = {
      preset: session.preset,
      seed: outcome.seed,
      orders: session.ordersPlaced,
      fills: session.fills.length,
      decisions: session.decisions.length,
      entriesBlocked: session.decisions.filter(
        (decision) => decision.kind === 'entry' && decision.blockedBy.length > 0,
      ).length,
      openPositions: open.length,
      ...performanceOf(trades),
    };
  }
  const summary: ReplaySummary = {
    ...tape,
    seed: outcome.seed,
    engine,
    sources: outcome.sources.map(relativeSource),
  };
  return {
    summary,
    perInstrument,
    priceSeries: outcome.priceSeries,
    trades,
    openPositions: open,
    equityCurve: equityCurve(trades, (trade) => trade.exitTs),
    bySignal: groupRows(trades, (trade) => trade.signal ?? '(none)'),
    byExitRule: groupRows(trades, (trade) => trade.exitRule ?? '(none)'),
    byGate: session === null ? [] : gateRows(session),
    decisions: session?.decisionRecords ?? [],
  };
}

/** File names as given on the command line, made relative to the working directory when absolute inside it. */
function relativeSource(report: SourceReport): SourceReport {
  const cwd = process.cwd();
  const rel = (file: string): string =>
    path.isAbsolute(file) && file.startsWith(cwd + path.sep) ? path.relative(cwd, file) : file;
  return {
    ...report,
    file: rel(report.file),
    firstProblems: report.firstProblems.map((problem) => ({ ...problem, file: rel(problem.file) })),
  };
}
