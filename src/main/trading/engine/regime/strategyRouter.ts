import type { EngineParams, PackName, RegimeName, SignalName } from '../config/schema';
import { REGIME_NAMES, SIGNAL_NAMES } from '../config/schema';

interface Route {
  readonly packs: readonly PackName[];
  /** Whether each signal (in SIGNAL_NAMES order) is routed: the per-event check is an array read. */
  readonly routed: readonly boolean[];
  /** The pack each routed signal trades under (the first routed, enabled pack that lists it). */
  readonly packOfSignal: ReadonlyMap<SignalName, PackName>;
}

/**
 * Regime router: which strategy packs (and so which signals) may trade in the current regime.
 * Adaptive presets route per regime (trend → momentum burst and breakout, range → VWAP rejection and
 * mean reversion, volatile → the volatility pack with smaller size and wider stops, or nothing to stand
 * aside); the others trade their `static` packs in every regime. A disabled pack never routes. Routes
 * are precomputed, so the per-event lookup allocates nothing.
 */
export class StrategyRouter {
  private readonly routes = new Map<RegimeName, Route>();

  constructor(private readonly params: EngineParams) {
    for (const regime of REGIME_NAMES) {
      const listed = params.router.adaptive ? params.router[regime] : params.router.static;
      const packs = listed.filter((pack) => params.packs[pack].enabled);
      const packOfSignal = new Map<SignalName, PackName>();
      for (const pack of packs) {
        for (const signal of params.packs[pack].signals)
          if (!packOfSignal.has(signal)) packOfSignal.set(signal, pack);
      }
      this.routes.set(regime, {
        packs,
        packOfSignal,
        routed: SIGNAL_NAMES.map((signal) => packOfSignal.has(signal)),
      });
    }
  }

  packs(regime: RegimeName): readonly PackName[] {
    return (this.routes.get(regime) as Route).packs;
  }

  /** Per signal (SIGNAL_NAMES order): routed in this regime? */
  routedSignals(regime: RegimeName): readonly boolean[] {
    return (this.routes.get(regime) as Route).routed;
  }

  /** The pack a signal trades under in this regime, or undefined when it is not routed. */
  packFor(regime: RegimeName, signal: SignalName): PackName | undefined {
    return (this.routes.get(regime) as Route).packOfSignal.get(signal);
  }

  sizeMultiplier(pack: PackName): number {
    return this.params.packs[pack].sizeMultiplier;
  }

  stopMultiplier(pack: PackName): number {
    return this.params.packs[pack].stopMultiplier;
  }
}
