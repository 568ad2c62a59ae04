import { bsmGamma } from '../pricing';
import type { ChainSnapshot } from './snapshot';

/**
 * Gamma exposure (GEX), in currency per 1 % move of the underlying:
 *
 *   GEX = gamma × OI × contractMultiplier × spot² × 0.01
 *
 * (gamma × spot × 1 % is the change in delta for a 1 % move; × spot turns delta into currency.)
 *
 * Sign convention, the usual "dealer positioning" assumption of public GEX studies (e.g. SqueezeMetrics,
 * "Gamma Exposure", 2017; SpotGamma): customers sell calls (overwriting) and buy puts (protection), so
 * dealers are LONG calls and SHORT puts. Call GEX is positive, put GEX negative. Positive net GEX:
 * dealers hedge against the move (buy dips, sell rallies) and dampen volatility; negative net GEX:
 * they hedge with it and amplify it. It is an assumption about who holds the OI, not a measurement.
 *
 * Gamma comes from each contract's own IV (BSM, the chain's rate and dividend yield; rate 0 by
 * default, i.e. the spot is taken as the forward), and time to expiry at the snapshot. Contracts
 * without an IV contribute 0 and are counted in `missingIv`.
 */
export interface StrikeGex {
  readonly strike: number;
  readonly ceGex: number;
  readonly peGex: number;
  readonly netGex: number;
}

export interface GexProfile {
  readonly strikes: readonly StrikeGex[];
  readonly callGex: number;
  readonly putGex: number;
  readonly netGex: number;
  /** Strikes with the largest |net GEX|, largest first. */
  readonly topGammaStrikes: readonly number[];
  /**
   * Where the cumulative net GEX (summed from the lowest strike up) changes sign, linearly interpolated
   * between the two strikes; nearest to spot first. The first one is the gamma flip level.
   */
  readonly flipLevels: readonly number[];
  /** The strike at which each of `flipLevels` is reached (the first strike with the new sign), same order. */
  readonly flipZones: readonly number[];
  readonly missingIv: number;
}

export interface GexOptions {
  readonly years: number;
  readonly rate?: number;
  readonly dividendYield?: number;
  /** How many top gamma strikes to report (default 5). */
  readonly topCount?: number;
}

export function gammaExposure(snapshot: ChainSnapshot, options: GexOptions): GexProfile {
  const spot = snapshot.spot;
  const rate = options.rate ?? 0;
  const dividendYield = options.dividendYield ?? 0;
  const years = options.years;
  const scale = snapshot.contractMultiplier * spot * spot * 0.01;
  const strikes: StrikeGex[] = new Array<StrikeGex>(snapshot.rows.length);
  let callGex = 0;
  let putGex = 0;
  let missingIv = 0;
  for (let i = 0; i < snapshot.rows.length; i++) {
    const row = snapshot.rows[i];
    let ceGex = 0;
    let peGex = 0;
    if (row.ce !== null && row.ce.oi !== 0) {
      if (row.ce.iv === null) missingIv++;
      else ceGex = bsmGamma(spot, row.strike, years, rate, dividendYield, row.ce.iv) * row.ce.oi * scale;
    }
    if (row.pe !== null && row.pe.oi !== 0) {
      if (row.pe.iv === null) missingIv++;
      else peGex = -bsmGamma(spot, row.strike, years, rate, dividendYield, row.pe.iv) * row.pe.oi * scale;
    }
    callGex += ceGex;
    putGex += peGex;
    strikes[i] = { strike: row.strike, ceGex, peGex, netGex: ceGex + peGex };
  }
  const { flipLevels, flipZones } = gexFlips(strikes, spot);
  return {
    strikes,
    callGex,
    putGex,
    netGex: callGex + putGex,
    topGammaStrikes: topGammaStrikes(strikes, options.topCount ?? 5),
    flipLevels,
    flipZones,
    missingIv,
  };
}

export function topGammaStrikes(strikes: readonly StrikeGex[], count: number): number[] {
  return strikes
    .filter((entry) => entry.netGex !== 0)
    .sort((a, b) => Math.abs(b.netGex) - Math.abs(a.netGex) || a.strike - b.strike)
    .slice(0, count)
    .map((entry) => entry.strike);
}

function gexFlips(
  strikes: readonly StrikeGex[],
  spot: number,
): { flipLevels: number[]; flipZones: number[] } {
  const crossings: { level: number; strike: number }[] = [];
  let cumulative = 0;
  let previousNonZero = 0; // cumulative value at the last strike where it was not zero
  let previousStrike = Number.NaN;
  for (const entry of strikes) {
    cumulative += entry.netGex;
    if (cumulative !== 0) {
      if (previousNonZero !== 0 && Math.sign(cumulative) !== Math.sign(previousNonZero)) {
        const fraction = previousNonZero / (previousNonZero - cumulative);
        crossings.push({
          level: previousStrike + fraction * (entry.strike - previousStrike),
          strike: entry.strike,
        });
      }
      previousNonZero = cumulative;
      previousStrike = entry.strike;
    }
  }
  crossings.sort((a, b) => Math.abs(a.level - spot) - Math.abs(b.level - spot));
  return { flipLevels: crossings.map((c) => c.level), flipZones: crossings.map((c) => c.strike) };
}
