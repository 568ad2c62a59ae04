import type { EngineParams } from '../config/schema';
import type { UnderlyingState } from '../market/underlyingState';
import { windowIndexOf } from '../market/underlyingState';
import type { SignalDetector } from './signalResult';
import { SignalResult, unitScale } from './signalResult';

/**
 * Momentum burst: the underlying moved at least `minChangePercent` over the window, the ticks agree
 * (at least `minDirectionShare` of price changes went that way) and volume confirms (volume ratio over
 * the baseline at least `minVolumeRatio`). Confidence weighs the size of the move (40), the volume
 * (30) and how one-sided the ticks were (30).
 */
export class MomentumBurstSignal implements SignalDetector {
  readonly name = 'momentumBurst' as const;
  readonly readsBook = false;
  readonly result = new SignalResult('momentumBurst', ['changePercent', 'volumeRatio', 'directionShare']);
  private readonly window: number;

  constructor(
    private readonly underlying: UnderlyingState,
    private readonly params: EngineParams['signals']['momentumBurst'],
  ) {
    this.window = windowIndexOf(params.windowSeconds);
  }

  evaluate(_nowUs: number): boolean {
    const result = this.result;
    result.clear();
    const p = this.params;
    const change = this.underlying.changePercent(this.window);
    const upShare = this.underlying.upTickShare(this.window);
    const volumeRatio = this.underlying.volumeRatio();
    result.inputs[0] = change;
    result.inputs[1] = volumeRatio;
    const magnitude = Math.abs(change);
    if (!(magnitude >= p.minChangePercent)) return false;
    const bullish = change > 0;
    const directionShare = bullish ? upShare : 1 - upShare;
    result.inputs[2] = directionShare;
    if (!(directionShare >= p.minDirectionShare)) return false;
    // An index stream has no volume: the confirmation is then waived (volumeRatio is NaN), not failed.
    if (volumeRatio === volumeRatio && volumeRatio < p.minVolumeRatio) return false;
    result.fired = true;
    result.direction = bullish ? 'bullish' : 'bearish';
    const volumeScore =
      volumeRatio === volumeRatio ? unitScale(volumeRatio, 0, 2 * Math.max(p.minVolumeRatio, 0.5)) : 0.5;
    result.confidence = Math.round(
      40 * unitScale(magnitude, 0, 2 * p.minChangePercent) +
        30 * volumeScore +
        30 * unitScale(directionShare, 0.5, 1),
    );
    return true;
  }
}
