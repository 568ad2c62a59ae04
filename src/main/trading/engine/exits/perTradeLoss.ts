import { majorToMinor, minorToMajor } from '../risk/money';
import type { ExitRule } from './exitRule';
import { fire } from './exitRule';

/** Per-trade loss limit in money: catches a large position whose percent stop would still lose too much. */
export const perTradeLossExit: ExitRule = {
  name: 'perTradeLoss',
  check(position, context, probe) {
    const params = context.params.exits.perTradeLoss;
    if (!params.enabled) return false;
    const loss = (context.mark - position.averagePrice) * position.quantity * context.moneyPerUnit;
    return loss <= -majorToMinor(params.maxLoss) ? fire(probe, minorToMajor(loss), -params.maxLoss) : false;
  },
};
