import type { Instrument } from '../../shared/domain/instrument';

/**
 * The engine follows an underlying with an option chain on this feed. A misspelt `engine.underlying`
 * would leave the engine watching nothing; it is a start-up fault naming the setting instead.
 */
export function engineUnderlyingProblem(
  underlying: string,
  instruments: readonly Instrument[],
): string | null {
  if (underlying === '') return null;
  const underlyings = [
    ...new Set(
      instruments.flatMap((instrument) =>
        instrument.kind === 'option' ? [instrument.underlying as string] : [],
      ),
    ),
  ];
  if (underlyings.includes(underlying)) return null;
  return `engine.underlying "${underlying}" is not an underlying this market feed lists (${underlyings.join(', ') || 'none'}); fix it or leave it empty for the profile's main index`;
}
