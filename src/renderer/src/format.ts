import { MONTH_ABBREVIATIONS } from '../../shared/domain/instruments/civilDate';
import { formatStrike, parseOptionSymbol } from '../../shared/domain/instruments/optionSymbols';

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

/**
 * A contract as a trader reads it in a narrow table: strike and right first, where an ellipsis
 * cannot hide them (`NIFTY-2026-01-06-26000-CE` → `NIFTY 26000 CE 06 Jan`, `TSLA-2026-06-05-252.5-C`
 * → `TSLA 252.5 C 05 Jun`). Anything that is not an option symbol is shown as it is.
 */
export function contractLabel(symbol: string): string {
  const parsed = parseOptionSymbol(symbol);
  if (parsed === null) return symbol;
  const right = symbol.slice(symbol.lastIndexOf('-') + 1);
  const [, month, day] = parsed.expiry.split('-');
  return `${parsed.underlying} ${formatStrike(parsed.strike)} ${right} ${day} ${MONTH_ABBREVIATIONS[Number(month) - 1]}`;
}
