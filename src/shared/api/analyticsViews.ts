import type { EquityPoint, PerformanceMetrics } from '../analytics/performance';
import type { BacktestRunView } from './views';

/**
 * The analytics window's report (issue 13): every figure comes from the ledger's round-trip trades
 * through the one metrics module (src/shared/analytics/performance.ts). Money in minor units of
 * `currency`.
 */

export interface AnalyticsTradeView {
  readonly tradeId: string;
  readonly day: string;
  readonly symbol: string;
  readonly side: 'long' | 'short';
  readonly source: string;
  readonly signal: string | null;
  readonly regime: string | null;
  /** The exit rule of the engine decision that closed it; null for a manual close. */
  readonly exitRule: string | null;
  readonly entryTsUs: number;
  readonly exitTsUs: number;
  readonly holdSeconds: number;
  readonly quantity: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly netPnl: number;
}

/** One row of a breakdown: a key (a signal, a regime, an hour …) and its figures. */
export interface BreakdownRowView {
  readonly key: string;
  readonly metrics: PerformanceMetrics;
}

export interface GateBreakdownRowView {
  readonly gate: string;
  readonly evaluated: number;
  readonly passed: number;
  readonly blocked: number;
  /** Trades opened by decisions in which the gate passed. */
  readonly metrics: PerformanceMetrics;
}

/** A histogram bin: [from, to) and how many trades fall in it. */
export interface HistogramBinView {
  readonly from: number;
  readonly to: number;
  readonly count: number;
}

export interface AnalyticsReportView {
  readonly currency: string;
  /** Currencies with trades in the ledger (the report shows one at a time). */
  readonly currencies: readonly string[];
  readonly overall: PerformanceMetrics;
  /** Cumulative net P&L after each trade and the drawdown from the running peak. */
  readonly equity: readonly EquityPoint[];
  readonly daily: readonly BreakdownRowView[];
  /** Newest first; at most `tradeLimit` rows (the figures use every trade). */
  readonly trades: readonly AnalyticsTradeView[];
  readonly tradeLimit: number;
  readonly distributions: {
    readonly netPnl: readonly HistogramBinView[];
    readonly holdSeconds: readonly HistogramBinView[];
  };
  readonly breakdowns: {
    readonly bySignal: readonly BreakdownRowView[];
    readonly byRegime: readonly BreakdownRowView[];
    readonly bySide: readonly BreakdownRowView[];
    /** Hour of the exit in the market's time zone, "09" … "15". */
    readonly byHour: readonly BreakdownRowView[];
    /** manual, auto, replay. */
    readonly bySource: readonly BreakdownRowView[];
    readonly byExitRule: readonly BreakdownRowView[];
    readonly byGate: readonly GateBreakdownRowView[];
  };
  /** Values present in the ledger, for the filter pickers. */
  readonly choices: {
    readonly symbols: readonly string[];
    readonly signals: readonly string[];
    readonly regimes: readonly string[];
    readonly exitRules: readonly string[];
  };
  /** Saved backtest runs in the same currency, newest first: compared with live days. */
  readonly runs: readonly BacktestRunView[];
}

export interface AnalyticsCsvView {
  readonly fileName: string;
  readonly csv: string;
  readonly rows: number;
}
