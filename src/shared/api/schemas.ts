import { z } from 'zod';
import { BUILT_IN_PRESET_NAMES } from '../domain/enginePresets';

/** Runtime schemas for every payload that enters main (the "one typed API" principle). */

export const emptyParamsSchema = z.object({}).strict();

export const symbolSchema = z
  .string()
  .min(1, 'symbol is empty')
  .max(64, 'symbol is longer than 64 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'symbol may contain only letters, digits and . _ : -');

/** Price in the instrument's integer minor units (see src/shared/domain/price.ts). */
const priceUnitsSchema = z
  .number()
  .int('must be an integer number of price units')
  .positive('must be positive');

/** Whole units (a multiple of the lot size: the OMS checks that against the instrument). */
const quantitySchema = z
  .number()
  .int('must be a whole number')
  .positive('must be positive')
  .max(10_000_000, 'is too large');

export const placeOrderParamsSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit', 'stop', 'stopLimit']),
    quantity: quantitySchema,
    limitPrice: priceUnitsSchema.optional(),
    stopPrice: priceUnitsSchema.optional(),
    timeInForce: z.enum(['DAY', 'IOC']).default('DAY'),
    reduceOnly: z.boolean().optional(),
    tag: z.string().max(120).optional(),
  })
  .strict()
  .superRefine((order, context) => {
    const needsLimit = order.type === 'limit' || order.type === 'stopLimit';
    const needsStop = order.type === 'stop' || order.type === 'stopLimit';
    if (needsLimit && order.limitPrice === undefined)
      context.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: `is required for a ${order.type} order`,
      });
    if (!needsLimit && order.limitPrice !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: `is not allowed on a ${order.type} order`,
      });
    if (needsStop && order.stopPrice === undefined)
      context.addIssue({
        code: 'custom',
        path: ['stopPrice'],
        message: `is required for a ${order.type} order`,
      });
    if (!needsStop && order.stopPrice !== undefined)
      context.addIssue({
        code: 'custom',
        path: ['stopPrice'],
        message: `is not allowed on a ${order.type} order`,
      });
  });

export type PlaceOrderParams = z.output<typeof placeOrderParamsSchema>;

/** An order, group or leg id as the OMS issues them. */
const idSchema = z.string().min(1, 'is empty').max(100, 'is longer than 100 characters');

export const cancelOrderParamsSchema = z.object({ orderId: z.string().min(1).max(100) }).strict();

/**
 * Moves a working order (dragging it on the ladder): a new limit or stop price, or a new total
 * quantity. The order keeps its id and its place in the OMS; the broker amends it (never cancel and
 * replace, which would lose queue priority and could fill twice).
 */
export const modifyOrderParamsSchema = z
  .object({
    orderId: idSchema,
    limitPrice: priceUnitsSchema.optional(),
    stopPrice: priceUnitsSchema.optional(),
    quantity: quantitySchema.optional(),
  })
  .strict()
  .superRefine((changes, context) => {
    if (changes.limitPrice === undefined && changes.stopPrice === undefined && changes.quantity === undefined)
      context.addIssue({
        code: 'custom',
        path: ['limitPrice'],
        message: 'a modify needs limitPrice, stopPrice or quantity',
      });
  });
export type ModifyOrderParams = z.output<typeof modifyOrderParamsSchema>;

/** Moves a take-profit or stop-loss leg of an attached group to a new price (editing a position's exits). */
export const modifyLegParamsSchema = z
  .object({
    groupId: idSchema,
    legId: idSchema,
    price: priceUnitsSchema,
  })
  .strict();
export type ModifyLegParams = z.output<typeof modifyLegParamsSchema>;

export const flattenParamsSchema = z.object({ symbol: symbolSchema }).strict();

// ---------------------------------------------------------------- attached orders (issue 5)

/**
 * A take-profit or stop-loss distance in ticks from the entry: the ladder's natural unit (one row is
 * one tick). The core turns it into a price on the instrument's tick grid.
 */
const tickDistanceSchema = z
  .number({ error: 'must be a number of ticks' })
  .int('must be a whole number of ticks')
  .positive('must be at least 1 tick')
  .max(100_000, 'is more than 100,000 ticks away');

/** A bracket enters at market or at a limit; stop entries are not offered from the ladder. */
const bracketEntrySchema = z
  .object({
    type: z.enum(['market', 'limit']),
    limitPrice: priceUnitsSchema.optional(),
  })
  .strict()
  .superRefine((entry, context) => {
    if (entry.type === 'limit' && entry.limitPrice === undefined)
      context.addIssue({ code: 'custom', path: ['limitPrice'], message: 'is required for a limit entry' });
    if (entry.type === 'market' && entry.limitPrice !== undefined)
      context.addIssue({ code: 'custom', path: ['limitPrice'], message: 'is not allowed on a market entry' });
  });

export const placeBracketParamsSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(['buy', 'sell']),
    quantity: quantitySchema,
    entry: bracketEntrySchema,
    takeProfitTicks: tickDistanceSchema.optional(),
    stopLossTicks: tickDistanceSchema.optional(),
    /** The stop-loss trails the best price at its distance (stopLossTicks). */
    trailStopLoss: z.boolean().default(false),
    timeInForce: z.enum(['DAY', 'IOC']).default('DAY'),
  })
  .strict()
  .superRefine((bracket, context) => {
    if (bracket.trailStopLoss && bracket.stopLossTicks === undefined)
      context.addIssue({
        code: 'custom',
        path: ['trailStopLoss'],
        message: 'a trailing stop-loss needs stopLossTicks (the distance it trails at)',
      });
    if (bracket.takeProfitTicks === undefined && bracket.stopLossTicks === undefined)
      context.addIssue({
        code: 'custom',
        path: ['takeProfitTicks'],
        message: 'a bracket needs takeProfitTicks, stopLossTicks or both',
      });
  });
export type PlaceBracketParams = z.output<typeof placeBracketParamsSchema>;

export const cancelGroupParamsSchema = z.object({ groupId: idSchema }).strict();

/** `engine.handOver` and `engine.handBack`: the position in `symbol` to the engine's exits (issue 4) and back. */
export const handOverParamsSchema = z.object({ symbol: symbolSchema }).strict();
export const ladderParamsSchema = z.object({ symbol: symbolSchema }).strict();

// ---------------------------------------------------------------- candles (issue 12)

/** The bar lengths the core builds, in seconds: 1 s, 5 s, 15 s, 1 m, 5 m. */
export const CANDLE_INTERVAL_SECONDS = [1, 5, 15, 60, 300] as const;
export type CandleIntervalSeconds = (typeof CANDLE_INTERVAL_SECONDS)[number];

export const candleIntervalSchema = z
  .number({ error: 'must be a number of seconds' })
  .refine(
    (value): value is CandleIntervalSeconds => (CANDLE_INTERVAL_SECONDS as readonly number[]).includes(value),
    {
      message: `must be one of ${CANDLE_INTERVAL_SECONDS.join(', ')} seconds`,
    },
  );

/** One candle stream's key: a symbol at one interval (`NIFTY@60`). */
export function candleSeriesKey(symbol: string, interval: number): string {
  return `${symbol}@${interval}`;
}

export const getCandlesParamsSchema = z
  .object({
    symbol: symbolSchema,
    interval: candleIntervalSchema,
    /** Bars starting at or after this time, µs since the epoch. */
    from: z.number().int('must be whole microseconds').nonnegative('must not be negative').optional(),
    /** The newest N bars (of those from `from`). */
    count: z
      .number()
      .int('must be a whole number')
      .positive('must be positive')
      .max(25_000, 'is too large')
      .optional(),
  })
  .strict();

/**
 * A candle stream is keyed by symbol and interval together: the parsed params carry the `series`
 * key main's fan-out routes by, so a window charting 1 m bars never receives the 1 s ones.
 */
export const candlesParamsSchema = z
  .object({ symbol: symbolSchema, interval: candleIntervalSchema })
  .strict()
  .transform((params) => ({ ...params, series: candleSeriesKey(params.symbol, params.interval) }));

export const engineModeParamsSchema = z.object({ mode: z.enum(['off', 'shadow', 'paper', 'live']) }).strict();
export const killSwitchParamsSchema = z
  .object({ reason: z.string().trim().min(1, 'say why').max(200).default('kill switch pressed') })
  .strict();
export const resolveReconciliationParamsSchema = z
  .object({ note: z.string().trim().min(3, 'write what you checked (at least 3 characters)').max(500) })
  .strict();

// ---------------------------------------------------------------- replay (issue 6)

/** The replay window's speeds; 'max' plays as fast as the engine goes (src/main/backtest/driver.ts). */
export const REPLAY_SPEED_VALUES = [1, 2, 5, 10, 60, 'max'] as const;
export const REPLAY_FORMATS = ['rec', 'csv', 'lobster'] as const;
/** The engine's built-in presets a replay may run with (the one list, src/shared/domain/enginePresets.ts). */
export const REPLAY_PRESETS = BUILT_IN_PRESET_NAMES;

export const replaySpeedSchema = z.literal(REPLAY_SPEED_VALUES, {
  error: `must be one of ${REPLAY_SPEED_VALUES.join(', ')}`,
});

/**
 * Where a replay reads from: the name of a file in <dataDir>/recordings, or an absolute path to a
 * regular file (an import). What exists and is allowed is checked by the core (replayController).
 */
const replayPathSchema = z
  .string()
  .trim()
  .min(1, 'is empty')
  .max(4096, 'is longer than 4096 characters')
  .refine((value) => !value.includes('\0'), 'contains a NUL character');

export const replayOpenParamsSchema = z
  .object({
    path: replayPathSchema,
    format: z.enum(REPLAY_FORMATS, { error: `must be one of ${REPLAY_FORMATS.join(', ')}` }).optional(),
    preset: z
      .enum(REPLAY_PRESETS, { error: `must be one of ${REPLAY_PRESETS.join(', ')}` })
      .default('Balanced'),
    seed: z
      .number()
      .int('must be a whole number')
      .min(0, 'must not be negative')
      .max(2_147_483_647, 'is too large')
      .default(1),
    /** Zone of naive CSV timestamps; LOBSTER's exchange zone (default America/New_York). */
    timeZone: z
      .string()
      .min(1, 'is empty')
      .max(64, 'is longer than 64 characters')
      .regex(/^[A-Za-z0-9_+\-/]+$/, 'is not an IANA zone name such as Asia/Kolkata')
      .optional(),
    /** The symbol whose replayed book the window shows; default the first with a book. */
    symbol: symbolSchema.optional(),
  })
  .strict();
export type ReplayOpenParams = z.output<typeof replayOpenParamsSchema>;

export const replaySeekParamsSchema = z
  .object({
    tsUs: z
      .number({ error: 'must be a number of microseconds since the epoch' })
      .int('must be a whole number of microseconds')
      .min(0, 'must not be negative')
      .max(Number.MAX_SAFE_INTEGER, 'is too large'),
  })
  .strict();
export const replaySpeedParamsSchema = z.object({ speed: replaySpeedSchema }).strict();
export const replayWatchParamsSchema = z.object({ symbol: symbolSchema }).strict();
export const replayListRunsParamsSchema = z
  .object({ limit: z.number().int('must be a whole number').min(1).max(500).default(50) })
  .strict();
