import type { EngineParams } from '../config/schema';
import type { EnginePosition } from '../positions/enginePosition';
import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

type TrailingParams = EngineParams['exits']['trailingStop'];

/** The stage a favourable excursion (percent of the entry premium) has reached: 0 (none) to 5. */
export function stageFor(excursionPercent: number, params: TrailingParams): number {
  if (excursionPercent >= params.accelerateTriggerPercent) return 5;
  if (excursionPercent >= params.tightTriggerPercent) return 4;
  if (excursionPercent >= params.trailTriggerPercent) return 3;
  if (excursionPercent >= params.lockTriggerPercent) return 2;
  if (excursionPercent >= params.breakevenTriggerPercent) return 1;
  return 0;
}

/**
 * The 5-stage trailing stop (all distances in percent of the entry premium, trail distances times the
 * greeks/IV factor):
 *   1 breakeven  — peak ≥ breakevenTrigger: stop at entry + breakevenOffset (covers charges)
 *   2 lock       — peak ≥ lockTrigger: stop at entry + lockPercent
 *   3 trail      — peak ≥ trailTrigger: stop follows the peak at trailDistance
 *   4 tight      — peak ≥ tightTrigger: stop follows at the tighter tightDistance
 *   5 accelerate — peak ≥ accelerateTrigger: every further accelerateStep of excursion multiplies the
 *                  distance by accelerateFactor, down to minDistance (lock in a spike before it fades)
 * Stages only advance and the stop only rises (a ratchet). Returns true when the stage changed.
 */
export function updateTrailingStop(
  position: EnginePosition,
  params: TrailingParams,
  factor: number,
): boolean {
  const entry = position.averagePrice;
  const excursion = position.movePercent(position.peakPrice);
  const reached = stageFor(excursion, params);
  const previousStage = position.trailingStage;
  const stage = reached > previousStage ? reached : previousStage;
  if (stage === 0) return false;
  let stop: number;
  switch (stage) {
    case 1:
      stop = entry * (1 + params.breakevenOffsetPercent / 100);
      break;
    case 2:
      stop = entry * (1 + params.lockPercent / 100);
      break;
    case 3:
      stop = position.peakPrice - (entry * params.trailDistancePercent * factor) / 100;
      break;
    case 4:
      stop = position.peakPrice - (entry * params.tightDistancePercent * factor) / 100;
      break;
    default: {
      const steps =
        Math.floor((excursion - params.accelerateTriggerPercent) / params.accelerateStepPercent) + 1;
      let distance = params.tightDistancePercent * Math.pow(params.accelerateFactor, steps);
      if (distance < params.minDistancePercent) distance = params.minDistancePercent;
      stop = position.peakPrice - (entry * distance * factor) / 100;
    }
  }
  if (!(stop <= position.trailingStopPrice)) position.trailingStopPrice = stop;
  position.trailingStage = stage;
  return stage !== previousStage;
}

export const trailingStopExit: ExitRule = {
  name: 'trailingStop',
  check(position, context, probe) {
    const params = context.params.exits.trailingStop;
    if (!params.enabled) return false;
    updateTrailingStop(position, params, context.params.exits.greeksTrail.enabled ? position.trailFactor : 1);
    if (position.trailingStage === 0) return false;
    return context.mark <= position.trailingStopPrice
      ? fire(probe, context.mark, position.trailingStopPrice)
      : false;
  },
};
