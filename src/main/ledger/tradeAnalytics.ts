import { performanceOf, type PerformanceMetrics } from '../../shared/analytics/performance';
import type { Symbol } from '../../shared/domain/ids';
import type { Side } from '../../shared/domain/marketEvents';
import type { OrderSource } from '../../shared/domain/orders';
import { asPrice } from '../../shared/domain/price';
import type { TimeZoneId } from '../../shared/domain/instruments/timeZones';
import { localDate } from '../../shared/domain/instruments/timeZones';
import type { PositionState } from '../trading/oms/positions';
import { applyFillToState, emptyState, openQuantity, positionKey } from '../trading/oms/positions';

/** A fill as the ledger stores it. Money in minor units; prices in minor price units. */
export interface LedgerFill {
  readonly seq: number;
  readonly fillId: string;
  readonly orderId: string;
  readonly sessionId: string | null;
  readonly symbol: string;
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
  readonly multiplier: number;
  readonly currency: string;
  readonly tsEventUs: number;
  readonly source: OrderSource;
  readonly charges: number;
  readonly liquidity: 'taker' | 'maker';
  readonly decisionId: string | null;
}

/** What the engine decided when it opened a trade (joined from the decisions table). */
export interface DecisionAttributes {
  readonly signal: string | null;
  readonly regime: string | null;
}

/**
 * A round trip: from flat to flat in one (symbol, source). A fill that flips the position closes
 * one trade and opens the next; its charges are split by quantity.
 */
export interface Trade {
  readonly tradeId: string;
  readonly symbol: string;
  readonly source: OrderSource;
  readonly currency: string;
  readonly direction: 'long' | 'short';
  readonly sessionId: string | null;
  readonly entryTsUs: number;
  readonly exitTsUs: number;
  /** Exit date in the market's time zone (INR: Asia/Kolkata, USD: America/New_York, else UTC). */
  readonly day: string;
  /** Total quantity opened over the trade. */
  readonly quantity: number;
  /** Money paid or received to open (Σ price × quantity × multiplier of opening fills). */
  readonly entryNotional: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly netPnl: number;
  /** netPnl / entryNotional: the trade's return on the premium put at risk. */
  readonly returnOnNotional: number;
  readonly decisionId: string | null;
  /** The decision of the fill that closed the trade (an engine exit), or null (a manual close). */
  readonly exitDecisionId: string | null;
  readonly signal: string | null;
  readonly regime: string | null;
  readonly fills: number;
}

interface OpenTrade {
  tradeNumber: number;
  direction: 'long' | 'short';
  sessionId: string | null;
  entryTsUs: number;
  quantity: number;
  entryNotional: number;
  grossPnl: number;
  charges: number;
  decisionId: string | null;
  fills: number;
}

export function timeZoneForCurrency(currency: string): TimeZoneId {
  if (currency === 'INR') return 'Asia/Kolkata';
  if (currency === 'USD') return 'America/New_York';
  return 'UTC';
}

export function marketDay(currency: string, tsUs: number): string {
  return localDate(timeZoneForCurrency(currency), tsUs);
}

/** Rebuilds round-trip trades from fills in ledger order (seq). Trades still open are returned apart. */
export function buildTrades(
  fills: readonly LedgerFill[],
  decisions: ReadonlyMap<string, DecisionAttributes> = new Map(),
): { closed: Trade[]; open: number } {
  const states = new Map<string, PositionState>();
  const openTrades = new Map<string, OpenTrade>();
  const counters = new Map<string, number>();
  const closed: Trade[] = [];

  for (const fill of fills) {
    const key = positionKey(fill.symbol, fill.source);
    const before = states.get(key) ?? emptyState(fill.symbol as Symbol, fill.source, fill.multiplier);
    const result = applyFillToState(before, {
      side: fill.side,
      quantity: fill.quantity,
      price: asPrice(fill.price),
      charges: fill.charges,
    });
    states.set(key, result.state);
    const closingCharges =
      result.openedQuantity === 0
        ? fill.charges
        : Math.round((fill.charges * result.closedQuantity) / fill.quantity);
    const openingCharges = fill.charges - closingCharges;

    let trade = openTrades.get(key);
    if (result.closedQuantity > 0 && trade) {
      trade.grossPnl += result.realisedPnl;
      trade.charges += closingCharges;
      trade.fills++;
      if (openQuantity(result.state.lots) === 0 || result.openedQuantity > 0) {
        closed.push(finishTrade(fill, trade, decisions));
        openTrades.delete(key);
        trade = undefined;
      }
    }
    if (result.openedQuantity > 0) {
      if (!trade) {
        const number = (counters.get(key) ?? 0) + 1;
        counters.set(key, number);
        trade = {
          tradeNumber: number,
          direction: fill.side === 'buy' ? 'long' : 'short',
          sessionId: fill.sessionId,
          entryTsUs: fill.tsEventUs,
          quantity: 0,
          entryNotional: 0,
          grossPnl: 0,
          charges: 0,
          decisionId: fill.decisionId,
          fills: 0,
        };
        openTrades.set(key, trade);
      }
      trade.quantity += result.openedQuantity;
      trade.entryNotional += fill.price * result.openedQuantity * fill.multiplier;
      trade.charges += openingCharges;
      trade.fills++;
    }
  }
  return { closed, open: openTrades.size };
}

function finishTrade(
  fill: LedgerFill,
  trade: OpenTrade,
  decisions: ReadonlyMap<string, DecisionAttributes>,
): Trade {
  const decision = trade.decisionId ? decisions.get(trade.decisionId) : undefined;
  const netPnl = trade.grossPnl - trade.charges;
  return {
    tradeId: `${fill.source}:${fill.symbol}#${trade.tradeNumber}`,
    symbol: fill.symbol,
    source: fill.source,
    currency: fill.currency,
    direction: trade.direction,
    sessionId: trade.sessionId,
    entryTsUs: trade.entryTsUs,
    exitTsUs: fill.tsEventUs,
    day: marketDay(fill.currency, fill.tsEventUs),
    quantity: trade.quantity,
    entryNotional: trade.entryNotional,
    grossPnl: trade.grossPnl,
    charges: trade.charges,
    netPnl,
    returnOnNotional: trade.entryNotional === 0 ? 0 : netPnl / trade.entryNotional,
    decisionId: trade.decisionId,
    exitDecisionId: fill.decisionId,
    signal: decision?.signal ?? null,
    regime: decision?.regime ?? null,
    fills: trade.fills,
  };
}

/**
 * Performance of a set of trades (one currency), by the one definition every report uses
 * (src/shared/analytics/performance.ts). Money in minor units.
 */
export type TradeStats = PerformanceMetrics;

export function computeStats(trades: readonly Trade[]): TradeStats {
  return performanceOf([...trades].sort((a, b) => a.exitTsUs - b.exitTsUs));
}

export function groupStats(
  trades: readonly Trade[],
  keyOf: (trade: Trade) => string,
): Record<string, TradeStats> {
  const groups = new Map<string, Trade[]>();
  for (const trade of trades) {
    const key = keyOf(trade);
    const list = groups.get(key) ?? [];
    list.push(trade);
    groups.set(key, list);
  }
  const result: Record<string, TradeStats> = {};
  for (const key of [...groups.keys()].sort()) result[key] = computeStats(groups.get(key) as Trade[]);
  return result;
}

export interface CurrencyReport {
  readonly currency: string;
  readonly overall: TradeStats;
  readonly byDay: Record<string, TradeStats>;
  readonly bySession: Record<string, TradeStats>;
  readonly bySignal: Record<string, TradeStats>;
  readonly byRegime: Record<string, TradeStats>;
  readonly bySide: Record<string, TradeStats>;
  /** manual vs auto (and replay). */
  readonly bySource: Record<string, TradeStats>;
}

export function currencyReports(trades: readonly Trade[]): CurrencyReport[] {
  const currencies = [...new Set(trades.map((trade) => trade.currency))].sort();
  return currencies.map((currency) => {
    const subset = trades.filter((trade) => trade.currency === currency);
    return {
      currency,
      overall: computeStats(subset),
      byDay: groupStats(subset, (trade) => trade.day),
      bySession: groupStats(subset, (trade) => trade.sessionId ?? 'none'),
      bySignal: groupStats(subset, (trade) => trade.signal ?? 'none'),
      byRegime: groupStats(subset, (trade) => trade.regime ?? 'none'),
      bySide: groupStats(subset, (trade) => trade.direction),
      bySource: groupStats(subset, (trade) => trade.source),
    };
  });
}

/** Gate verdicts over recorded decisions: how often each gate was evaluated, passed and blocked. */
export interface GateBreakdown {
  readonly evaluated: number;
  readonly passed: number;
  readonly blocked: number;
  /** Trades opened by decisions in which this gate was evaluated (and therefore passed). */
  readonly trades: TradeStats;
}

export interface GateVerdict {
  readonly name: string;
  readonly pass: boolean;
}

/** Reads gate verdicts leniently: `{name, pass}`, `{name, passed}` or `{name, verdict: 'pass'|'block'}`. */
export function parseGateVerdicts(gates: unknown): GateVerdict[] {
  if (!Array.isArray(gates)) return [];
  const verdicts: GateVerdict[] = [];
  for (const gate of gates) {
    if (gate === null || typeof gate !== 'object') continue;
    const record = gate as Record<string, unknown>;
    const name =
      typeof record.name === 'string' ? record.name : typeof record.gate === 'string' ? record.gate : null;
    if (name === null) continue;
    let pass: boolean | null = null;
    if (typeof record.pass === 'boolean') pass = record.pass;
    else if (typeof record.passed === 'boolean') pass = record.passed;
    else if (typeof record.verdict === 'string') pass = record.verdict === 'pass';
    if (pass !== null) verdicts.push({ name, pass });
  }
  return verdicts;
}

export function gateBreakdown(
  decisions: ReadonlyArray<{ readonly decisionId: string | null; readonly gates: readonly GateVerdict[] }>,
  trades: readonly Trade[],
): Record<string, GateBreakdown> {
  const counts = new Map<
    string,
    { evaluated: number; passed: number; blocked: number; decisionIds: Set<string> }
  >();
  for (const decision of decisions) {
    for (const gate of decision.gates) {
      const entry = counts.get(gate.name) ?? {
        evaluated: 0,
        passed: 0,
        blocked: 0,
        decisionIds: new Set<string>(),
      };
      entry.evaluated++;
      if (gate.pass) entry.passed++;
      else entry.blocked++;
      if (decision.decisionId) entry.decisionIds.add(decision.decisionId);
      counts.set(gate.name, entry);
    }
  }
  const result: Record<string, GateBreakdown> = {};
  for (const name of [...counts.keys()].sort()) {
    const entry = counts.get(name) as {
      evaluated: number;
      passed: number;
      blocked: number;
      decisionIds: Set<string>;
    };
    result[name] = {
      evaluated: entry.evaluated,
      passed: entry.passed,
      blocked: entry.blocked,
      trades: computeStats(
        trades.filter((trade) => trade.decisionId !== null && entry.decisionIds.has(trade.decisionId)),
      ),
    };
  }
  return result;
}
