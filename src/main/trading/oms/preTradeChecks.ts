import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderRequest } from '../../../shared/domain/orders';
import type { Price, TickRounding } from '../../../shared/domain/price';
import { formatPrice, isOnTick, roundToTick } from '../../../shared/domain/price';
import { sliceQuantity } from './freezeSlicing';
import type { MarginRule } from './margin';
import { orderMarginRequirement } from './margin';

/** Every reason the OMS refuses an order before it reaches the broker. */
export type RejectCode =
  | 'unknownInstrument'
  | 'invalidQuantity'
  | 'lotMultiple'
  | 'missingPrice'
  | 'invalidPrice'
  | 'offTick'
  | 'reduceOnly'
  | 'noMarketData'
  | 'priceBand'
  | 'maxOrderValue'
  | 'insufficientFunds'
  | 'rateLimit'
  | 'unsupportedOrder';

export interface PreTradeRejection {
  readonly code: RejectCode;
  readonly message: string;
}

export interface PreTradeLimits {
  /** Off-tick prices: round them (never more aggressive than typed) or refuse them. */
  readonly tickPolicy: 'round' | 'reject';
  /**
   * Limit and stop prices must lie within this percentage of the reference price (last trade, else
   * mid). Exchanges refuse orders outside their price bands (NSE's dynamic price bands for options);
   * checking here turns a broker rejection into a clear local one. null disables the check.
   */
  readonly priceBandPercent: number | null;
  /** Largest value of one order (before slicing), in minor units (paise, cents). null disables. */
  readonly maxOrderValue: number | null;
  /** New-order messages per second (see OrderRateLimiter). */
  readonly maxOrdersPerSecond: number;
  readonly marginRule: MarginRule;
}

export const DEFAULT_PRE_TRADE_LIMITS: PreTradeLimits = {
  tickPolicy: 'round',
  priceBandPercent: 40,
  maxOrderValue: null,
  maxOrdersPerSecond: 10,
  marginRule: { shortOptionPercentOfStrike: 12, nonOptionPercent: 100 },
};

export interface MarketReference {
  readonly bid: Price | null;
  readonly ask: Price | null;
  readonly last: Price | null;
}

export interface PreTradeInput {
  readonly request: OrderRequest;
  readonly instrument: Instrument | undefined;
  readonly reference: MarketReference;
  /** Signed open quantity of the same symbol and source. */
  readonly positionQuantity: number;
  /** Money available for new orders in minor units; null skips the buying-power check. */
  readonly availableFunds: number | null;
  readonly limits: PreTradeLimits;
}

export type PreTradeResult =
  | {
      readonly ok: true;
      /** The request with prices rounded onto the tick grid. */
      readonly request: OrderRequest;
      /** Quantities of the legal slices (one element when no slicing was needed). */
      readonly slices: number[];
      /** Human-readable notes of what was changed (tick rounding). */
      readonly adjustments: string[];
      /** Money the order needs (0 for reducing orders). */
      readonly marginRequired: number;
    }
  | { readonly ok: false; readonly rejection: PreTradeRejection };

const reject = (code: RejectCode, message: string): PreTradeResult => ({
  ok: false,
  rejection: { code, message },
});

/** Runs the checks in the order a trader would want them explained: shape first, then market, then money. */
export function runPreTradeChecks(input: PreTradeInput): PreTradeResult {
  const { instrument, limits, reference } = input;
  let request = input.request;
  if (!instrument) return reject('unknownInstrument', `unknown instrument ${request.symbol}`);

  if (!Number.isSafeInteger(request.quantity) || request.quantity <= 0) {
    return reject('invalidQuantity', `quantity must be a positive whole number, got ${request.quantity}`);
  }
  if (request.quantity % instrument.lotSize !== 0) {
    return reject(
      'lotMultiple',
      `quantity ${request.quantity} is not a multiple of the lot size ${instrument.lotSize} of ${instrument.symbol}`,
    );
  }

  const priced = checkPrices(request, instrument, limits.tickPolicy);
  if (!priced.ok) return priced;
  request = priced.request;
  const adjustments = priced.adjustments;

  if (request.reduceOnly) {
    const position = input.positionQuantity;
    const reduces = request.side === 'buy' ? position < 0 : position > 0;
    if (!reduces) {
      return reject(
        'reduceOnly',
        `reduce-only ${request.side} of ${request.symbol} would open a position (position ${position})`,
      );
    }
    if (request.quantity > Math.abs(position)) {
      return reject(
        'reduceOnly',
        `reduce-only ${request.side} of ${request.quantity} exceeds the open position of ${Math.abs(position)} ${request.symbol}`,
      );
    }
  }

  const band = checkPriceBand(request, instrument, reference, limits.priceBandPercent);
  if (band) return { ok: false, rejection: band };

  const valuePrice = valuationPrice(request, reference);
  if (valuePrice === null) {
    return reject(
      'noMarketData',
      `no price for ${request.symbol} yet to value a ${request.type} order; wait for a quote`,
    );
  }
  const orderValue = valuePrice * request.quantity * instrument.multiplier;
  if (limits.maxOrderValue !== null && orderValue > limits.maxOrderValue) {
    return reject(
      'maxOrderValue',
      `order value ${formatMoney(orderValue, instrument)} exceeds the per-order limit ${formatMoney(limits.maxOrderValue, instrument)}`,
    );
  }

  const marginRequired = orderMarginRequirement({
    instrument,
    side: request.side,
    quantity: request.quantity,
    price: valuePrice,
    positionQuantity: input.positionQuantity,
    rule: limits.marginRule,
  });
  if (input.availableFunds !== null && marginRequired > input.availableFunds) {
    return reject(
      'insufficientFunds',
      `order needs ${formatMoney(marginRequired, instrument)}, only ${formatMoney(Math.max(0, input.availableFunds), instrument)} available`,
    );
  }

  return {
    ok: true,
    request,
    slices: sliceQuantity(request.quantity, instrument.lotSize, instrument.freezeQuantity),
    adjustments,
    marginRequired,
  };
}

/**
 * Presence, sign and tick grid of limit and stop prices. Rounding is never more aggressive than
 * what was typed: a buy limit rounds down and a sell limit up (it never pays more or receives
 * less); a buy stop rounds up and a sell stop down (it never triggers earlier).
 */
export function checkPrices(
  request: OrderRequest,
  instrument: Instrument,
  tickPolicy: 'round' | 'reject',
): { ok: true; request: OrderRequest; adjustments: string[] } | { ok: false; rejection: PreTradeRejection } {
  const needsLimit = request.type === 'limit' || request.type === 'stopLimit';
  const needsStop = request.type === 'stop' || request.type === 'stopLimit';
  const adjustments: string[] = [];
  let next: OrderRequest = request;
  const fields: Array<['limitPrice' | 'stopPrice', boolean, TickRounding]> = [
    ['limitPrice', needsLimit, request.side === 'buy' ? 'down' : 'up'],
    ['stopPrice', needsStop, request.side === 'buy' ? 'up' : 'down'],
  ];
  for (const [field, needed, rounding] of fields) {
    const price = request[field];
    if (!needed) {
      if (price !== undefined) next = { ...next, [field]: undefined };
      continue;
    }
    if (price === undefined) {
      return {
        ok: false,
        rejection: { code: 'missingPrice', message: `${request.type} order needs a ${field}` },
      };
    }
    if (!Number.isSafeInteger(price) || price <= 0) {
      return {
        ok: false,
        rejection: { code: 'invalidPrice', message: `${field} must be a positive price, got ${price}` },
      };
    }
    if (!isOnTick(price, instrument)) {
      if (tickPolicy === 'reject') {
        return {
          ok: false,
          rejection: {
            code: 'offTick',
            message: `${field} ${formatPrice(price, instrument)} is not a multiple of the tick ${formatPrice(instrument.tickUnits, instrument)}`,
          },
        };
      }
      const rounded = roundToTick(price, instrument, rounding);
      if (rounded <= 0) {
        return {
          ok: false,
          rejection: { code: 'invalidPrice', message: `${field} rounds to zero on the tick grid` },
        };
      }
      adjustments.push(
        `${field} ${formatPrice(price, instrument)} rounded ${rounding} to ${formatPrice(rounded, instrument)}`,
      );
      next = { ...next, [field]: rounded };
    }
  }
  return { ok: true, request: next, adjustments };
}

export function referencePrice(reference: MarketReference): Price | null {
  if (reference.last !== null) return reference.last;
  if (reference.bid !== null && reference.ask !== null)
    return Math.round((reference.bid + reference.ask) / 2) as Price;
  return reference.bid ?? reference.ask ?? null;
}

function checkPriceBand(
  request: OrderRequest,
  instrument: Instrument,
  reference: MarketReference,
  bandPercent: number | null,
): PreTradeRejection | null {
  if (bandPercent === null) return null;
  const ref = referencePrice(reference);
  if (ref === null) return null;
  const low = Math.floor((ref * (100 - bandPercent)) / 100);
  const high = Math.ceil((ref * (100 + bandPercent)) / 100);
  for (const field of ['limitPrice', 'stopPrice'] as const) {
    const price = request[field];
    if (price === undefined) continue;
    if (price < low || price > high) {
      return {
        code: 'priceBand',
        message: `${field} ${formatPrice(price, instrument)} is outside the ±${bandPercent}% band around ${formatPrice(ref, instrument)} (${formatPrice(low, instrument)}–${formatPrice(high, instrument)})`,
      };
    }
  }
  return null;
}

/** The price an order is valued at: its limit, its stop, or the side of the book it would take. */
export function valuationPrice(request: OrderRequest, reference: MarketReference): number | null {
  if (request.limitPrice !== undefined) return request.limitPrice;
  if (request.stopPrice !== undefined) return request.stopPrice;
  const touch = request.side === 'buy' ? reference.ask : reference.bid;
  return touch ?? reference.last ?? null;
}

/** Minor units as a decimal amount with the currency, e.g. "1234.50 INR". */
export function formatMoney(
  minorUnits: number,
  instrument: Pick<Instrument, 'priceDecimals' | 'currency'>,
): string {
  return `${(minorUnits / 10 ** instrument.priceDecimals).toFixed(instrument.priceDecimals)} ${instrument.currency}`;
}
