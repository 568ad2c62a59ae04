import type { EntryGate } from './gate';
import { disabledVerdict, round, verdictOf } from './gate';

/**
 * Slippage guard from realised fills: the average adverse slippage of the last `windowFills` fills
 * (fill against the price the engine saw when it sent the order) above `maxAveragePercent` pauses
 * entries for `pauseMinutes` (the engine sets the pause when a fill breaches it). A book that fills a
 * stop far from its quote will do it again; the paper fills of a scalp's model assume it does not.
 */
export const slippageGate: EntryGate = {
  name: 'slippage',
  evaluate(_candidate, context) {
    const params = context.params.gates.slippage;
    if (!params.enabled) return disabledVerdict(this.name);
    const risk = context.risk;
    const average = round(risk.averageSlippagePercent(), 3);
    const paused = context.nowUs < risk.slippagePauseUntilUs;
    return verdictOf(
      this.name,
      average,
      params.maxAveragePercent,
      !paused && average <= params.maxAveragePercent,
      {
        detail: paused
          ? `paused for ${Math.ceil((risk.slippagePauseUntilUs - context.nowUs) / 1_000_000)} s more`
          : `last ${risk.slippageSamples()} fill(s)`,
      },
    );
  },
};
