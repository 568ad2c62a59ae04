import type { ChainSnapshot } from './snapshot';

export interface MaxPain {
  /** The strike at which, if the underlying settled there, option holders would receive the least. */
  readonly strike: number;
  /** What holders would receive at that settlement: Σ OI × intrinsic value × contractMultiplier. */
  readonly payout: number;
}

/**
 * Max pain over the listed strikes as candidate settlement prices (the common definition; settlement
 * between strikes is never lower because the payout is piecewise linear with kinks at the strikes).
 * Ties go to the lower strike. Returns null for an empty chain.
 */
export function maxPain(snapshot: ChainSnapshot): MaxPain | null {
  const payouts = painByStrike(snapshot);
  if (payouts.length === 0) return null;
  let best = 0;
  for (let j = 1; j < payouts.length; j++) if (payouts[j] < payouts[best]) best = j;
  return { strike: snapshot.rows[best].strike, payout: payouts[best] };
}

/**
 * The pain distribution: what option holders would receive (Σ OI × intrinsic × contractMultiplier) if
 * the underlying settled at each listed strike, in row order. O(n) with running sums instead of the
 * O(n²) double loop:
 *   calls ITM at settlement K_j: Σ_{i<j} ceOI_i (K_j − K_i) = K_j·ΣceOI_i − ΣceOI_i·K_i
 *   puts  ITM at settlement K_j: Σ_{i>j} peOI_i (K_i − K_j) = ΣpeOI_i·K_i − K_j·ΣpeOI_i
 */
export function painByStrike(snapshot: ChainSnapshot): number[] {
  const rows = snapshot.rows;
  const count = rows.length;
  let putOiAbove = 0;
  let putOiStrikeAbove = 0;
  for (let i = 0; i < count; i++) {
    const putOi = rows[i].pe?.oi ?? 0;
    putOiAbove += putOi;
    putOiStrikeAbove += putOi * rows[i].strike;
  }
  let callOiBelow = 0;
  let callOiStrikeBelow = 0;
  const payouts = new Array<number>(count);
  for (let j = 0; j < count; j++) {
    const strike = rows[j].strike;
    const putOi = rows[j].pe?.oi ?? 0;
    // Strike j's own puts and calls are at the money at settlement K_j: they pay nothing.
    putOiAbove -= putOi;
    putOiStrikeAbove -= putOi * strike;
    const payout = strike * callOiBelow - callOiStrikeBelow + (putOiStrikeAbove - strike * putOiAbove);
    payouts[j] = payout * snapshot.contractMultiplier;
    const callOi = rows[j].ce?.oi ?? 0;
    callOiBelow += callOi;
    callOiStrikeBelow += callOi * strike;
  }
  return payouts;
}
