import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Kill switch: once pulled, every engine position is flattened (cancel-all is done by the engine). */
export const killSwitchExit: ExitRule = {
  name: 'killSwitch',
  check(_position, context, probe) {
    return context.killed ? fire(probe, 'killed', null) : false;
  },
};
