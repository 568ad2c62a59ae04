import type { EngineParams, RegimeName } from '../config/schema';
import { DEFAULT_ADAPTATION, REGIME_NAMES } from '../config/schema';
import { majorToMinor } from '../risk/money';

/** One change of a regime's arm: what the decision record carries. */
export interface AdaptationChange {
  readonly regime: RegimeName;
  readonly parameter: 'gates.minScore.minScore';
  readonly fromArm: number;
  readonly toArm: number;
  readonly from: number;
  readonly to: number;
  /** The declared bounds of the parameter (lowest and highest arm). */
  readonly bounds: readonly [number, number];
  /** Why: the arms' statistics that chose it. */
  readonly reason: string;
  readonly arms: readonly { readonly offset: number; readonly trades: number; readonly meanReward: number }[];
}

/**
 * Bounded auto-adaptation: per regime, a deterministic UCB1 bandit over a few declared arms of the
 * entry score bar (`gates.minScore.minScore` + offset). Each closed trade rewards the arm it was
 * opened under with its net P&L over `rewardScale`, clipped to [−1, 1]; then that regime's arm is
 * re-chosen — untried arms first in declared order, else the highest mean + exploration ×
 * √(2 ln N / n), ties to the earlier arm. No randomness and no clock: the same closed trades in the
 * same order give the same changes, so a replay reproduces them bit for bit. The score bar can only
 * take an arm's value, so it never leaves the declared bounds.
 */
export class Adaptation {
  private readonly offsets: readonly number[];
  private readonly rewardScale: number;
  private readonly exploration: number;
  private readonly base: number;
  /** Per regime (REGIME_NAMES order) × arm. */
  private readonly trades: Float64Array;
  private readonly rewards: Float64Array;
  private readonly current: Int32Array;

  constructor(params: EngineParams) {
    const settings = params.adaptation ?? DEFAULT_ADAPTATION;
    this.offsets = settings.minScoreOffsets;
    this.rewardScale = majorToMinor(settings.rewardScale);
    this.exploration = settings.exploration;
    this.base = params.gates.minScore.minScore;
    this.trades = new Float64Array(REGIME_NAMES.length * this.offsets.length);
    this.rewards = new Float64Array(REGIME_NAMES.length * this.offsets.length);
    this.current = new Int32Array(REGIME_NAMES.length);
  }

  /** Whether a preset adapts: stated, or by default when its router is adaptive. */
  static enabledFor(params: EngineParams): boolean {
    return params.adaptation === undefined ? params.router.adaptive : params.adaptation.enabled;
  }

  /** The arm a regime trades under now. */
  armOf(regime: RegimeName): number {
    return this.current[REGIME_NAMES.indexOf(regime)];
  }

  /** The score bar's offset for a regime now. */
  minScoreOffset(regime: RegimeName): number {
    return this.offsets[this.armOf(regime)];
  }

  /** Rewards `arm` of `regime` with a closed trade's net P&L (minor units); returns the change, if any. */
  onTradeClosed(regime: RegimeName, arm: number, netPnl: number): AdaptationChange | null {
    const r = REGIME_NAMES.indexOf(regime);
    const arms = this.offsets.length;
    if (arm < 0 || arm >= arms) return null;
    const reward = Math.max(-1, Math.min(1, netPnl / this.rewardScale));
    this.trades[r * arms + arm] += 1;
    this.rewards[r * arms + arm] += reward;
    const chosen = this.choose(r);
    const previous = this.current[r];
    if (chosen === previous) return null;
    this.current[r] = chosen;
    return this.describe(regime, r, previous, chosen);
  }

  private choose(r: number): number {
    const arms = this.offsets.length;
    let total = 0;
    for (let a = 0; a < arms; a++) {
      if (this.trades[r * arms + a] === 0) return a;
      total += this.trades[r * arms + a];
    }
    let best = 0;
    let bestScore = -Infinity;
    for (let a = 0; a < arms; a++) {
      const n = this.trades[r * arms + a];
      const score = this.rewards[r * arms + a] / n + this.exploration * Math.sqrt((2 * Math.log(total)) / n);
      if (score > bestScore + 1e-12) {
        best = a;
        bestScore = score;
      }
    }
    return best;
  }

  private describe(regime: RegimeName, r: number, from: number, to: number): AdaptationChange {
    const arms = this.offsets.length;
    const stats = this.offsets.map((offset, a) => {
      const n = this.trades[r * arms + a];
      return {
        offset,
        trades: n,
        meanReward: n === 0 ? 0 : Math.round((this.rewards[r * arms + a] / n) * 1e4) / 1e4,
      };
    });
    const untried = stats[to].trades === 0;
    const value = (arm: number): number => this.base + this.offsets[arm];
    return {
      regime,
      parameter: 'gates.minScore.minScore',
      fromArm: from,
      toArm: to,
      from: value(from),
      to: value(to),
      bounds: [this.base + Math.min(...this.offsets), this.base + Math.max(...this.offsets)],
      reason: untried
        ? `${regime}: arm ${to} (score bar ${value(to)}) not yet tried`
        : `${regime}: arm ${to} (score bar ${value(to)}) has the best upper bound: mean reward ${stats[to].meanReward} over ${stats[to].trades} trade(s)`,
      arms: stats,
    };
  }
}
