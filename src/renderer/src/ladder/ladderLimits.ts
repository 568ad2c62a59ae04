import type { ExitDistanceView } from '../../../shared/api/ladderSettingsViews';
import type { InstrumentView } from '../../../shared/api/views';

export type ExitUnit = ExitDistanceView['unit'];

/** The most lots one order may carry for `instrument`, and why that is the limit. */
export interface LotLimit {
  readonly maxLots: number;
  readonly because: string;
}

/**
 * The smaller of settings.json's ladder.maxLots and the instrument's freeze quantity in whole lots
 * (above it the exchange refuses one order; the ladder sends one order per click).
 */
export function lotLimit(
  instrument: Pick<InstrumentView, 'lotSize' | 'freezeQuantity'> | null,
  settingsMaxLots: number,
): LotLimit {
  const freezeLots =
    instrument && instrument.freezeQuantity > 0
      ? Math.max(1, Math.floor(instrument.freezeQuantity / instrument.lotSize))
      : Infinity;
  if (instrument && freezeLots < settingsMaxLots)
    return {
      maxLots: freezeLots,
      because: `the exchange freeze quantity ${instrument.freezeQuantity} = ${freezeLots} lots of ${instrument.lotSize}`,
    };
  return { maxLots: settingsMaxLots, because: 'ladder.maxLots in settings.json' };
}

/** Lots as typed, and the value when it is valid: an invalid field refuses to trade, never guesses. */
export interface LotsEntry {
  readonly text: string;
  readonly lots: number | null;
  readonly problem: string | null;
}

export function parseLots(text: string, limit: LotLimit): LotsEntry {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed))
    return { text, lots: null, problem: `Lots: "${text}" is not a whole number (1–${limit.maxLots})` };
  const lots = Number(trimmed);
  if (lots < 1) return { text, lots: null, problem: `Lots: ${lots} is below the minimum 1` };
  if (lots > limit.maxLots)
    return {
      text,
      lots: null,
      problem: `Lots: ${lots} is above the maximum ${limit.maxLots} (${limit.because})`,
    };
  return { text, lots, problem: null };
}

/**
 * An exit distance in whole ticks (at least 1) for an entry at `referencePrice` (price units):
 * points are price points, percent is of the entry price. Null when a percent has no price to
 * measure from yet.
 */
export function exitTicks(
  value: number,
  unit: ExitUnit,
  instrument: Pick<InstrumentView, 'priceDecimals' | 'tickUnits'>,
  referencePrice: number | null,
): number | null {
  const units =
    unit === 'ticks'
      ? value * instrument.tickUnits
      : unit === 'points'
        ? value * 10 ** instrument.priceDecimals
        : referencePrice === null
          ? null
          : (referencePrice * value) / 100;
  if (units === null) return null;
  return Math.max(1, Math.round(units / instrument.tickUnits));
}
