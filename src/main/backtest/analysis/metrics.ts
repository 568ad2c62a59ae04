import type { ClosedTrade } from './roundTrips';

/**
 * Performance figures of a list of closed trades, the same definitions as the ledger's analytics
 * (issue 5) so a backtest and a live day compare like for like:
 * - winRate: share of trades with netPnl > 0 (a scratch at exactly 0 is not a win).
 * - expectancy: average net P&L per trade.
 * - profitFactor: gross winnings / gross losses (null without a losing trade: infinite is not a number).
 * - maxDrawdown: largest fall of cumulative net P&L from a running peak, the peak starting at 0, as a
 *   positive amount.
 * - sharpe: mean / sample standard deviation of per-trade returns on notional (net P&L over the
 *   premium paid to open), not annualised, as the ledger's analytics; null below 2 trades or with no
 *   dispersion.
 */
export interface PerformanceMetrics {
  readonly trades: number;
  readonly wins: number;
  readonly losses: number;
  readonly grossPnl: number;
  readonly charges: number;
  readonly netPnl: number;
  readonly winRate: number | null;
  readonly averageWin: number | null;
  readonly averageLoss: number | null;
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

const round = (value: number, decimals = 4): number => {
  const scale = 10 ** decimals;
  const rounded = Math.round(value * scale) / scale;
  return rounded === 0 ? 0 : rounded;
};

export function computeMetrics(trades: readonly ClosedTrade[]): PerformanceMetrics {
  return metricsOfPnls(
    trades.map((trade) => trade.netPnl),
    {
      returns: trades.map((trade) => trade.returnOnNotional),
      grossPnl: trades.reduce((sum, trade) => sum + trade.grossPnl, 0),
      charges: trades.reduce((sum, trade) => sum + trade.charges, 0),
    },
  );
}

/** Sample mean / sample standard deviation; null below two values or without dispersion. */
export function sharpeOf(values: readonly number[]): number | null {
  if (values.length < 2) return null;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  let variance = 0;
  for (const value of values) variance += (value - mean) ** 2;
  const sd = Math.sqrt(variance / (values.length - 1));
  return sd > 1e-12 ? round(mean / sd, 6) : null;
}

/**
 * The same figures from bare per-trade net P&Ls (walk-forward joins folds' trades this way). Sharpe
 * needs the trades' returns on notional; without them it is null.
 */
export function metricsOfPnls(
  pnls: readonly number[],
  extra: { readonly returns?: readonly number[]; readonly grossPnl?: number; readonly charges?: number } = {},
): PerformanceMetrics {
  const grossPnl = extra.grossPnl ?? pnls.reduce((a, b) => a + b, 0);
  const charges = extra.charges ?? 0;
  let wins = 0;
  let losses = 0;
  let won = 0;
  let lost = 0;
  let net = 0;
  for (const pnl of pnls) {
    net += pnl;
    if (pnl > 0) {
      wins++;
      won += pnl;
    } else if (pnl < 0) {
      losses++;
      lost -= pnl;
    }
  }
  const count = pnls.length;
  const mean = count > 0 ? net / count : 0;
  return {
    trades: count,
    wins,
    losses,
    grossPnl: round(grossPnl),
    charges: round(charges),
    netPnl: round(net),
    winRate: count > 0 ? round(wins / count, 6) : null,
    averageWin: wins > 0 ? round(won / wins) : null,
    averageLoss: losses > 0 ? round(-lost / losses) : null,
    expectancy: count > 0 ? round(mean) : null,
    profitFactor: lost > 0 ? round(won / lost, 6) : null,
    maxDrawdown: round(maxDrawdownOf(pnls)),
    sharpe: extra.returns === undefined ? null : sharpeOf(extra.returns),
  };
}

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
export function equityCurve(trades: readonly ClosedTrade[]): EquityPoint[] {
  let equity = 0;
  let peak = 0;
  return trades.map((trade) => {
    equity += trade.netPnl;
    if (equity > peak) peak = equity;
    return { tsUs: trade.exitTs, equity: round(equity), drawdown: round(peak - equity) };
  });
}
