import type { TimestampUs } from '../domain/time';

/**
 * The options context the engine reads (issue 3/4): a summary of the chain at one instant, built by
 * `buildOptionsContext` from a chain snapshot and pushed to the engine every 30–60 s.
 * Values are in plain decimal units of the underlying (strikes, IV as a fraction: 0.14 = 14 %).
 */
export interface OptionsContext {
  readonly underlying: string;
  readonly expiry: string;
  readonly spot: number;
  /** Put/call ratio of open interest (total put OI / total call OI). */
  readonly pcr: number;
  readonly pcrVolume: number;
  readonly maxPainStrike: number;
  /** (spot - maxPainStrike) / spot: positive when spot is above max pain. */
  readonly spotVsMaxPain: number;
  readonly atmStrike: number;
  readonly atmIV: number;
  /** 0–100, rank of atmIV within the IV history supplied; null without history. */
  readonly ivPercentile: number | null;
  /** Strikes with the largest absolute gamma exposure, largest first. */
  readonly topGammaStrikes: readonly number[];
  /** Strikes where cumulative net GEX changes sign (the gamma flip level first). */
  readonly gexFlipZones: readonly number[];
  readonly netGex: number;
  /** Sum of change in OI over the chain, calls and puts. */
  readonly oiChangeCE: number;
  readonly oiChangePE: number;
  /** ATM spread (ask - bid) averaged over the ATM call and put, in price units. */
  readonly spreadWidth: number;
  readonly lastUpdated: TimestampUs;
}
