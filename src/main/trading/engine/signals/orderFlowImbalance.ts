import type { EngineParams } from '../config/schema';
import type { UnderlyingState } from '../market/underlyingState';
import type { SignalDetector } from './signalResult';
import { SignalResult, unitScale } from './signalResult';
import { windowIndexOf } from '../market/underlyingState';

/**
 * Order-flow imbalance (issue 4): buy pressure (share of aggressive volume that lifted the offer) in
 * [minPressure, maxPressure] — 70–95 % by default; above that it is exhaustion — and the top-5 bid size
 * at least `minBookRatio` × the top-5 ask size: bullish (calls). The mirror — sell pressure in the band
 * and asks outweighing bids — is bearish (puts). Confidence: pressure inside the band (50) and book
 * ratio (50).
 */
export class OrderFlowImbalanceSignal implements SignalDetector {
  readonly name = 'orderFlowImbalance' as const;
  readonly readsBook = true;
  readonly result = new SignalResult('orderFlowImbalance', ['buyPressure', 'bookRatio', 'windowVolume']);
  private readonly window: number;

  constructor(
    private readonly underlying: UnderlyingState,
    private readonly params: EngineParams['signals']['orderFlowImbalance'],
    pressureWindowSeconds: number,
  ) {
    this.window = windowIndexOf(pressureWindowSeconds);
  }

  evaluate(_nowUs: number): boolean {
    const result = this.result;
    result.clear();
    const u = this.underlying;
    const p = this.params;
    const buyPressure = u.buyPressure(this.window);
    const bookRatio = u.bookRatio();
    const volume = u.aggressiveVolume(this.window);
    result.inputs[0] = buyPressure;
    result.inputs[1] = bookRatio;
    result.inputs[2] = volume;
    if (!(volume >= p.minWindowVolume) || !(buyPressure === buyPressure) || !(bookRatio === bookRatio))
      return false;
    const sellPressure = 1 - buyPressure;
    let pressure: number;
    let ratio: number;
    if (buyPressure >= p.minPressure && buyPressure <= p.maxPressure && bookRatio >= p.minBookRatio) {
      result.direction = 'bullish';
      pressure = buyPressure;
      ratio = bookRatio;
    } else if (
      sellPressure >= p.minPressure &&
      sellPressure <= p.maxPressure &&
      bookRatio > 0 &&
      1 / bookRatio >= p.minBookRatio
    ) {
      result.direction = 'bearish';
      pressure = sellPressure;
      ratio = 1 / bookRatio;
    } else {
      return false;
    }
    result.fired = true;
    result.confidence = Math.round(
      50 * unitScale(pressure, p.minPressure - 0.1, p.maxPressure) +
        50 * unitScale(ratio, 1, 2 * p.minBookRatio),
    );
    return true;
  }
}
