import { SeededRandom } from '../../../src/shared/domain/random';
import { priceOption } from '../../../src/shared/options/pricing';
import type { FakeBook } from './fakeBook';

/** One option book the walk prices from the underlying. */
export interface WalkedOption {
  readonly book: FakeBook;
  readonly strike: number;
  readonly right: 'CE' | 'PE';
}

export interface FakeWalkOptions {
  readonly seed: number;
  /** Standard deviation of the underlying's log move per step (0.0002 = 2 bp). */
  readonly stepVolatility: number;
  /** Log drift per step while a leg trends; legs alternate up, down and flat, `legSteps` steps each. */
  readonly trendPerStep: number;
  readonly legSteps: number;
  /** Volatility the options are priced at (BSM, rate 0), and their time to expiry now in years. */
  readonly iv: number;
  readonly years: () => number;
}

/**
 * A seeded random walk with trending legs for a fake broker's books (only for tests that need the
 * engine to find signals): each step moves the underlying by drift + noise and reprices every option
 * from it, so the quotes stay consistent (put-call parity, IV near `iv`). Same seed, same path.
 */
export class FakeWalk {
  private readonly random: SeededRandom;
  private steps = 0;

  constructor(
    private readonly underlying: FakeBook,
    private readonly options: readonly WalkedOption[],
    private readonly settings: FakeWalkOptions,
  ) {
    this.random = new SeededRandom(settings.seed);
    this.price();
  }

  step(): void {
    const leg = Math.floor(this.steps / this.settings.legSteps) % 4;
    const drift = [1, 0, -1, 0][leg] * this.settings.trendPerStep;
    this.steps++;
    const move = drift + this.settings.stepVolatility * this.random.normal();
    this.underlying.moveTo(this.underlying.mid * Math.exp(move));
    this.price();
  }

  private price(): void {
    const years = Math.max(this.settings.years(), 1e-6);
    for (const option of this.options) {
      const value = priceOption({
        model: 'bs',
        type: option.right === 'CE' ? 'call' : 'put',
        spot: this.underlying.mid,
        strike: option.strike,
        years,
        rate: 0,
        vol: this.settings.iv,
      }).price;
      option.book.moveTo(value);
    }
  }
}
