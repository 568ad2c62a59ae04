import type { EngineParams, RegimeName, SignalName } from '../config/schema';
import { SIGNAL_NAMES } from '../config/schema';
import type { UnderlyingState } from '../market/underlyingState';
import type { StrategyRouter } from '../regime/strategyRouter';
import { BreakoutSignal } from './breakout';
import { MomentumBurstSignal } from './momentumBurst';
import { OrderFlowImbalanceSignal } from './orderFlowImbalance';
import type { SignalDetector, SignalResult } from './signalResult';
import { VwapRejectionSignal } from './vwapRejection';

/**
 * Runs the routed signals in priority order and picks the best: highest confidence, ties to the earlier
 * in `signals.priority`. Signals not routed in the current regime are not evaluated. The fired
 * results are kept in a preallocated list (best first) for the decision record.
 */
export class SignalBoard {
  private readonly detectors: SignalDetector[];
  /** Index of each detector's signal in SIGNAL_NAMES (for the router's routed-signal arrays). */
  private readonly signalIndex: number[];
  readonly fired: SignalResult[] = [];
  firedCount = 0;

  constructor(
    underlying: UnderlyingState,
    params: EngineParams,
    private readonly router: StrategyRouter,
  ) {
    const byName: Record<SignalName, SignalDetector> = {
      momentumBurst: new MomentumBurstSignal(underlying, params.signals.momentumBurst),
      vwapRejection: new VwapRejectionSignal(underlying, params.signals.vwapRejection),
      breakout: new BreakoutSignal(underlying, params.signals.breakout),
      orderFlowImbalance: new OrderFlowImbalanceSignal(
        underlying,
        params.signals.orderFlowImbalance,
        params.indicators.pressureWindowSeconds,
      ),
    };
    this.detectors = params.signals.priority.map((name) => byName[name]);
    this.signalIndex = this.detectors.map((detector) => SIGNAL_NAMES.indexOf(detector.name));
    for (let i = 0; i < this.detectors.length; i++) this.fired.push(this.detectors[i].result);
  }

  /**
   * Evaluates the signals routed for `regime`; returns the best fired result or null. With `bookOnly`
   * (a depth or quote update: no new price, no time step) only the signals that read the book are
   * re-evaluated; the others keep the result of their last evaluation, which only a price or the
   * clock can change.
   */
  evaluate(nowUs: number, regime: RegimeName, bookOnly = false): SignalResult | null {
    let best: SignalResult | null = null;
    this.firedCount = 0;
    const routed = this.router.routedSignals(regime);
    for (let i = 0; i < this.detectors.length; i++) {
      const detector = this.detectors[i];
      if (!routed[this.signalIndex[i]]) {
        detector.result.clear();
        continue;
      }
      const fired = bookOnly && !detector.readsBook ? detector.result.fired : detector.evaluate(nowUs);
      if (!fired) continue;
      const result = detector.result;
      // Insertion into the fired list, kept best-first (stable: earlier priority wins ties).
      let position = this.firedCount;
      while (position > 0 && this.fired[position - 1].confidence < result.confidence) {
        this.fired[position] = this.fired[position - 1];
        position--;
      }
      this.fired[position] = result;
      this.firedCount++;
      if (best === null || result.confidence > best.confidence) best = result;
    }
    return best;
  }
}
