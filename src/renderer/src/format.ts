/** Display helpers: prices arrive as integer minor units with their decimals (src/shared/domain/price.ts). */
export function formatUnits(units: number, decimals: number): string {
  return (units / 10 ** decimals).toFixed(decimals);
}

/**
 * Money in minor currency units (paise, cents) with sign, e.g. +1,234.50; a dash when there is none.
 * Every view carries money this way (docs/api.md), so this is the one place it becomes text.
 */
export function formatMoney(minor: number | null, decimals = 2): string {
  if (minor === null) return '—';
  const value = minor / 10 ** decimals;
  const text = Math.abs(value).toLocaleString('en-US', {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  });
  return `${value > 0 ? '+' : value < 0 ? '−' : ''}${text}`;
}
