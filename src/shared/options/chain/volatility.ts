import type { ChainSnapshot } from './snapshot';

export interface SmilePoint {
  readonly strike: number;
  /** ln(strike / spot). */
  readonly logMoneyness: number;
  readonly ceIv: number | null;
  readonly peIv: number | null;
  /**
   * The out-of-the-money side's IV (puts below spot, calls at or above), falling back to the other side:
   * OTM options are the liquid ones and ITM IVs are noisy (their price is mostly intrinsic value).
   */
  readonly iv: number | null;
}

export function ivSmile(snapshot: ChainSnapshot): SmilePoint[] {
  const spot = snapshot.spot;
  return snapshot.rows.map((row) => {
    const ceIv = row.ce?.iv ?? null;
    const peIv = row.pe?.iv ?? null;
    return {
      strike: row.strike,
      logMoneyness: Math.log(row.strike / spot),
      ceIv,
      peIv,
      iv: row.strike < spot ? (peIv ?? ceIv) : (ceIv ?? peIv),
    };
  });
}

/**
 * IV percentile: the share (0–100) of the history strictly below the current IV, the common
 * "IV percentile" of trading platforms (not IV rank, which scales between the history's min and max).
 * Non-finite history values are ignored; null without usable history or without a current IV.
 */
export function ivPercentile(current: number, history: readonly number[] | undefined): number | null {
  if (history === undefined || !Number.isFinite(current)) return null;
  let below = 0;
  let usable = 0;
  for (const value of history) {
    if (!Number.isFinite(value)) continue;
    usable++;
    if (value < current) below++;
  }
  return usable > 0 ? (100 * below) / usable : null;
}
