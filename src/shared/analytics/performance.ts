/**
 * The performance figures of a list of closed trades: the one definition behind `scalpdesk ledger
 * stats`, replay reports, sweeps and the analytics window, so a backtest and a live day compare like
 * for like. Platform-free: the renderer may compute them too.
 *
 * Definitions (trades taken in exit order):
 * - winRate: share of trades with netPnl > 0 (a scratch at exactly 0 is neither a win nor a loss).
 * - averageWinner / averageLoser: mean net P&L of winning / losing trades (the loser's is negative).
 * - rewardToRisk: averageWinner / |averageLoser|.
 * - expectancy: mean net P&L per trade (= winRate × averageWinner + lossRate × averageLoser).
 * - profitFactor: gross winnings / gross losses, net of each trade's charges (null without a losing
 *   trade: infinite is not a number).
 * - maxDrawdown: largest fall of cumulative net P&L from a running peak that starts at 0, positive.
 * - sharpe: mean / sample standard deviation of per-trade returns on notional (net P&L over the
 *   premium put at risk), not annualised; null below two trades, when a trade's return is unknown, or
 *   without dispersion. "Without dispersion" means a standard deviation at or below 1e-12: equal
 *   returns summed in floating point leave a variance of ~1e-33 rather than 0, and dividing by its root
 *   would report a Sharpe of ~10^15 for a perfectly flat series.
 *
 * Rounding, once, here: money to 4 decimal places (a no-op on minor units, which are integers; it
 * removes float noise from the decimal currency amounts replay reports use) and ratios to 6. The same
 * trades must give the same text in the ledger, a saved backtest run and a sweep's CSV.
 */

/** What the figures need of a closed trade, whoever built it (the ledger or a replay). */
export interface TradeOutcome {
  readonly netPnl: number;
  readonly grossPnl: number;
  readonly charges: number;
  /** netPnl / entryNotional; undefined where not known (Sharpe is then null). */
  readonly returnOnNotional?: number;
}

export interface PerformanceMetrics {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly breakeven: number;
  readonly winRate: number | null;
  readonly grossPnl: number;
  readonly charges: number;
  readonly netPnl: number;
  readonly averageWinner: number | null;
  /** Negative: the mean net P&L of losing trades. */
  readonly averageLoser: number | null;
  readonly rewardToRisk: number | null;
  readonly expectancy: number | null;
  readonly profitFactor: number | null;
  readonly maxDrawdown: number;
  readonly sharpe: number | null;
}

export interface EquityPoint {
  readonly tsUs: number;
  readonly equity: number;
  readonly drawdown: number;
}

const MONEY_DECIMALS = 4;
const RATIO_DECIMALS = 6;
/** A standard deviation at or below this is no dispersion (see the Sharpe note above). */
const NO_DISPERSION = 1e-12;

function round(value: number, decimals: number): number {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded; // no -0 in reports
}

const money = (value: number): number => round(value, MONEY_DECIMALS);
const ratio = (value: number): number => round(value, RATIO_DECIMALS);

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

/** The figures of `trades`, which must be in exit order (the drawdown follows it). */
export function performanceOf(trades: readonly TradeOutcome[]): PerformanceMetrics {
  const pnls = trades.map((trade) => trade.netPnl);
  const won = sum(pnls.filter((pnl) => pnl > 0));
  const lost = sum(pnls.filter((pnl) => pnl < 0));
  const wins = pnls.filter((pnl) => pnl > 0).length;
  const losses = pnls.filter((pnl) => pnl < 0).length;
  const count = trades.length;
  const netPnl = sum(pnls);
  const averageWinner = wins > 0 ? won / wins : null;
  const averageLoser = losses > 0 ? lost / losses : null;
  const returns = trades.map((trade) => trade.returnOnNotional);
  return {
    trades: count,
    wins,
    losses,
    breakeven: count - wins - losses,
    winRate: count > 0 ? ratio(wins / count) : null,
    grossPnl: money(sum(trades.map((trade) => trade.grossPnl))),
    charges: money(sum(trades.map((trade) => trade.charges))),
    netPnl: money(netPnl),
    averageWinner: averageWinner === null ? null : money(averageWinner),
    averageLoser: averageLoser === null ? null : money(averageLoser),
    rewardToRisk:
      averageWinner !== null && averageLoser !== null ? ratio(averageWinner / Math.abs(averageLoser)) : null,
    expectancy: count > 0 ? money(netPnl / count) : null,
    profitFactor: lost < 0 ? ratio(won / -lost) : null,
    maxDrawdown: money(maxDrawdownOf(pnls)),
    sharpe: returns.every((value) => value !== undefined) ? sharpeOf(returns as number[]) : null,
  };
}

/** Mean / sample standard deviation; null below two values or without dispersion. */
export function sharpeOf(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = sum(values) / values.length;
  const variance = sum(values.map((value) => (value - mean) ** 2)) / (values.length - 1);
  const deviation = Math.sqrt(variance);
  return deviation > NO_DISPERSION ? ratio(mean / deviation) : null;
}

/** Largest fall of cumulative P&L from a running peak that starts at 0, as a positive amount. */
export function maxDrawdownOf(pnls: readonly number[]): number {
  let equity = 0;
  let peak = 0;
  let worst = 0;
  for (const pnl of pnls) {
    equity += pnl;
    if (equity > peak) peak = equity;
    if (peak - equity > worst) worst = peak - equity;
  }
  return worst;
}

/** Cumulative net P&L after each trade (at its exit time) and the drawdown from the running peak. */
export function equityCurve<Trade extends TradeOutcome>(
  trades: readonly Trade[],
  exitTsUs: (trade: Trade) => number,
): EquityPoint[] {
  let equity = 0;
  let peak = 0;
  return trades.map((trade) => {
    equity += trade.netPnl;
    if (equity > peak) peak = equity;
    return { tsUs: exitTsUs(trade), equity: money(equity), drawdown: money(peak - equity) };
  });
}
