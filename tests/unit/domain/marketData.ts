import nseCalendarJson from '../../../resources/calendars/nse.json';
import usCalendarJson from '../../../resources/calendars/us.json';
import nseMasterJson from '../../../resources/instruments/nse.json';
import usMasterJson from '../../../resources/instruments/us.json';
import type { MarketCalendar } from '../../../src/shared/domain/instruments/calendar';
import { parseMarketCalendar } from '../../../src/shared/domain/instruments/calendar';
import { parseIsoDate } from '../../../src/shared/domain/instruments/civilDate';
import type { InstrumentMaster, OptionSeries } from '../../../src/shared/domain/instruments/master';
import { findUnderlying, parseInstrumentMaster } from '../../../src/shared/domain/instruments/master';

/** The shipped master and calendar files, parsed: the tests check the real data, not copies. */
export const nseCalendar: MarketCalendar = parseMarketCalendar(
  nseCalendarJson,
  'resources/calendars/nse.json',
);
export const usCalendar: MarketCalendar = parseMarketCalendar(usCalendarJson, 'resources/calendars/us.json');
export const nseMaster: InstrumentMaster = parseInstrumentMaster(
  nseMasterJson,
  'resources/instruments/nse.json',
);
export const usMaster: InstrumentMaster = parseInstrumentMaster(
  usMasterJson,
  'resources/instruments/us.json',
);

export function seriesOf(master: InstrumentMaster, symbol: string): OptionSeries {
  return findUnderlying(master, symbol).options;
}

export const day = parseIsoDate;

/** A deep copy of a JSON file to mutate into a malformed variant. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export { nseCalendarJson, nseMasterJson, usCalendarJson, usMasterJson };
