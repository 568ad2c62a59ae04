import { z } from 'zod';
import type { Instrument, MarketProfile } from '../../shared/domain/instrument';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';

/**
 * The built-in exchange's WebSocket protocol, version 1 (docs/exchange-protocol.md). JSON text
 * frames; client messages carry `op`, server messages carry `type`. A client may put an `id`
 * (string or number) on any request; replies and errors caused by it echo the id.
 */
export const EXCHANGE_PROTOCOL_VERSION = 1;

/** Largest client frame accepted; larger frames close the connection (code 1009, by the ws library). */
export const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;
export const MAX_SYMBOLS_PER_REQUEST = 5000;

/**
 * What a subscription delivers: `ltp` trades and index values; `quote` adds top-of-book quotes;
 * `depth` adds 5-level depth.
 */
export const SUBSCRIPTION_MODES = ['ltp', 'quote', 'depth'] as const;
export type SubscriptionMode = (typeof SUBSCRIPTION_MODES)[number];

export function modeDelivers(mode: SubscriptionMode, eventType: MarketEvent['type']): boolean {
  switch (eventType) {
    case 'trade':
    case 'index':
    case 'bar':
      return true;
    case 'quote':
      return mode !== 'ltp';
    case 'depth':
      return mode === 'depth';
  }
}

const requestIdSchema = z.union([z.string().max(100), z.number().int()]).optional();
const symbolListSchema = z
  .array(z.string().min(1).max(64))
  .min(1, 'must name at least one symbol')
  .max(MAX_SYMBOLS_PER_REQUEST, `must name at most ${MAX_SYMBOLS_PER_REQUEST} symbols`);

export const clientMessageSchema = z.discriminatedUnion('op', [
  z
    .object({
      op: z.literal('subscribe'),
      id: requestIdSchema,
      symbols: symbolListSchema,
      mode: z.enum(SUBSCRIPTION_MODES),
    })
    .strict(),
  z.object({ op: z.literal('unsubscribe'), id: requestIdSchema, symbols: symbolListSchema }).strict(),
  z.object({ op: z.literal('instruments'), id: requestIdSchema }).strict(),
  z
    .object({
      op: z.literal('chain'),
      id: requestIdSchema,
      underlying: z.string().min(1).max(64),
      expiry: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form')
        .optional(),
    })
    .strict(),
  z.object({ op: z.literal('ping'), id: requestIdSchema }).strict(),
]);

export type ClientMessage = z.output<typeof clientMessageSchema>;
export type RequestId = string | number;

export const ERROR_CODES = [
  'bad_json',
  'bad_message',
  'unknown_op',
  'unknown_symbol',
  'unknown_underlying',
  'unknown_expiry',
  'internal',
] as const;
export type ExchangeErrorCode = (typeof ERROR_CODES)[number];

export interface SessionInfo {
  readonly date: string;
  readonly openUs: number;
  readonly closeUs: number;
  readonly open: boolean;
}

export type ServerMessage =
  | {
      readonly type: 'hello';
      readonly protocol: number;
      readonly profile: MarketProfile;
      readonly seed: number;
      readonly speed: number;
      readonly simTimeUs: number;
      readonly session: SessionInfo;
    }
  | { readonly type: 'events'; readonly events: readonly MarketEvent[] }
  | {
      readonly type: 'subscribed';
      readonly id?: RequestId;
      readonly symbols: readonly string[];
      readonly mode: SubscriptionMode;
    }
  | { readonly type: 'unsubscribed'; readonly id?: RequestId; readonly symbols: readonly string[] }
  | {
      readonly type: 'instruments';
      readonly id?: RequestId;
      /** Increments when the listing changes (a new session re-lists the option chain). */
      readonly version: number;
      readonly instruments: readonly Instrument[];
    }
  | { readonly type: 'chain'; readonly id?: RequestId; readonly snapshot: ChainSnapshot }
  | {
      readonly type: 'pong';
      readonly id?: RequestId;
      readonly simTimeUs: number;
      readonly session: SessionInfo;
    }
  | {
      readonly type: 'error';
      readonly id?: RequestId;
      readonly code: ExchangeErrorCode;
      readonly message: string;
      readonly symbols?: readonly string[];
    };
