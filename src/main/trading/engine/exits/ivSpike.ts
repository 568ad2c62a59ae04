import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * IV spike: ATM implied volatility rose `risePercent` (relative) since entry. The premium is carrying
 * vega that tends to collapse once the event passes; bank it rather than hold through the crush.
 */
export const ivSpikeExit: ExitRule = {
  name: 'ivSpike',
  check(position, context, probe) {
    const params = context.params.exits.ivSpike;
    const options = context.optionsContext;
    // Vega is an option's: an underlying position has none.
    if (
      !params.enabled ||
      position.instrument.kind !== 'option' ||
      options === null ||
      !(position.atmIvAtEntry > 0)
    )
      return false;
    const rise = (options.atmIV / position.atmIvAtEntry - 1) * 100;
    return rise >= params.risePercent ? fire(probe, Math.round(rise * 100) / 100, params.risePercent) : false;
  },
};
