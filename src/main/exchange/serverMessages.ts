import { z } from 'zod';
import {
  instrumentSchema,
  wireSymbolSchema,
  wireTimestampSchema,
} from '../../shared/domain/marketEventSchemas';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';
import { ERROR_CODES, EXCHANGE_PROTOCOL_VERSION, SUBSCRIPTION_MODES, type ServerMessage } from './protocol';

/**
 * Runtime schema of what the exchange sends (docs/exchange-protocol.md), for the client side: the
 * feed trusts nothing it has not checked. An `events` message is checked here only as an envelope
 * (`events` is an array); each event is checked on its own (marketEventSchema), so one malformed
 * event is dropped without losing the rest of its batch.
 */

const requestIdSchema = z.union([z.string().max(100), z.number().int()]).optional();
const sessionSchema = z.object({
  date: z.string(),
  openUs: z.number().int(),
  closeUs: z.number().int(),
  open: z.boolean(),
});

const chainQuoteSchema = z.object({
  oi: z.number(),
  oiChange: z.number(),
  volume: z.number(),
  iv: z.number().nullable(),
  ltp: z.number(),
  ltpChange: z.number(),
  bid: z.number(),
  ask: z.number(),
  bidQty: z.number(),
  askQty: z.number(),
});

const chainSnapshotSchema: z.ZodType<ChainSnapshot, unknown> = z.object({
  underlying: z.string().min(1),
  spot: z.number(),
  expiry: z.string(),
  expiryUs: wireTimestampSchema,
  timestampUs: wireTimestampSchema,
  contractMultiplier: z.number().positive(),
  rows: z.array(
    z.object({ strike: z.number(), ce: chainQuoteSchema.nullable(), pe: chainQuoteSchema.nullable() }),
  ),
});

/** A server message whose events (if any) are not yet checked one by one. */
export type UncheckedServerMessage =
  | Exclude<ServerMessage, { type: 'events' }>
  | { readonly type: 'events'; readonly events: readonly unknown[] };

export const serverMessageSchema: z.ZodType<UncheckedServerMessage, unknown> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('hello'),
    protocol: z.literal(EXCHANGE_PROTOCOL_VERSION),
    profile: z.enum(['nse', 'us']),
    seed: z.number(),
    speed: z.number(),
    simTimeUs: z.number().int(),
    session: sessionSchema,
  }),
  z.object({ type: z.literal('events'), events: z.array(z.unknown()) }),
  z.object({
    type: z.literal('subscribed'),
    id: requestIdSchema,
    symbols: z.array(z.string()),
    mode: z.enum(SUBSCRIPTION_MODES),
  }),
  z.object({ type: z.literal('unsubscribed'), id: requestIdSchema, symbols: z.array(z.string()) }),
  z.object({
    type: z.literal('instruments'),
    id: requestIdSchema,
    version: z.number().int(),
    instruments: z.array(instrumentSchema),
  }),
  z.object({ type: z.literal('chain'), id: requestIdSchema, snapshot: chainSnapshotSchema }),
  z.object({
    type: z.literal('pong'),
    id: requestIdSchema,
    simTimeUs: z.number().int(),
    session: sessionSchema,
  }),
  z.object({
    type: z.literal('error'),
    id: requestIdSchema,
    code: z.enum(ERROR_CODES),
    message: z.string(),
    symbols: z.array(wireSymbolSchema).optional(),
  }),
]);
