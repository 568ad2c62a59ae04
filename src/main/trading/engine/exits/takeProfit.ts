import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Take-profit: mark at or above entry + takeProfitPercent of the premium. */
export const takeProfitExit: ExitRule = {
  name: 'takeProfit',
  check(position, context, probe) {
    const params = context.params.exits.takeProfit;
    if (!params.enabled) return false;
    const target = position.averagePrice * (1 + params.takeProfitPercent / 100);
    return context.mark >= target ? fire(probe, context.mark, target) : false;
  },
};
