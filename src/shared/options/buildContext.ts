import type { TimestampUs } from '../domain/time';
import type { ChainAnalytics, ChainAnalyticsOptions } from './chain/analyzeChain';
import { analyzeChain } from './chain/analyzeChain';
import type { ChainSnapshot } from './chain/snapshot';
import type { OptionsContext } from './context';

export interface BuildOptionsContextOptions extends ChainAnalyticsOptions {
  /** The engine's clock (the "deterministic engine" principle): stamped as `lastUpdated`. */
  readonly nowUs: TimestampUs;
}

/**
 * The options context the engine reads, from one chain snapshot. Time to expiry (for gamma) is taken
 * at the snapshot's own timestamp, the instant its IVs were quoted; `lastUpdated` is `nowUs`.
 */
export function buildOptionsContext(
  snapshot: ChainSnapshot,
  options: BuildOptionsContextOptions,
): OptionsContext {
  return optionsContextFromAnalytics(analyzeChain(snapshot, options), options.nowUs);
}

/** For callers that already ran `analyzeChain` (the option tools window shows both). */
export function optionsContextFromAnalytics(analytics: ChainAnalytics, nowUs: TimestampUs): OptionsContext {
  return {
    underlying: analytics.underlying,
    expiry: analytics.expiry,
    spot: analytics.spot,
    pcr: analytics.pcrOi,
    pcrVolume: analytics.pcrVolume,
    maxPainStrike: analytics.maxPain,
    spotVsMaxPain: (analytics.spot - analytics.maxPain) / analytics.spot,
    atmStrike: analytics.atmStrike,
    atmIV: analytics.atmIv,
    ivPercentile: analytics.ivPercentile,
    topGammaStrikes: analytics.gex.topGammaStrikes,
    gexFlipZones: analytics.gex.flipZones,
    netGex: analytics.gex.netGex,
    oiChangeCE: analytics.oiChangeCE,
    oiChangePE: analytics.oiChangePE,
    spreadWidth: analytics.spreadWidth,
    lastUpdated: nowUs,
  };
}
