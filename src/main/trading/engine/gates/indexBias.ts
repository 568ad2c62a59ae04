import type { UnderlyingState } from '../market/underlyingState';
import { windowIndexOf } from '../market/underlyingState';
import type { EntryGate } from './gate';
import { disabledVerdict, finiteOrNull, round, verdictOf } from './gate';

/**
 * Index bias from the index stream: +1 when the index rose at least `minChangePercent` over the window
 * and trades at or above its VWAP, −1 for the mirror, 0 otherwise.
 */
export function indexBiasOf(
  index: UnderlyingState,
  windowSeconds: number,
  minChangePercent: number,
): { bias: -1 | 0 | 1; changePercent: number } {
  const change = index.changePercent(windowIndexOf(windowSeconds));
  const vwap = index.vwap.value;
  const price = index.lastPrice;
  if (change >= minChangePercent && !(price < vwap)) return { bias: 1, changePercent: change };
  if (change <= -minChangePercent && !(price > vwap)) return { bias: -1, changePercent: change };
  return { bias: 0, changePercent: change };
}

/** Index-bias agreement: calls need a bullish (or, if allowed, neutral) index, puts a bearish one. */
export const indexBiasGate: EntryGate = {
  name: 'indexBias',
  evaluate(candidate, context) {
    const params = context.params.gates.indexBias;
    if (!params.enabled) return disabledVerdict(this.name);
    const { bias, changePercent } = indexBiasOf(context.index, params.windowSeconds, params.minChangePercent);
    const wanted = candidate.direction === 'bullish' ? 1 : -1;
    const pass = bias === wanted || (bias === 0 && params.allowNeutral);
    const change = finiteOrNull(changePercent);
    return verdictOf(this.name, bias, params.allowNeutral ? `${wanted} or 0` : wanted, pass, {
      detail: `index change ${change === null ? 'n/a' : round(change)} % over ${params.windowSeconds} s`,
    });
  },
};
