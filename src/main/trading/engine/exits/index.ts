import { dailyLossExit } from './dailyLoss';
import type { ExitRule } from './exitRule';
import { gexBrokenExit } from './gexBroken';
import { hardStopExit } from './hardStop';
import { ivCrushExit } from './ivCrush';
import { ivSpikeExit } from './ivSpike';
import { killSwitchExit } from './killSwitch';
import { momentumReversalExit } from './momentumReversal';
import { oiAgainstExit } from './oiAgainst';
import { oiUnwindingExit } from './oiUnwinding';
import { peakToTroughExit } from './peakToTrough';
import { perTradeLossExit } from './perTradeLoss';
import { sessionSquareOffExit } from './sessionSquareOff';
import { spreadWideningExit } from './spreadWidening';
import { takeProfitExit } from './takeProfit';
import { thetaDecayExit } from './thetaDecay';
import { timeExit } from './timeExit';
import { trailingStopExit } from './trailingStop';

export type { ExitContext, ExitProbe, ExitRule } from './exitRule';

/**
 * Exit rules in priority order: the first that fires names the exit. The kill switch and the daily
 * loss limit come first (they close everything), then the price stops, profit taking, the trailing
 * stop, time, momentum and the options early exits. Checked on every event for every engine position.
 */
export const EXIT_RULES: readonly ExitRule[] = [
  killSwitchExit,
  dailyLossExit,
  peakToTroughExit,
  hardStopExit,
  perTradeLossExit,
  takeProfitExit,
  trailingStopExit,
  sessionSquareOffExit,
  timeExit,
  momentumReversalExit,
  oiAgainstExit,
  oiUnwindingExit,
  spreadWideningExit,
  ivSpikeExit,
  ivCrushExit,
  thetaDecayExit,
  gexBrokenExit,
];
