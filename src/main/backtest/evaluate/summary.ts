import { performanceOf } from '../../../shared/analytics/performance';
import type { ClosedTrade } from '../analysis/roundTrips';
import { groupRows, type GroupRow } from '../run/report';
import type { SessionEvaluation } from './sessionEvaluation';

export interface SessionRow {
  readonly file: string;
  readonly day: string | null;
  readonly trades: number;
  readonly netPnl: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly winRate: number | null;
  readonly maxDrawdown: number;
  readonly decisions: number;
  readonly entriesBlocked: number;
  readonly openPositions: number;
}

/** What `scalpdesk evaluate` prints: every session replayed on its own, then pooled. */
export interface EvaluationSummary {
  readonly preset: string;
  readonly seed: number;
  readonly sessions: number;
  readonly trades: number;
  readonly winRate: number | null;
  /** Mean net P&L per trade over all sessions' trades. */
  readonly expectancy: number | null;
  /** Standard error of that mean (sample SD / √trades); null below two trades. */
  readonly expectancyStdErr: number | null;
  /** expectancy / expectancyStdErr: how many standard errors the mean is from zero. */
  readonly expectancyT: number | null;
  readonly profitFactor: number | null;
  /** Over the sessions' trades joined in session order. */
  readonly maxDrawdown: number;
  readonly netPnl: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly positiveSessions: number;
  readonly worstDay: { readonly file: string; readonly day: string | null; readonly netPnl: number } | null;
  /** The preset's daily loss limit (major units), to read the worst day against. */
  readonly dailyLossLimit: number | null;
  readonly perSession: readonly SessionRow[];
  readonly bySignal: readonly GroupRow[];
  readonly byExit: readonly GroupRow[];
}

const round = (value: number, decimals = 4): number => {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
};

/** Standard error of the mean of the values (sample SD / √n); null below two values. */
export function standardErrorOfMean(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return Math.sqrt(squares / (values.length - 1) / values.length);
}

/** Pools per-session evaluations (in the order given) into the evaluate report. Deterministic. */
export function summarizeEvaluations(
  sessions: readonly SessionEvaluation[],
  setup: { readonly preset: string; readonly seed: number },
): EvaluationSummary {
  const trades: ClosedTrade[] = sessions.flatMap((session) => session.trades);
  const metrics = performanceOf(trades);
  const stdErr = standardErrorOfMean(trades.map((trade) => trade.netPnl));
  let worst: EvaluationSummary['worstDay'] = null;
  for (const session of sessions)
    if (worst === null || session.metrics.netPnl < worst.netPnl)
      worst = { file: session.file, day: session.day, netPnl: session.metrics.netPnl };
  return {
    preset: setup.preset,
    seed: setup.seed,
    sessions: sessions.length,
    trades: metrics.trades,
    winRate: metrics.winRate,
    expectancy: metrics.expectancy,
    expectancyStdErr: stdErr === null ? null : round(stdErr),
    expectancyT:
      stdErr === null || stdErr === 0 || metrics.expectancy === null
        ? null
        : round(metrics.expectancy / stdErr, 3),
    profitFactor: metrics.profitFactor,
    maxDrawdown: metrics.maxDrawdown,
    netPnl: metrics.netPnl,
    grossPnl: metrics.grossPnl,
    charges: metrics.charges,
    positiveSessions: sessions.filter((session) => session.metrics.netPnl > 0).length,
    worstDay: worst,
    dailyLossLimit: sessions[0]?.dailyLossLimit ?? null,
    perSession: sessions.map((session) => ({
      file: session.file,
      day: session.day,
      trades: session.metrics.trades,
      netPnl: session.metrics.netPnl,
      grossPnl: session.metrics.grossPnl,
      charges: session.metrics.charges,
      winRate: session.metrics.winRate,
      maxDrawdown: session.metrics.maxDrawdown,
      decisions: session.decisions,
      entriesBlocked: session.entriesBlocked,
      openPositions: session.openPositions,
    })),
    bySignal: groupRows(trades, (trade) => trade.signal ?? '(none)'),
    byExit: groupRows(trades, (trade) => trade.exitRule ?? '(none)'),
  };
}
