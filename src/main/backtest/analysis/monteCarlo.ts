import { SeededRandom } from '../../../shared/domain/random';
import { maxDrawdownOf } from '../../../shared/analytics/performance';

/**
 * Monte Carlo of a backtest's trade list, two ways:
 * - reshuffle: the same trades in random order. The final P&L cannot change; the drawdown can, so
 *   this asks "how bad could the path have been with these trades?".
 * - bootstrap: as many trades as the backtest had, drawn with replacement. Both P&L and drawdown vary,
 *   so this asks "what if the day had dealt a different mix of these trades?".
 * Seeded (the "deterministic engine" principle): the same trades and seed give the same distribution.
 */
export interface Distribution {
  readonly mean: number;
  readonly p5: number;
  readonly p25: number;
  readonly p50: number;
  readonly p75: number;
  readonly p95: number;
  readonly worst: number;
  readonly best: number;
}

export interface MonteCarloResult {
  readonly method: 'reshuffle' | 'bootstrap';
  readonly runs: number;
  readonly trades: number;
  readonly seed: number;
  readonly netPnl: Distribution;
  readonly maxDrawdown: Distribution;
  /** Share of runs ending with net P&L below zero. */
  readonly probabilityOfLoss: number;
}

export interface MonteCarloOptions {
  readonly runs?: number;
  readonly seed?: number;
}

const round = (value: number): number => {
  const rounded = Math.round(value * 1e4) / 1e4;
  return rounded === 0 ? 0 : rounded;
};

/** Percentile by linear interpolation between closest ranks (the common "type 7" definition). */
export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  const position = (sorted.length - 1) * fraction;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
}

export function distributionOf(values: readonly number[], worstIsHigh = false): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return {
    mean: round(mean),
    p5: round(percentile(sorted, 0.05)),
    p25: round(percentile(sorted, 0.25)),
    p50: round(percentile(sorted, 0.5)),
    p75: round(percentile(sorted, 0.75)),
    p95: round(percentile(sorted, 0.95)),
    worst: round(worstIsHigh ? sorted[sorted.length - 1] : sorted[0]),
    best: round(worstIsHigh ? sorted[0] : sorted[sorted.length - 1]),
  };
}

export function monteCarlo(
  pnls: readonly number[],
  method: 'reshuffle' | 'bootstrap',
  options: MonteCarloOptions = {},
): MonteCarloResult {
  const runs = options.runs ?? 1000;
  const seed = options.seed ?? 1;
  const random = new SeededRandom(seed);
  const count = pnls.length;
  const sample = new Array<number>(count);
  const finals: number[] = [];
  const drawdowns: number[] = [];
  let losses = 0;
  for (let run = 0; run < runs; run++) {
    if (method === 'reshuffle') {
      for (let i = 0; i < count; i++) sample[i] = pnls[i];
      // Fisher–Yates: every order equally likely.
      for (let i = count - 1; i > 0; i--) {
        const j = Math.floor(random.next() * (i + 1));
        const swap = sample[i];
        sample[i] = sample[j];
        sample[j] = swap;
      }
    } else {
      for (let i = 0; i < count; i++) sample[i] = pnls[Math.floor(random.next() * count)];
    }
    let total = 0;
    for (let i = 0; i < count; i++) total += sample[i];
    finals.push(total);
    drawdowns.push(maxDrawdownOf(sample));
    if (total < 0) losses++;
  }
  return {
    method,
    runs,
    trades: count,
    seed,
    netPnl: distributionOf(finals),
    maxDrawdown: distributionOf(drawdowns, true),
    probabilityOfLoss: runs > 0 ? round(losses / runs) : 0,
  };
}
