import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/**
 * OI building against the position: since entry, open interest on the position's own side grew by at
 * least minContracts and by `ratio` times the other side's growth — for a long call that is call
 * writing (sellers capping the move), for a long put put writing.
 */
export const oiAgainstExit: ExitRule = {
  name: 'oiAgainst',
  check(position, context, probe) {
    const params = context.params.exits.oiAgainst;
    const options = context.optionsContext;
    if (
      !params.enabled ||
      options === null ||
      !(position.oiChangeCallAtEntry === position.oiChangeCallAtEntry)
    )
      return false;
    const callGrowth = options.oiChangeCE - position.oiChangeCallAtEntry;
    const putGrowth = options.oiChangePE - position.oiChangePutAtEntry;
    const own = position.right === 'CE' ? callGrowth : putGrowth;
    const other = position.right === 'CE' ? putGrowth : callGrowth;
    if (own >= params.minContracts && own >= params.ratio * Math.max(other, 1))
      return fire(probe, own, params.minContracts);
    return false;
  },
};
