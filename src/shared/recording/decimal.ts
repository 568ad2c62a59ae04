/**
 * Decimal text to integer minor units without going through a float ("24100.05" with 2 decimals is
 * 2410005 exactly). Used by importers, where prices arrive as text (the "exact prices" principle).
 */
export class DecimalParseError extends Error {
  override name = 'DecimalParseError';
}

const DECIMAL = /^([+-]?)(\d*)(?:\.(\d*))?$/;

/** Count of decimals written in `text` ("585.330" → 3; trailing zeros count). */
export function decimalsOf(text: string): number {
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.trim().length - dot - 1;
}

export function decimalToUnits(text: string, decimals: number): number {
  const trimmed = text.trim();
  const match = DECIMAL.exec(trimmed);
  if (match === null || (match[2] === '' && (match[3] ?? '') === ''))
    throw new DecimalParseError(`"${text}" is not a decimal number`);
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  if (fraction.length > decimals) throw new DecimalParseError(`"${text}" has more than ${decimals} decimals`);
  const units = Number(match[2] || '0') * 10 ** decimals + Number(fraction.padEnd(decimals, '0') || '0');
  if (!Number.isSafeInteger(units)) throw new DecimalParseError(`"${text}" is too large`);
  return match[1] === '-' ? -units : units;
}

/** Units back to decimal text with exactly `decimals` places (for reports). */
export function unitsToDecimal(units: number, decimals: number): string {
  if (decimals === 0) return String(units);
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}
