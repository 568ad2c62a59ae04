import type { Side } from '../../../shared/domain/marketEvents';
import type { Price, PriceFormat } from '../../../shared/domain/price';
import { asPrice, roundToTick } from '../../../shared/domain/price';

export interface BracketDistances {
  readonly side: Side;
  /** The entry order's limit price, or null for a market entry. */
  readonly limitPrice: number | null;
  /** Best opposite price now: the best offer for a buy, the best bid for a sell (market entries). */
  readonly bestOpposite: Price | null;
  readonly takeProfitTicks?: number;
  readonly stopLossTicks?: number;
}

export type BracketPrices =
  | {
      readonly ok: true;
      readonly entryReference: Price;
      readonly takeProfit?: Price;
      readonly stopLoss?: Price;
    }
  | { readonly ok: false; readonly field: string; readonly message: string; readonly refused: boolean };

/**
 * Turns take-profit and stop-loss distances in ticks (the ladder's unit: one row, one tick) into
 * prices on the instrument's tick grid. They are measured from the price the entry trades at: a
 * limit entry's limit, rounded onto the grid the way the OMS rounds it (a buy down, a sell up, so
 * it stays passive), or the best opposite price for a market entry. Integer arithmetic only, so a
 * distance of n ticks is exactly n × tickUnits away (the "exact prices" principle).
 */
export function bracketPrices(distances: BracketDistances, format: PriceFormat): BracketPrices {
  const { side } = distances;
  let entryReference: Price;
  if (distances.limitPrice !== null) {
    entryReference = roundToTick(distances.limitPrice, format, side === 'buy' ? 'down' : 'up');
  } else if (distances.bestOpposite !== null) {
    entryReference = distances.bestOpposite;
  } else {
    return {
      ok: false,
      field: 'entry',
      message: `no ${side === 'buy' ? 'offer' : 'bid'} yet to price the exits of a market entry from`,
      refused: true,
    };
  }
  // A long takes profit above the entry and stops out below it; a short mirrors it.
  const direction = side === 'buy' ? 1 : -1;
  const at = (ticks: number, sign: number): Price =>
    asPrice(entryReference + sign * direction * ticks * format.tickUnits);
  const takeProfit = distances.takeProfitTicks === undefined ? undefined : at(distances.takeProfitTicks, 1);
  const stopLoss = distances.stopLossTicks === undefined ? undefined : at(distances.stopLossTicks, -1);
  for (const [field, price] of [
    ['takeProfitTicks', takeProfit],
    ['stopLossTicks', stopLoss],
  ] as const) {
    if (price !== undefined && price <= 0)
      return {
        ok: false,
        field,
        message: `puts the exit at or below zero (entry at ${entryReference} price units)`,
        refused: false,
      };
  }
  return { ok: true, entryReference, takeProfit, stopLoss };
}
