import { TimeZoneError, utcOffsetMinutes } from '../../../shared/domain/instruments/timeZones';

/**
 * The chart's clock. lightweight-charts labels its time axis in UTC and has no time-zone option, so
 * each instant is shifted by its zone's offset at that instant: the axis then reads the exchange's
 * wall clock (NSE 09:15 IST, US 09:30 ET), its ticks fall on the exchange's whole hours and minutes,
 * and a US chart crossing a daylight-saving change stays on local time. Offsets of the exchange zones
 * are whole multiples of 5 minutes, so bars stay aligned to every interval the core builds.
 */

/** Chart seconds (local wall clock read as UTC) of an instant in µs. A zone the runtime does not know is charted in UTC. */
export function toChartTime(tsUs: number, timeZone: string): number {
  return Math.floor(tsUs / 1_000_000) + offsetSeconds(timeZone, tsUs);
}

/** `09:15` or `09:15:07`: the wall-clock time of a chart time. */
export function formatChartClock(chartSeconds: number, withSeconds: boolean): string {
  const ofDay = ((chartSeconds % 86_400) + 86_400) % 86_400;
  const pad = (value: number): string => String(value).padStart(2, '0');
  const clock = `${pad(Math.floor(ofDay / 3600))}:${pad(Math.floor((ofDay % 3600) / 60))}`;
  return withSeconds ? `${clock}:${pad(ofDay % 60)}` : clock;
}

/** `2026-11-24`: the local date of a chart time. */
export function formatChartDate(chartSeconds: number): string {
  return new Date(chartSeconds * 1000).toISOString().slice(0, 10);
}

const ZONE_NAMES: Readonly<Record<string, string>> = {
  'Asia/Kolkata': 'IST',
  'America/New_York': 'ET',
  UTC: 'UTC',
};

/** The short name a trader reads next to a time: IST, ET, UTC (else the zone's own name). */
export function zoneName(timeZone: string): string {
  return ZONE_NAMES[timeZone] ?? timeZone;
}

/**
 * The axis's tick labels: the time of day for intraday ticks (seconds only where the tick falls
 * inside a minute), the date where a new day starts. `tickMarkType` is lightweight-charts'
 * TickMarkType: 0 year, 1 month, 2 day of month, 3 time, 4 time with seconds.
 */
export function chartTickLabel(chartSeconds: number, tickMarkType: number): string {
  if (tickMarkType <= 2) return formatChartDate(chartSeconds);
  return formatChartClock(chartSeconds, tickMarkType === 4 && chartSeconds % 60 !== 0);
}

function offsetSeconds(timeZone: string, tsUs: number): number {
  try {
    return utcOffsetMinutes(timeZone, tsUs) * 60;
  } catch (error) {
    if (error instanceof TimeZoneError) return 0;
    throw error;
  }
}
