/** Text for the chain window's numbers: a dash for a figure the chain cannot give. */

export function fixed(value: number | null | undefined, decimals: number): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const text = value.toFixed(decimals);
  // -0.0001 rounds to "-0.00": a sign on zero reads as a real negative.
  return /^-0\.?0*$/.test(text) ? text.slice(1) : text;
}

/** A fraction as a percentage, 0.1425 → "14.25". */
export function percent(value: number | null | undefined, decimals = 2): string {
  return value === null || value === undefined ? '—' : fixed(value * 100, decimals);
}

/** Large counts compactly and right-alignable: 1234567 → "12.3L" in India (lakh), else "1.23M". */
export function compact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  const sign = value < 0 ? '−' : '';
  if (magnitude >= 1e9) return `${sign}${(magnitude / 1e9).toFixed(2)}B`;
  if (magnitude >= 1e6) return `${sign}${(magnitude / 1e6).toFixed(2)}M`;
  if (magnitude >= 1e4) return `${sign}${(magnitude / 1e3).toFixed(1)}K`;
  return `${sign}${Math.round(magnitude)}`;
}

/** With an explicit sign: "+1.2K", "−350". */
export function signedCompact(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return value > 0 ? `+${compact(value)}` : compact(value);
}

/** Market time (µs since the epoch) as HH:MM:SS in the market's zone. */
export function clockTime(tsUs: number, timeZone: string): string {
  return new Date(tsUs / 1000).toLocaleTimeString('en-GB', { timeZone, hour12: false });
}

/** NSE trades in IST, the US profile in New York time. */
export function marketTimeZone(profile: string | undefined): string {
  return profile === 'us' ? 'America/New_York' : 'Asia/Kolkata';
}
