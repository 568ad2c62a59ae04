import type { EngineParams } from '../config/schema';
import type { UnderlyingState } from '../market/underlyingState';
import type { SignalDetector } from './signalResult';
import { SignalResult, unitScale } from './signalResult';

/**
 * Breakout: price crossed the nearest swing resistance (support for the bearish mirror) within
 * `holdSeconds`, is at least `minBreakTicks` through it now, and volume confirms (ratio at least
 * `minVolumeRatio`). Confidence: distance through the level (40), volume (40), freshness (20).
 */
export class BreakoutSignal implements SignalDetector {
  readonly name = 'breakout' as const;
  readonly readsBook = false;
  readonly result = new SignalResult('breakout', ['level', 'throughTicks', 'volumeRatio', 'breakAgeMs']);

  constructor(
    private readonly underlying: UnderlyingState,
    private readonly params: EngineParams['signals']['breakout'],
  ) {}

  evaluate(nowUs: number): boolean {
    const result = this.result;
    result.clear();
    const u = this.underlying;
    const p = this.params;
    const holdUs = p.holdSeconds * 1_000_000;
    const price = u.lastPrice;
    const volumeRatio = u.volumeRatio();
    result.inputs[2] = volumeRatio;
    let level = NaN;
    let breakUs = -1;
    let bullish = true;
    const upFresh = u.lastBreakUpUs >= 0 && nowUs - u.lastBreakUpUs <= holdUs && price > u.lastBreakUpLevel;
    const downFresh =
      u.lastBreakDownUs >= 0 && nowUs - u.lastBreakDownUs <= holdUs && price < u.lastBreakDownLevel;
    if (upFresh && (!downFresh || u.lastBreakUpUs >= u.lastBreakDownUs)) {
      level = u.lastBreakUpLevel;
      breakUs = u.lastBreakUpUs;
    } else if (downFresh) {
      level = u.lastBreakDownLevel;
      breakUs = u.lastBreakDownUs;
      bullish = false;
    } else {
      return false;
    }
    const through = (bullish ? price - level : level - price) / u.tickUnits;
    result.inputs[0] = level;
    result.inputs[1] = through;
    result.inputs[3] = (nowUs - breakUs) / 1000;
    if (!(through >= p.minBreakTicks)) return false;
    if (volumeRatio === volumeRatio && volumeRatio < p.minVolumeRatio) return false;
    result.fired = true;
    result.direction = bullish ? 'bullish' : 'bearish';
    const volumeScore =
      volumeRatio === volumeRatio ? unitScale(volumeRatio, 0, 2 * Math.max(p.minVolumeRatio, 0.5)) : 0.5;
    result.confidence = Math.round(
      40 * unitScale(through, 0, 3 * p.minBreakTicks) +
        40 * volumeScore +
        20 * (1 - unitScale(nowUs - breakUs, 0, holdUs)),
    );
    return true;
  }
}
