import type { SeededRandom } from '../../shared/domain/random';

/**
 * Market regimes of the simulated underlying, switched by a seeded Markov chain: each regime lasts an
 * exponentially distributed time (mean `meanDurationSeconds`), then the next regime is drawn from the
 * transition row of the current one (no self-transitions; rows sum to 1). Exponential holding times
 * plus the jump chain make this a continuous-time Markov chain, the standard regime-switching model
 * (Hamilton 1989, in continuous time).
 */
export const REGIMES = ['trend', 'range', 'volatile', 'jump'] as const;
export type Regime = (typeof REGIMES)[number];

/** How a regime shapes the tape and the book. Multipliers are relative to the underlying's base values. */
export interface RegimeBehaviour {
  /** Diffusion volatility. */
  readonly volatilityMultiplier: number;
  /** Inside spread of the underlying book and option quote widths. */
  readonly spreadMultiplier: number;
  /** Order-flow and trade arrival rate. */
  readonly activityMultiplier: number;
  /** Level that option implied volatility drifts towards. */
  readonly impliedVolatilityMultiplier: number;
  /** Probability that a stale quote (left behind by a price move) is traded through rather than cancelled. */
  readonly takeStaleProbability: number;
  /** Probability that a market order is a sweep through several levels. */
  readonly sweepProbability: number;
}

export const REGIME_BEHAVIOUR: Readonly<Record<Regime, RegimeBehaviour>> = {
  trend: {
    volatilityMultiplier: 1,
    spreadMultiplier: 1,
    activityMultiplier: 1.2,
    impliedVolatilityMultiplier: 1,
    takeStaleProbability: 0.45,
    sweepProbability: 0.02,
  },
  range: {
    volatilityMultiplier: 0.7,
    spreadMultiplier: 1,
    activityMultiplier: 0.8,
    impliedVolatilityMultiplier: 0.95,
    takeStaleProbability: 0.3,
    sweepProbability: 0.01,
  },
  volatile: {
    volatilityMultiplier: 2.2,
    spreadMultiplier: 2.5,
    activityMultiplier: 2,
    impliedVolatilityMultiplier: 1.2,
    takeStaleProbability: 0.6,
    sweepProbability: 0.06,
  },
  jump: {
    volatilityMultiplier: 3,
    spreadMultiplier: 4,
    activityMultiplier: 3,
    impliedVolatilityMultiplier: 1.35,
    takeStaleProbability: 0.9,
    sweepProbability: 0.2,
  },
};

export interface RegimeModel {
  readonly meanDurationSeconds: Readonly<Record<Regime, number>>;
  /** transitions[from][to]: probability of moving to `to` when `from` ends. */
  readonly transitions: Readonly<Record<Regime, Readonly<Record<Regime, number>>>>;
}

/**
 * Defaults: a session of 6¼ hours sees ~35 regime changes; about one exit in five goes to a jump, so
 * every regime shows up most days, and a jump is brief (≈ 45 s) and usually followed by volatility.
 */
export const DEFAULT_REGIME_MODEL: RegimeModel = {
  meanDurationSeconds: { trend: 720, range: 900, volatile: 360, jump: 45 },
  transitions: {
    trend: { trend: 0, range: 0.45, volatile: 0.35, jump: 0.2 },
    range: { trend: 0.45, range: 0, volatile: 0.35, jump: 0.2 },
    volatile: { trend: 0.35, range: 0.45, volatile: 0, jump: 0.2 },
    jump: { trend: 0.2, range: 0.2, volatile: 0.6, jump: 0 },
  },
};

export class RegimeModelError extends Error {
  override name = 'RegimeModelError';
}

/** Fills in a partial override and checks that every row is a probability distribution without self-loops. */
export function resolveRegimeModel(override?: {
  meanDurationSeconds?: Partial<Record<Regime, number>>;
  transitions?: Partial<Record<Regime, Partial<Record<Regime, number>>>>;
}): RegimeModel {
  const meanDurationSeconds = {
    ...DEFAULT_REGIME_MODEL.meanDurationSeconds,
    ...override?.meanDurationSeconds,
  };
  const transitions = {} as Record<Regime, Record<Regime, number>>;
  for (const from of REGIMES) {
    const row = override?.transitions?.[from];
    transitions[from] =
      row === undefined
        ? { ...DEFAULT_REGIME_MODEL.transitions[from] }
        : { trend: 0, range: 0, volatile: 0, jump: 0, ...row };
  }
  for (const regime of REGIMES) {
    const duration = meanDurationSeconds[regime];
    if (!(duration > 0) || !Number.isFinite(duration))
      throw new RegimeModelError(`meanDurationSeconds.${regime} must be a positive number, got ${duration}`);
    const row = transitions[regime];
    let sum = 0;
    for (const to of REGIMES) {
      const p = row[to];
      if (!(p >= 0) || !Number.isFinite(p))
        throw new RegimeModelError(`transitions.${regime}.${to} must be a probability, got ${p}`);
      sum += p;
    }
    if (row[regime] !== 0)
      throw new RegimeModelError(
        `transitions.${regime}.${regime} must be 0: a regime ends by moving to another`,
      );
    if (Math.abs(sum - 1) > 1e-9)
      throw new RegimeModelError(`transitions.${regime} must sum to 1, got ${sum}`);
  }
  return { meanDurationSeconds, transitions };
}

/**
 * Long-run share of time spent in each regime: the stationary distribution ν of the jump chain
 * (ν = νP, by power iteration) weighted by mean durations, π_i ∝ ν_i · duration_i.
 */
export function stationaryTimeShares(model: RegimeModel): Record<Regime, number> {
  let nu = REGIMES.map(() => 1 / REGIMES.length);
  for (let iteration = 0; iteration < 500; iteration++) {
    const next = REGIMES.map(() => 0);
    REGIMES.forEach((from, i) =>
      REGIMES.forEach((to, j) => (next[j] += nu[i] * model.transitions[from][to])),
    );
    // Average with the previous vector: a periodic chain (two regimes alternating) would otherwise oscillate.
    nu = next.map((value, index) => 0.5 * (value + nu[index]));
  }
  const weights = REGIMES.map((regime, index) => nu[index] * model.meanDurationSeconds[regime]);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const shares = {} as Record<Regime, number>;
  REGIMES.forEach((regime, index) => (shares[regime] = weights[index] / total));
  return shares;
}

/**
 * Long-run variance multiplier of the diffusion, Σ π_i · volatilityMultiplier_i². The process divides
 * its base σ by √ of this, so an underlying's `annualVolatility` is its long-run realised volatility
 * (jumps excluded) whatever the regime mix.
 */
export function diffusionVarianceMultiplier(model: RegimeModel): number {
  const shares = stationaryTimeShares(model);
  let variance = 0;
  for (const regime of REGIMES)
    variance += shares[regime] * REGIME_BEHAVIOUR[regime].volatilityMultiplier ** 2;
  return variance;
}

export function drawNextRegime(model: RegimeModel, current: Regime, random: SeededRandom): Regime {
  const row = model.transitions[current];
  let u = random.next();
  for (const to of REGIMES) {
    u -= row[to];
    if (u < 0) return to;
  }
  // Rounding can leave u a hair above 0 after the last row entry: take the last positive one.
  for (let index = REGIMES.length - 1; index >= 0; index--)
    if (row[REGIMES[index]] > 0) return REGIMES[index];
  return current;
}

export function drawRegimeDurationUs(model: RegimeModel, regime: Regime, random: SeededRandom): number {
  return Math.max(1, Math.round(random.exponential(1 / model.meanDurationSeconds[regime]) * 1_000_000));
}
