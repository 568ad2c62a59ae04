import type { IndicatorSnapshot } from '../types';
import type { EntryGate } from './gate';
import { disabledVerdict, verdictOf } from './gate';

/**
 * Indicator fields of a snapshot that are still undefined: the studies and windows every pack reads.
 * Event fields (the last spike or sweep, a swing level above a new high) are absent by nature, not
 * cold, and are not listed.
 */
/** Contract fields only an option has: an underlying the engine trades carries none of them. */
const OPTION_ONLY_FIELDS: ReadonlySet<string> = new Set(['openInterest', 'oiChange', 'delta', 'gamma', 'iv']);

/** Studies of the underlying's book and volume: an index value stream never defines them. */
export const BOOK_AND_VOLUME_FIELDS: ReadonlySet<string> = new Set([
  'volumeRatio',
  'bookImbalance',
  'bookRatio',
  'buyPressure',
  'spreadTicks',
  'spreadPercentile',
]);

export function missingIndicators(
  snapshot: IndicatorSnapshot,
  withContract: boolean,
  tradesUnderlying = false,
  valuesOnlyUnderlying = false,
): string[] {
  const missing: string[] = [];
  const check = (name: string, value: unknown): void => {
    if (value !== null && value !== undefined) return;
    if (valuesOnlyUnderlying && BOOK_AND_VOLUME_FIELDS.has(name)) return;
    missing.push(name);
  };
  check('price', snapshot.price);
  for (const window of ['s5', 's15', 's30', 's60'] as const) {
    check(`velocity.${window}`, snapshot.velocity[window].changePercent);
    check(`velocity.${window}.speed`, snapshot.velocity[window].speedTicksPerSecond);
  }
  check('vwap', snapshot.vwap);
  check('vwapBands', snapshot.vwapBands.upper2);
  check('sessionHigh', snapshot.sessionHigh);
  check('sessionLow', snapshot.sessionLow);
  for (const frame of ['bars1s', 'bars1m'] as const) {
    const bars = snapshot[frame];
    check(`${frame}.emaFast`, bars.emaFast);
    check(`${frame}.emaSlow`, bars.emaSlow);
    check(`${frame}.atr`, bars.atr);
    check(`${frame}.rsi`, bars.rsi);
  }
  check('volumeRatio', snapshot.volumeRatio);
  check('bookImbalance', snapshot.bookImbalance);
  check('bookRatio', snapshot.bookRatio);
  check('buyPressure', snapshot.buyPressure);
  check('spreadTicks', snapshot.spreadTicks);
  check('spreadPercentile', snapshot.spreadPercentile);
  check('range30s', snapshot.range30s);
  check('range30sPercent', snapshot.range30sPercent);
  check('indexBias', snapshot.indexBias.changePercent);
  check('regime.efficiencyRatio', snapshot.regime.efficiencyRatio);
  check('regime.atrPercentile', snapshot.regime.atrPercentile);
  check('regime.since', snapshot.regime.sinceMs);
  if (withContract) {
    const contract = snapshot.contract;
    if (contract === null) missing.push('contract');
    else
      for (const [name, value] of Object.entries(contract))
        if (value === null && !(tradesUnderlying && OPTION_ONLY_FIELDS.has(name)))
          missing.push(`contract.${name}`);
  }
  return missing;
}

/**
 * Warm-up: no entry until every indicator the packs read is defined (1 s and 1 min EMA, ATR and RSI,
 * every velocity window, the volume baseline, the book — the last two waived for an underlying whose
 * stream carries index values only), the regime is known and (with
 * `requireOptionsContext`) an options context is loaded. A cold engine enters on half a picture: the first
 * minutes of a session or a reconnect are exactly when the studies lie.
 */
export const warmUpGate: EntryGate = {
  name: 'warmUp',
  evaluate(candidate, context) {
    const params = context.params.gates.warmUp;
    if (!params.enabled) return disabledVerdict(this.name);
    // An index followed by its values alone (no book, no prints) waives its book and volume studies,
    // as the signals waive their volume confirmation on an index stream.
    const valuesOnly = !context.tradesUnderlying && context.underlying.valuesOnly;
    const missing = missingIndicators(context.snapshot, true, context.tradesUnderlying, valuesOnly);
    if (candidate.regime === 'unknown') missing.push('regime');
    // Trading the underlying needs no chain: a stock tape has none to wait for.
    if (params.requireOptionsContext && !context.tradesUnderlying && context.optionsContext === null)
      missing.push('optionsContext');
    return verdictOf(this.name, missing.length, 0, missing.length === 0, {
      detail: missing.length === 0 ? 'warm' : `not yet defined: ${missing.join(', ')}`,
    });
  },
};
