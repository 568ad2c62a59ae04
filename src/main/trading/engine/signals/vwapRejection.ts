import type { EngineParams } from '../config/schema';
import type { UnderlyingState } from '../market/underlyingState';
import { WINDOW_5S } from '../market/underlyingState';
import type { SignalDetector } from './signalResult';
import { SignalResult, unitScale } from './signalResult';

/**
 * VWAP rejection (range regime): price came down to the VWAP from above (within `touchTicks`) and
 * bounced at least `bounceTicks` back up within `windowSeconds`, still rising over 5 s, with volume —
 * bullish; the mirror from below is bearish. With `useBands`, a touch of the −2σ / +2σ band followed by
 * the same bounce is the mean-reversion variant. Confidence: bounce size (40), volume (30), how fresh
 * the touch is (30).
 */
export class VwapRejectionSignal implements SignalDetector {
  readonly name = 'vwapRejection' as const;
  readonly readsBook = false;
  readonly result = new SignalResult('vwapRejection', ['vwap', 'bounceTicks', 'touchAgeMs', 'volumeRatio']);

  constructor(
    private readonly underlying: UnderlyingState,
    private readonly params: EngineParams['signals']['vwapRejection'],
  ) {}

  evaluate(nowUs: number): boolean {
    const result = this.result;
    result.clear();
    const u = this.underlying;
    const p = this.params;
    const vwap = u.vwap.value;
    const price = u.lastPrice;
    const tick = u.tickUnits;
    const windowUs = p.windowSeconds * 1_000_000;
    const velocity = u.changePercent(WINDOW_5S);
    const volumeRatio = u.volumeRatio();
    result.inputs[0] = vwap;
    result.inputs[3] = volumeRatio;
    if (!(vwap > 0)) return false;
    if (volumeRatio === volumeRatio && volumeRatio < p.minVolumeRatio) return false;
    const twoSigma = 2 * u.vwap.deviation;

    let touchUs = -1;
    let bounce = NaN;
    let bullish = true;
    if (velocity > 0) {
      if (nowUs - u.lastVwapSupportTouchUs <= windowUs && u.lastVwapSupportTouchUs >= 0) {
        touchUs = u.lastVwapSupportTouchUs;
        bounce = (price - vwap) / tick;
      } else if (p.useBands && u.lastLowerBandTouchUs >= 0 && nowUs - u.lastLowerBandTouchUs <= windowUs) {
        touchUs = u.lastLowerBandTouchUs;
        bounce = (price - (vwap - twoSigma)) / tick;
      }
    } else if (velocity < 0) {
      bullish = false;
      if (nowUs - u.lastVwapResistanceTouchUs <= windowUs && u.lastVwapResistanceTouchUs >= 0) {
        touchUs = u.lastVwapResistanceTouchUs;
        bounce = (vwap - price) / tick;
      } else if (p.useBands && u.lastUpperBandTouchUs >= 0 && nowUs - u.lastUpperBandTouchUs <= windowUs) {
        touchUs = u.lastUpperBandTouchUs;
        bounce = (vwap + twoSigma - price) / tick;
      }
    }
    if (touchUs < 0) return false;
    result.inputs[1] = bounce;
    result.inputs[2] = (nowUs - touchUs) / 1000;
    if (!(bounce >= p.bounceTicks)) return false;
    result.fired = true;
    result.direction = bullish ? 'bullish' : 'bearish';
    const volumeScore =
      volumeRatio === volumeRatio ? unitScale(volumeRatio, 0, 2 * Math.max(p.minVolumeRatio, 0.5)) : 0.5;
    result.confidence = Math.round(
      40 * unitScale(bounce, 0, 2 * p.bounceTicks) +
        30 * volumeScore +
        30 * (1 - unitScale(nowUs - touchUs, 0, windowUs)),
    );
    return true;
  }
}
