import type { z } from 'zod';
import { equityCurve } from '../../shared/analytics/performance';
import type { analyticsFilterSchema } from '../../shared/api/analyticsSchemas';
import type {
  AnalyticsReportView,
  AnalyticsTradeView,
  BreakdownRowView,
  HistogramBinView,
} from '../../shared/api/analyticsViews';
import { utcUsToZoned } from '../../shared/domain/instruments/timeZones';
import { loadFills } from './fills';
import type { LedgerCore } from './ledgerCore';
import { requireLatestSchema } from './ledgerCore';
import { decisionAttributes } from './reports';
import type { Trade, TradeStats } from './tradeAnalytics';
import {
  buildTrades,
  computeStats,
  gateBreakdown,
  groupStats,
  marketDay,
  parseGateVerdicts,
  timeZoneForCurrency,
} from './tradeAnalytics';

export type AnalyticsFilter = z.output<typeof analyticsFilterSchema>;
export type LedgerAnalyticsReport = Omit<AnalyticsReportView, 'runs'>;

/** Trade rows sent to a window at most; the figures use every trade. */
export const ANALYTICS_TRADE_LIMIT = 2000;
const HISTOGRAM_BINS = 12;

/**
 * The analytics window's report from the ledger (issue 13): round-trip trades rebuilt from the fills
 * (tradeAnalytics.ts), filtered, and measured by the one metrics module every report uses, so a live
 * day and a saved backtest run compare like for like. One currency at a time.
 */
export function analyticsReport(core: LedgerCore, filter: AnalyticsFilter): LedgerAnalyticsReport {
  requireLatestSchema(core);
  const { closed } = buildTrades(loadFills(core), decisionAttributes(core));
  const exitRules = exitRulesOf(core);
  const currencies = mostTradedFirst(closed.map((trade) => trade.currency));
  const currency = filter.currency ?? currencies[0] ?? 'INR';
  const inCurrency = closed.filter((trade) => trade.currency === currency);
  const exitRule = (trade: Trade): string =>
    (trade.exitDecisionId ? exitRules.get(trade.exitDecisionId) : undefined) ?? 'manual';
  const trades = inCurrency
    .filter(
      (trade) =>
        (filter.from === undefined || trade.day >= filter.from) &&
        (filter.to === undefined || trade.day <= filter.to) &&
        (filter.symbol === undefined || trade.symbol === filter.symbol) &&
        (filter.side === undefined || trade.direction === filter.side) &&
        (filter.source === undefined || trade.source === filter.source) &&
        (filter.signal === undefined || (trade.signal ?? 'none') === filter.signal) &&
        (filter.regime === undefined || (trade.regime ?? 'none') === filter.regime) &&
        (filter.exitRule === undefined || exitRule(trade) === filter.exitRule),
    )
    .sort((a, b) => a.exitTsUs - b.exitTsUs);
  const zone = timeZoneForCurrency(currency);
  const hourOf = (trade: Trade): string =>
    String(Math.floor(utcUsToZoned(zone, trade.exitTsUs).microsOfDay / 3_600_000_000)).padStart(2, '0');
  const rows = (stats: Record<string, TradeStats>): BreakdownRowView[] =>
    Object.entries(stats).map(([key, metrics]) => ({ key, metrics }));
  const tradeIds = new Set(trades.map((trade) => trade.decisionId).filter((id) => id !== null));
  const gates = gateBreakdown(entryDecisionsOf(core, currency, filter, tradeIds), trades);
  return {
    currency,
    currencies,
    overall: computeStats(trades),
    equity: equityCurve(trades, (trade) => trade.exitTsUs),
    daily: rows(groupStats(trades, (trade) => trade.day)),
    trades: trades
      .slice(-ANALYTICS_TRADE_LIMIT)
      .reverse()
      .map((trade) => tradeView(trade, exitRule(trade))),
    tradeLimit: ANALYTICS_TRADE_LIMIT,
    distributions: {
      netPnl: histogram(trades.map((trade) => trade.netPnl)),
      holdSeconds: histogram(trades.map((trade) => (trade.exitTsUs - trade.entryTsUs) / 1e6)),
    },
    breakdowns: {
      bySignal: rows(groupStats(trades, (trade) => trade.signal ?? 'none')),
      byRegime: rows(groupStats(trades, (trade) => trade.regime ?? 'none')),
      bySide: rows(groupStats(trades, (trade) => trade.direction)),
      byHour: rows(groupStats(trades, hourOf)),
      bySource: rows(groupStats(trades, (trade) => trade.source)),
      byExitRule: rows(groupStats(trades, exitRule)),
      byGate: Object.entries(gates).map(([gate, entry]) => ({
        gate,
        evaluated: entry.evaluated,
        passed: entry.passed,
        blocked: entry.blocked,
        metrics: entry.trades,
      })),
    },
    choices: {
      symbols: distinct(inCurrency.map((trade) => trade.symbol)),
      signals: distinct(inCurrency.map((trade) => trade.signal ?? 'none')),
      regimes: distinct(inCurrency.map((trade) => trade.regime ?? 'none')),
      exitRules: distinct(inCurrency.map(exitRule)),
    },
  };
}

function tradeView(trade: Trade, exitRule: string): AnalyticsTradeView {
  return {
    tradeId: trade.tradeId,
    day: trade.day,
    symbol: trade.symbol,
    side: trade.direction,
    source: trade.source,
    signal: trade.signal,
    regime: trade.regime,
    exitRule: exitRule === 'manual' ? null : exitRule,
    entryTsUs: trade.entryTsUs,
    exitTsUs: trade.exitTsUs,
    holdSeconds: Math.round((trade.exitTsUs - trade.entryTsUs) / 1e3) / 1e3,
    quantity: trade.quantity,
    grossPnl: trade.grossPnl,
    charges: trade.charges,
    netPnl: trade.netPnl,
  };
}

/** Exit rule per exit decision id (the engine's `exit.rule` in the decision record). */
function exitRulesOf(core: LedgerCore): Map<string, string> {
  const rows = core.db
    .prepare(
      `SELECT decision_id, detail_json FROM decisions WHERE kind = 'exit'
       AND decision_id IN (SELECT DISTINCT decision_id FROM fills WHERE decision_id IS NOT NULL)`,
    )
    .all() as Array<{ decision_id: string; detail_json: string }>;
  const rules = new Map<string, string>();
  for (const row of rows) {
    const detail = parseJson(row.detail_json) as { exit?: { rule?: unknown } } | null;
    if (typeof detail?.exit?.rule === 'string') rules.set(row.decision_id, detail.exit.rule);
  }
  return rules;
}

/**
 * Entry decisions on the report's days, for the gate breakdown: how often each gate passed and blocked,
 * and the trades its passing decisions opened. With a trade filter beyond dates, only the decisions
 * that opened the filtered trades count (a blocked candidate has no symbol, side or source to match).
 */
function entryDecisionsOf(
  core: LedgerCore,
  currency: string,
  filter: AnalyticsFilter,
  tradeDecisionIds: ReadonlySet<string>,
): Array<{ decisionId: string | null; gates: ReturnType<typeof parseGateVerdicts> }> {
  const narrowed = ['symbol', 'side', 'source', 'signal', 'exitRule', 'regime'].some(
    (key) => filter[key as keyof AnalyticsFilter] !== undefined,
  );
  const rows = core.db
    .prepare(`SELECT decision_id, ts_event_us, gates_json FROM decisions WHERE kind = 'entry' ORDER BY seq`)
    .all() as Array<{ decision_id: string | null; ts_event_us: number; gates_json: string }>;
  return rows
    .filter((row) => {
      const day = marketDay(currency, row.ts_event_us);
      if (filter.from !== undefined && day < filter.from) return false;
      if (filter.to !== undefined && day > filter.to) return false;
      return !narrowed || (row.decision_id !== null && tradeDecisionIds.has(row.decision_id));
    })
    .map((row) => ({
      decisionId: row.decision_id,
      gates: parseGateVerdicts(evaluatedGates(row.gates_json)),
    }));
}

/** A disabled gate did not judge the candidate: it is neither a pass nor a block. */
function evaluatedGates(json: string): unknown[] {
  const gates = parseJson(json);
  return Array.isArray(gates)
    ? gates.filter((gate: unknown) => (gate as { verdict?: unknown } | null)?.verdict !== 'disabled')
    : [];
}

/** Equal-width bins over the values' range (one bin when they are all equal). */
export function histogram(values: readonly number[], bins = HISTOGRAM_BINS): HistogramBinView[] {
  if (values.length === 0) return [];
  const low = Math.min(...values);
  const high = Math.max(...values);
  if (low === high) return [{ from: low, to: high, count: values.length }];
  const width = (high - low) / bins;
  const counts = new Array<number>(bins).fill(0);
  for (const value of values) counts[Math.min(bins - 1, Math.floor((value - low) / width))]++;
  return counts.map((count, index) => ({
    from: low + index * width,
    to: index === bins - 1 ? high : low + (index + 1) * width,
    count,
  }));
}

function mostTradedFirst(currencies: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const currency of currencies) counts.set(currency, (counts.get(currency) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([name]) => name);
}

function distinct(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
