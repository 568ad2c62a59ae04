import { formatIsoDate, parseTimeOfDay } from '../../../../shared/domain/instruments/civilDate';
import type { TimeZoneId } from '../../../../shared/domain/instruments/timeZones';
import { isTimeZoneId, utcUsToZoned, zonedToUtcUs } from '../../../../shared/domain/instruments/timeZones';

/** A daily wall-clock time in an exchange time zone, e.g. 15:15 Asia/Kolkata. */
export interface WallTime {
  readonly time: string;
  readonly timeZone: string;
}

function zoneOf(wall: WallTime): TimeZoneId {
  if (!isTimeZoneId(wall.timeZone)) throw new RangeError(`unsupported time zone ${wall.timeZone}`);
  return wall.timeZone;
}

/** The first instant at or after `tsUs` at which the local clock reads `wall.time`. */
export function nextWallTimeUs(wall: WallTime, tsUs: number): number {
  const zone = zoneOf(wall);
  const minutes = parseTimeOfDay(wall.time);
  const { day } = utcUsToZoned(zone, tsUs);
  const today = zonedToUtcUs(zone, day, minutes);
  return today >= tsUs ? today : zonedToUtcUs(zone, day + 1, minutes);
}

/** Local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(timeZone: string, tsUs: number): string {
  return formatIsoDate(utcUsToZoned(zoneOf({ time: '00:00', timeZone }), tsUs).day);
}
