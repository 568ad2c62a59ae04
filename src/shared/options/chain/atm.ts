import type { ChainRow, ChainSnapshot } from './snapshot';
import { quoteMid } from './snapshot';

/** Index of the row whose strike is nearest the spot (ties to the lower strike); -1 for an empty chain. */
export function atmIndex(snapshot: ChainSnapshot): number {
  const rows = snapshot.rows;
  let best = -1;
  let bestDistance = Infinity;
  for (let i = 0; i < rows.length; i++) {
    const distance = Math.abs(rows[i].strike - snapshot.spot);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = i;
    }
  }
  return best;
}

/** ATM IV: the mean of the ATM call's and put's IV, or the one that exists; NaN when neither has one. */
export function rowIv(row: ChainRow | undefined): number {
  if (row === undefined) return Number.NaN;
  const ce = row.ce?.iv ?? null;
  const pe = row.pe?.iv ?? null;
  if (ce !== null && pe !== null) return 0.5 * (ce + pe);
  return ce ?? pe ?? Number.NaN;
}

/** ATM straddle: call + put, each at its mid when quoted on both sides, else its last price. */
export function straddlePrice(row: ChainRow | undefined): number {
  if (row === undefined || row.ce === null || row.pe === null) return Number.NaN;
  return quoteMid(row.ce) + quoteMid(row.pe);
}

/** Mean bid/ask spread of the ATM call and put, counting only sides with a two-sided quote. */
export function spreadWidth(row: ChainRow | undefined): number {
  if (row === undefined) return Number.NaN;
  let sum = 0;
  let count = 0;
  for (const quote of [row.ce, row.pe]) {
    if (quote !== null && quote.bid > 0 && quote.ask >= quote.bid) {
      sum += quote.ask - quote.bid;
      count++;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}
