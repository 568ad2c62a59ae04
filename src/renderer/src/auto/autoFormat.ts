import { formatTapeTime } from '../replay/tapeTime';

/** Market-time clock of the auto window: the engine's events are stamped in the market's zone. */
export const MARKET_ZONE_BY_CURRENCY: Readonly<Record<string, string>> = {
  INR: 'Asia/Kolkata',
  USD: 'America/New_York',
};

export function zoneOf(currency: string | undefined): string {
  return (currency && MARKET_ZONE_BY_CURRENCY[currency]) || 'UTC';
}

/** `09:21:04.250` in the market's zone. */
export function marketTime(tsUs: number | null, currency: string | undefined): string {
  return formatTapeTime(tsUs, zoneOf(currency));
}

/** A gate's value or threshold as the board shows it: numbers to 4 significant places. */
export function gateValue(value: number | string | boolean | null): string {
  if (value === null) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toPrecision(4);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value;
}

/** `1:05` from seconds (a countdown), `−0:03` once past. */
export function countdown(seconds: number): string {
  const sign = seconds < 0 ? '−' : '';
  const whole = Math.abs(Math.round(seconds));
  return `${sign}${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
