import type { GateCheck } from '../types';
import type { EntryGate } from './gate';
import { compoundVerdict, disabledVerdict } from './gate';

/** Data freshness: a stale underlying, index or contract quote, or a feed reported stale, blocks (the signal would be about the past). */
export const dataFreshnessGate: EntryGate = {
  name: 'dataFreshness',
  evaluate(_candidate, context) {
    const params = context.params.gates.dataFreshness;
    if (!params.enabled) return disabledVerdict(this.name);
    const now = context.nowUs;
    const age = (lastUs: number): number | null => (lastUs < 0 ? null : Math.round((now - lastUs) / 1000));
    const check = (name: string, lastUs: number, maxMs: number): GateCheck => {
      const value = age(lastUs);
      return { name, value, threshold: maxMs, pass: value !== null && value <= maxMs };
    };
    const checks: GateCheck[] = [
      check('underlyingAgeMs', context.underlying.lastUpdateUs, params.maxUnderlyingAgeMs),
    ];
    if (!context.indexIsUnderlying)
      checks.push(check('indexAgeMs', context.index.lastUpdateUs, params.maxIndexAgeMs));
    checks.push(
      check('contractQuoteAgeMs', context.contract?.lastQuoteUs ?? -1, params.maxContractQuoteAgeMs),
    );
    // The feed itself says the data is stale or reconnecting (e.g. a broker stream stalled): the last
    // prices may look young in market time, but nothing newer is coming.
    if (context.marketDataOutage)
      checks.push({ name: 'marketData', value: context.marketDataOutage, threshold: 'live', pass: false });
    return compoundVerdict(this.name, checks);
  },
};
