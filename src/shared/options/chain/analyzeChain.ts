import type { TimestampUs } from '../../domain/time';
import { atmIndex, rowIv, spreadWidth, straddlePrice } from './atm';
import type { GexProfile } from './gex';
import { gammaExposure } from './gex';
import { maxPain } from './maxPain';
import type { StrikeOiChange } from './openInterest';
import { chainTotals, oiChangeByStrike, putCallRatio } from './openInterest';
import type { ChainSnapshot } from './snapshot';
import { yearsToExpiry } from './snapshot';
import type { SmilePoint } from './volatility';
import { ivPercentile, ivSmile } from './volatility';

export interface ChainAnalyticsOptions {
  /** Risk-free rate for the gamma behind GEX (default 0: the spot is taken as the forward). */
  readonly rate?: number;
  readonly dividendYield?: number;
  /** History of ATM IV (fractions) for the IV percentile, e.g. one value per past session. */
  readonly ivHistory?: readonly number[];
  /** How many top gamma strikes to report (default 5). */
  readonly topGammaCount?: number;
}

/**
 * Everything the option tools show about one chain snapshot. Numbers that do not exist for this
 * chain (no call OI for the PCR, no ATM IV) are NaN, which JSON prints as null.
 */
export interface ChainAnalytics {
  readonly underlying: string;
  readonly expiry: string;
  readonly spot: number;
  readonly timestampUs: TimestampUs;
  readonly yearsToExpiry: number;
  readonly contractMultiplier: number;
  readonly totalCallOi: number;
  readonly totalPutOi: number;
  readonly totalCallVolume: number;
  readonly totalPutVolume: number;
  readonly oiChangeCE: number;
  readonly oiChangePE: number;
  /** Total put OI / total call OI. */
  readonly pcrOi: number;
  readonly pcrVolume: number;
  readonly maxPain: number;
  /** Holders' total payout at the max-pain settlement (OI × intrinsic × contractMultiplier). */
  readonly maxPainPayout: number;
  readonly atmStrike: number;
  /** Fraction, 0.2627 = 26.27 %. */
  readonly atmIv: number;
  readonly ivPercentile: number | null;
  /** ATM call + put (mid when two-sided, else last price). */
  readonly straddle: number;
  /** straddle / spot: the move to expiry the straddle prices in, as a fraction of spot. */
  readonly impliedMove: number;
  /** One standard deviation to expiry, spot × atmIv × √T, in price units. */
  readonly oneSigmaMove: number;
  readonly spreadWidth: number;
  readonly smile: readonly SmilePoint[];
  readonly oiChanges: readonly StrikeOiChange[];
  readonly gex: GexProfile;
}

export function analyzeChain(snapshot: ChainSnapshot, options: ChainAnalyticsOptions = {}): ChainAnalytics {
  const totals = chainTotals(snapshot);
  const pain = maxPain(snapshot);
  const atm = atmIndex(snapshot);
  const atmRow = atm >= 0 ? snapshot.rows[atm] : undefined;
  const atmIv = rowIv(atmRow);
  const straddle = straddlePrice(atmRow);
  const years = yearsToExpiry(snapshot);
  return {
    underlying: snapshot.underlying,
    expiry: snapshot.expiry,
    spot: snapshot.spot,
    timestampUs: snapshot.timestampUs,
    yearsToExpiry: years,
    contractMultiplier: snapshot.contractMultiplier,
    totalCallOi: totals.callOi,
    totalPutOi: totals.putOi,
    totalCallVolume: totals.callVolume,
    totalPutVolume: totals.putVolume,
    oiChangeCE: totals.callOiChange,
    oiChangePE: totals.putOiChange,
    pcrOi: putCallRatio(totals.putOi, totals.callOi),
    pcrVolume: putCallRatio(totals.putVolume, totals.callVolume),
    maxPain: pain?.strike ?? Number.NaN,
    maxPainPayout: pain?.payout ?? Number.NaN,
    atmStrike: atmRow?.strike ?? Number.NaN,
    atmIv,
    ivPercentile: ivPercentile(atmIv, options.ivHistory),
    straddle,
    impliedMove: straddle / snapshot.spot,
    oneSigmaMove: snapshot.spot * atmIv * Math.sqrt(years),
    spreadWidth: spreadWidth(atmRow),
    smile: ivSmile(snapshot),
    oiChanges: oiChangeByStrike(snapshot),
    gex: gammaExposure(snapshot, {
      years,
      rate: options.rate,
      dividendYield: options.dividendYield,
      topCount: options.topGammaCount,
    }),
  };
}
