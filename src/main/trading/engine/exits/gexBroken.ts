import type { ExitRule } from './exitRule';
import { fire, spotOf } from './exitRule';

/**
 * GEX level broken against the position: a gamma level (flip zone or top gamma strike) that was on the
 * favourable side at entry — below spot for a long call, above for a long put — has been crossed by
 * more than bufferPoints. Past a gamma level dealer hedging flips from damping moves to chasing them.
 */
export const gexBrokenExit: ExitRule = {
  name: 'gexBroken',
  check(position, context, probe) {
    const params = context.params.exits.gexBroken;
    const options = context.optionsContext;
    if (!params.enabled || options === null || !(position.underlyingAtEntry > 0)) return false;
    const spot = spotOf(context);
    const entrySpot = position.underlyingAtEntry;
    const isCall = position.right === 'CE';
    const check = (level: number): boolean =>
      isCall
        ? entrySpot > level && spot < level - params.bufferPoints
        : entrySpot < level && spot > level + params.bufferPoints;
    for (const level of options.gexFlipZones) if (check(level)) return fire(probe, spot, level);
    for (const level of options.topGammaStrikes) if (check(level)) return fire(probe, spot, level);
    return false;
  },
};
