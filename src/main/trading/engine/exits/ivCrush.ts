import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * IV crush: ATM implied volatility fell `dropPercent` (relative) since entry. A long option pays for
 * its vega; once the vol bid leaves (after an event, into a quiet range) the premium bleeds even when
 * the underlying holds still, so the scalp's edge is gone.
 */
export const ivCrushExit: ExitRule = {
  name: 'ivCrush',
  check(position, context, probe) {
    const params = context.params.exits.ivCrush;
    const options = context.optionsContext;
    // Vega is an option's: an underlying position has none to lose.
    if (
      !params.enabled ||
      position.instrument.kind !== 'option' ||
      options === null ||
      !(position.atmIvAtEntry > 0) ||
      !(options.atmIV > 0)
    )
      return false;
    const drop = (1 - options.atmIV / position.atmIvAtEntry) * 100;
    return drop >= params.dropPercent ? fire(probe, Math.round(drop * 100) / 100, params.dropPercent) : false;
  },
};
