import { z } from 'zod';
import { asSymbol } from './ids';
import type { Instrument } from './instrument';
import { DEPTH_LEVELS, type MarketEvent } from './marketEvents';
import { asPrice } from './price';
import { asTimestampUs } from './time';

/**
 * Runtime schemas for market data that arrives from outside the process (a feed's WebSocket, a
 * broker): the only way such a value becomes a `Price`, `Symbol` or `TimestampUs` is through the
 * checked constructors below, after zod has checked its shape. Unknown members are stripped.
 */

/** An exact price: a safe integer count of the instrument's minor units (src/shared/domain/price.ts). */
export const wirePriceSchema = z
  .number()
  .int('must be an integer count of minor price units')
  .transform(asPrice);
export const wireSymbolSchema = z
  .string()
  .min(1, 'is empty')
  .max(64, 'is longer than 64 characters')
  .transform(asSymbol);
/** Integer microseconds since the Unix epoch. */
export const wireTimestampSchema = z
  .number()
  .int('must be integer microseconds')
  .nonnegative('must not be before 1970')
  .transform(asTimestampUs);
/** A size or volume: finite and not negative (crypto sizes are fractional). */
const sizeSchema = z.number().nonnegative('must not be negative');

const bookLevelSchema = z.object({ price: wirePriceSchema, size: sizeSchema });
const eventBase = { symbol: wireSymbolSchema, tsEvent: wireTimestampSchema };

export const marketEventSchema: z.ZodType<MarketEvent, unknown> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('trade'),
    ...eventBase,
    price: wirePriceSchema,
    size: sizeSchema,
    aggressor: z.enum(['buy', 'sell', 'unknown']),
  }),
  z.object({
    type: z.literal('quote'),
    ...eventBase,
    bidPrice: wirePriceSchema,
    bidSize: sizeSchema,
    askPrice: wirePriceSchema,
    askSize: sizeSchema,
  }),
  z.object({
    type: z.literal('depth'),
    ...eventBase,
    bids: z.array(bookLevelSchema).max(DEPTH_LEVELS),
    asks: z.array(bookLevelSchema).max(DEPTH_LEVELS),
  }),
  z.object({ type: z.literal('index'), ...eventBase, value: wirePriceSchema }),
  z.object({
    type: z.literal('bar'),
    ...eventBase,
    intervalSeconds: z.number().positive(),
    open: wirePriceSchema,
    high: wirePriceSchema,
    low: wirePriceSchema,
    close: wirePriceSchema,
    volume: sizeSchema,
  }),
]);

const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form');
const instrumentBase = {
  symbol: wireSymbolSchema,
  exchange: z.string().min(1),
  profile: z.enum(['nse', 'us']),
  priceDecimals: z.number().int().min(0).max(12),
  tickUnits: z.number().int().positive(),
  lotSize: z.number().positive(),
  multiplier: z.number().positive(),
  freezeQuantity: z.number().nonnegative(),
  currency: z.string().min(1),
  calendarId: z.string().min(1).optional(),
};

export const instrumentSchema: z.ZodType<Instrument, unknown> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('index'), ...instrumentBase }),
  z.object({ kind: z.literal('equity'), ...instrumentBase }),
  z.object({
    kind: z.literal('future'),
    ...instrumentBase,
    underlying: wireSymbolSchema,
    expiry: isoDateSchema,
  }),
  z.object({
    kind: z.literal('option'),
    ...instrumentBase,
    underlying: wireSymbolSchema,
    expiry: isoDateSchema,
    strike: z.number().positive(),
    right: z.enum(['CE', 'PE']),
    exerciseStyle: z.enum(['european', 'american']).optional(),
    expiryCycle: z.enum(['daily', 'weekly', 'monthly']).optional(),
  }),
]);

/** `field: problem` of the first issue, for a log line or an error reply. */
export function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const path = issue.path.map(String).join('.');
  return path === '' ? issue.message : `${path}: ${issue.message}`;
}
