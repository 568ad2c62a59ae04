import type { Instrument } from '../../../shared/domain/instrument';
import type { Side } from '../../../shared/domain/marketEvents';

/**
 * A deliberately simple margin rule, shared by the OMS's buying-power check and the paper account
 * so both agree on what an order costs:
 * - buying an option (to open) pays the premium: price × quantity × multiplier;
 * - selling an option to open blocks `shortOptionPercentOfStrike` % of the strike notional
 *   (strike × quantity × multiplier). It stands in for SPAN + exposure margin (NSE index options
 *   need roughly 10–15 % of contract value) and for Reg-T naked-option margin in the US (20 % of the
 *   underlying less the out-of-the-money amount, at least 10 %). The premium received is credited
 *   to cash and is not counted against the block.
 * - futures and equities block `nonOptionPercent` % of the traded notional either side.
 * Closing quantity (the part of an order that reduces a position) needs no margin.
 */
export interface MarginRule {
  readonly shortOptionPercentOfStrike: number;
  readonly nonOptionPercent: number;
}

export const DEFAULT_MARGIN_RULES: Readonly<Record<'nse' | 'us', MarginRule>> = {
  nse: { shortOptionPercentOfStrike: 12, nonOptionPercent: 100 },
  us: { shortOptionPercentOfStrike: 20, nonOptionPercent: 100 },
};

/** The part of an order that opens or adds to a position, given the signed position before it. */
export function openingQuantity(side: Side, quantity: number, positionQuantity: number): number {
  const closes = side === 'buy' ? positionQuantity < 0 : positionQuantity > 0;
  if (!closes) return quantity;
  return Math.max(0, quantity - Math.abs(positionQuantity));
}

/** Strike in the option's minor price units (the strike is stored as a decimal of the underlying). */
export function strikeUnits(instrument: Instrument): number {
  if (instrument.kind !== 'option') return 0;
  return Math.round(instrument.strike * 10 ** instrument.priceDecimals);
}

/**
 * Money (minor units) an order needs, at `price` for the premium or notional. Cash-settled buys
 * (long options, equities) pay the full price; futures and short sales block margin.
 */
export function orderMarginRequirement(args: {
  readonly instrument: Instrument;
  readonly side: Side;
  readonly quantity: number;
  readonly price: number;
  readonly positionQuantity: number;
  readonly rule: MarginRule;
}): number {
  const { instrument, side, price, rule } = args;
  const opening = openingQuantity(side, args.quantity, args.positionQuantity);
  if (opening === 0) return 0;
  const notional = price * opening * instrument.multiplier;
  switch (instrument.kind) {
    case 'option':
      if (side === 'buy') return notional;
      return Math.ceil(
        (strikeUnits(instrument) * opening * instrument.multiplier * rule.shortOptionPercentOfStrike) / 100,
      );
    case 'future':
      return Math.ceil((notional * rule.nonOptionPercent) / 100);
    default:
      return side === 'buy' ? notional : Math.ceil((notional * rule.nonOptionPercent) / 100);
  }
}

/** Margin an open position keeps blocked (a long option or long equity was paid for and blocks nothing). */
export function positionMarginBlocked(args: {
  readonly instrument: Instrument;
  readonly quantity: number;
  readonly averagePrice: number;
  readonly rule: MarginRule;
}): number {
  const { instrument, quantity, rule } = args;
  if (quantity === 0) return 0;
  const notional = Math.abs(args.averagePrice * quantity) * instrument.multiplier;
  switch (instrument.kind) {
    case 'option':
      if (quantity > 0) return 0;
      return Math.ceil(
        (strikeUnits(instrument) * -quantity * instrument.multiplier * rule.shortOptionPercentOfStrike) / 100,
      );
    case 'future':
      return Math.ceil((notional * rule.nonOptionPercent) / 100);
    default:
      return quantity > 0 ? 0 : Math.ceil((notional * rule.nonOptionPercent) / 100);
  }
}
