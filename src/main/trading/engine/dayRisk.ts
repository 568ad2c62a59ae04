import { peakToTroughBreached } from './gates/peakToTrough';
import type { EngineState } from './engineState';
import { positionMark } from './positions/enginePosition';
import { majorToMinor, minorToMajor } from './risk/money';

/** The day's P&L from engine positions' marks, and the day locks it triggers (loss limit, give-back). */

/** Marks every engine position (peak for the trailing stop) and refreshes the day's P&L with them. */
export function markPositions(engine: EngineState): void {
  const positions = engine.positions;
  let unrealised = 0;
  for (let i = 0; i < positions.length; i++) {
    const position = positions[i];
    const contract = engine.contracts.get(position.symbol);
    const mark = positionMark(position, contract, engine.params.exits.markPrice);
    if (mark > position.peakPrice) position.peakPrice = mark;
    if (mark === mark)
      unrealised += (mark - position.averagePrice) * position.quantity * position.moneyPerUnit;
  }
  engine.risk.updateDayPnl(unrealised);
}

export function lockDayIfNeeded(engine: EngineState, now: number): void {
  const risk = engine.risk;
  if (risk.dayLockedReason !== null) return;
  if (engine.params.gates.dailyLossLimit.enabled || engine.params.exits.dailyLoss.enabled) {
    if (risk.dayPnl <= -majorToMinor(engine.params.risk.dailyLossLimit)) {
      risk.dayLockedReason = 'dailyLossLimit';
      engine.alert(
        now,
        'critical',
        'dailyLossLimit',
        `daily loss limit reached (${minorToMajor(risk.dayPnl)}): no more entries today, engine positions closed`,
      );
      return;
    }
  }
  if (
    engine.params.gates.peakToTrough.enabled &&
    peakToTroughBreached(risk, engine.params.gates.peakToTrough)
  ) {
    risk.dayLockedReason = 'peakToTrough';
    engine.alert(
      now,
      'warning',
      'peakToTrough',
      `gave back ${engine.params.gates.peakToTrough.maxGivebackPercent}% of the day's peak: no more entries today${
        engine.params.gates.peakToTrough.flatten ? ', engine positions closed' : ''
      }`,
    );
  }
}
