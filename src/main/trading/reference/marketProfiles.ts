import nseCalendarJson from '../../../../resources/calendars/nse.json';
import usCalendarJson from '../../../../resources/calendars/us.json';
import nseMasterJson from '../../../../resources/instruments/nse.json';
import usMasterJson from '../../../../resources/instruments/us.json';
import type { MarketProfile } from '../../../shared/domain/instrument';
import type { MarketCalendar } from '../../../shared/domain/instruments/calendar';
import { parseMarketCalendar } from '../../../shared/domain/instruments/calendar';
import type { InstrumentMaster } from '../../../shared/domain/instruments/master';
import { parseInstrumentMaster } from '../../../shared/domain/instruments/master';

/**
 * The shipped instrument master and calendar of each market profile. The JSON files are imported
 * (bundled by electron-vite), so the packaged app needs no file-system path to resources/; they are
 * still validated on first use, so a bad edit fails loudly with the file and field named.
 */
export interface MarketProfileData {
  readonly master: InstrumentMaster;
  readonly calendar: MarketCalendar;
}

const cache = new Map<MarketProfile, MarketProfileData>();

export function loadMarketProfile(profile: MarketProfile): MarketProfileData {
  const cached = cache.get(profile);
  if (cached !== undefined) return cached;
  const data: MarketProfileData =
    profile === 'nse'
      ? {
          master: parseInstrumentMaster(nseMasterJson, 'resources/instruments/nse.json'),
          calendar: parseMarketCalendar(nseCalendarJson, 'resources/calendars/nse.json'),
        }
      : {
          master: parseInstrumentMaster(usMasterJson, 'resources/instruments/us.json'),
          calendar: parseMarketCalendar(usCalendarJson, 'resources/calendars/us.json'),
        };
  if (data.master.calendarId !== data.calendar.id) {
    throw new Error(
      `${profile} master names calendar "${data.master.calendarId}" but the calendar file is "${data.calendar.id}"`,
    );
  }
  cache.set(profile, data);
  return data;
}

/** Default first trading day of a simulation: fixed, so a seed alone reproduces a session. */
export const DEFAULT_START_DATE: Readonly<Record<MarketProfile, string>> = {
  // Tuesday: a NIFTY weekly expiry day (0DTE) in the January 2026 lot-size regime.
  nse: '2026-01-06',
  // Friday: SPY, QQQ and TSLA all have a 0DTE expiry.
  us: '2026-01-09',
};
