import type { DayNumber } from '../../../shared/domain/instruments/civilDate';
import { parseIsoDate } from '../../../shared/domain/instruments/civilDate';
import type { OptionRight } from '../../../shared/domain/instrument';
import type { Price } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import { isOptionContract, marketableLimit } from './market/contractState';
import type { EngineState } from './engineState';
import { cancelEntry } from './orderTracking';
import type { EngineOrder } from './orders/engineOrder';
import type { SelectionInput } from './selection/contractSelection';

/** Exchange time: the trading day and its session, timed work (entry timeouts and chasing), expiries. */

const SECOND_US = 1_000_000;

export function checkDay(engine: EngineState, now: number): void {
  const day = engine.calendar.localDay(now);
  engine.nextDayCheckUs = dayEndUs(engine, day, now);
  if (day === engine.day) return;
  const firstDay = engine.day < 0;
  engine.day = day;
  engine.session = engine.calendar.session(day);
  engine.risk.startDay(day);
  engine.lastCandidateUs.fill(-Infinity);
  if (!firstDay) {
    engine.underlying.resetSession();
    if (engine.index !== engine.underlying) engine.index.resetSession();
    if (engine.session !== null) engine.pruneExpiredContracts(engine.session.date);
    engine.refreshContracts();
  }
}

/**
 * First instant of the next exchange-local day, found once per day by bisection on the calendar's
 * localDay (the calendar owns the time zone and its daylight-saving rules), so the per-event check
 * is a single comparison.
 */
function dayEndUs(engine: EngineState, day: DayNumber, now: number): number {
  let low = now;
  let high = now + 26 * 3600 * SECOND_US;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (engine.calendar.localDay(middle) > day) high = middle;
    else low = middle;
  }
  return high;
}

/** Time-based work: bar closes without prints, entry timeouts, exit retries. */
export function onTimed(engine: EngineState, now: number): void {
  engine.lastTimedUs = now;
  engine.underlying.advanceTime(now);
  if (engine.index !== engine.underlying) engine.index.advanceTime(now);
  const entry = engine.params.entry;
  const timeoutUs = entry.timeoutMs * 1000;
  for (let i = 0; i < engine.workingOrders.length; i++) {
    const order = engine.workingOrders[i];
    if (order.purpose !== 'entry' || order.cancelRequested) continue;
    // IOC entries end by themselves; the timeout still covers an acknowledgement that never comes.
    if (now - order.placedUs >= timeoutUs) {
      cancelEntry(engine, order, now, 'entry timeout');
    } else if (
      order.timeInForce === 'DAY' &&
      entry.chaseTicks > 0 &&
      order.chases < entry.maxChases &&
      order.limitPrice === order.limitPrice
    ) {
      chaseEntry(engine, order, now);
    }
  }
}

/** Re-prices a working DAY limit entry the market ran away from (entry.chaseTicks). */
function chaseEntry(engine: EngineState, order: EngineOrder, now: number): void {
  const contract = engine.contracts.get(order.symbol);
  if (contract === undefined || !contract.hasQuote) return;
  const tick = contract.instrument.tickUnits;
  const chase = engine.params.entry.chaseTicks * tick;
  if (order.short ? contract.bid > order.limitPrice - chase : contract.ask < order.limitPrice + chase) return;
  const limit = marketableLimit(contract, order.short, engine.params.entry.offsetTicks);
  if (
    isOptionContract(contract) &&
    limit / 10 ** contract.instrument.priceDecimals > engine.params.selection.maxPremium
  )
    return;
  order.limitPrice = limit;
  order.chases++;
  engine.emit({
    type: 'modifyOrder',
    tsEvent: now as TimestampUs,
    orderId: order.clientOrderId,
    decisionId: order.decisionId,
    changes: { limitPrice: limit as Price },
  });
}

export function selectionInput(engine: EngineState, right: OptionRight, now: number): SelectionInput {
  const session = engine.session;
  const closeUs = session === null ? NaN : (session.squareOffUs ?? session.closeUs);
  return {
    right,
    nowUs: now,
    today: session?.date ?? '',
    minutesToClose: session === null ? Infinity : (closeUs - now) / 60_000_000,
    spot: engine.underlying.lastPrice / 10 ** engine.underlyingInstrument.priceDecimals,
    contracts: engine.contractList,
    params: engine.params.selection,
    atmIv: engine.optionsContext?.atmIV ?? NaN,
    expiryCloseUs: (expiry: string) => expiryCloseUs(engine, expiry),
    tradingDaysTo: (expiry: string) => tradingDaysTo(engine, expiry),
  };
}

/** Trading days from today to an expiry date on the market calendar (0 on the day itself). */
function tradingDaysTo(engine: EngineState, expiry: string): number {
  if (engine.session === null) return Infinity;
  const target = parseIsoDate(expiry);
  let count = 0;
  // Bounded: selection only cares about the next few days.
  for (let day = engine.session.day + 1; day <= target && count <= 31; day++)
    if (engine.calendar.session(day) !== null) count++;
  return count;
}

function expiryCloseUs(engine: EngineState, expiry: string): number {
  // Expiry dates are exchange-local; the contract expires at that day's close.
  const session = engine.session;
  if (session !== null && session.date === expiry) return session.closeUs;
  const day = parseIsoDate(expiry);
  const expirySession = engine.calendar.session(day);
  return expirySession === null ? day * 86_400_000_000 : expirySession.closeUs;
}
