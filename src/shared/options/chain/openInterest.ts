import type { ChainSnapshot } from './snapshot';

export interface ChainTotals {
  readonly callOi: number;
  readonly putOi: number;
  readonly callVolume: number;
  readonly putVolume: number;
  readonly callOiChange: number;
  readonly putOiChange: number;
}

export function chainTotals(snapshot: ChainSnapshot): ChainTotals {
  let callOi = 0;
  let putOi = 0;
  let callVolume = 0;
  let putVolume = 0;
  let callOiChange = 0;
  let putOiChange = 0;
  for (const row of snapshot.rows) {
    if (row.ce !== null) {
      callOi += row.ce.oi;
      callVolume += row.ce.volume;
      callOiChange += row.ce.oiChange;
    }
    if (row.pe !== null) {
      putOi += row.pe.oi;
      putVolume += row.pe.volume;
      putOiChange += row.pe.oiChange;
    }
  }
  return { callOi, putOi, callVolume, putVolume, callOiChange, putOiChange };
}

/** Put/call ratio; NaN (JSON null) when there is nothing on the call side, so a gate on it never passes. */
export function putCallRatio(put: number, call: number): number {
  return call > 0 ? put / call : Number.NaN;
}

/**
 * The usual reading of price change against OI change for one contract (e.g. NSE "OI buildup"
 * screens): new positions opened while the price rises are longs, while it falls are shorts; positions
 * closed while the price rises are shorts covering, while it falls are longs unwinding.
 */
export type OiBuildup = 'longBuildup' | 'shortBuildup' | 'shortCovering' | 'longUnwinding' | 'neutral';

export function classifyOiBuildup(priceChange: number, oiChange: number): OiBuildup {
  if (priceChange === 0 || oiChange === 0 || !Number.isFinite(priceChange) || !Number.isFinite(oiChange))
    return 'neutral';
  if (oiChange > 0) return priceChange > 0 ? 'longBuildup' : 'shortBuildup';
  return priceChange > 0 ? 'shortCovering' : 'longUnwinding';
}

export interface StrikeOiChange {
  readonly strike: number;
  readonly ceOiChange: number;
  readonly peOiChange: number;
  readonly ceBuildup: OiBuildup;
  readonly peBuildup: OiBuildup;
}

export function oiChangeByStrike(snapshot: ChainSnapshot): StrikeOiChange[] {
  return snapshot.rows.map((row) => ({
    strike: row.strike,
    ceOiChange: row.ce?.oiChange ?? 0,
    peOiChange: row.pe?.oiChange ?? 0,
    ceBuildup: row.ce === null ? 'neutral' : classifyOiBuildup(row.ce.ltpChange, row.ce.oiChange),
    peBuildup: row.pe === null ? 'neutral' : classifyOiBuildup(row.pe.ltpChange, row.pe.oiChange),
  }));
}
