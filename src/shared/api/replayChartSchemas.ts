import { z } from 'zod';
import { candleIntervalSchema } from './schemas';

/** The replay window's chart (issue 12): bars of the replayed symbol and the replay account's fills. */
export const replayCandlesParamsSchema = z
  .object({
    interval: candleIntervalSchema,
    /** Bars starting at or after this tape time, µs since the epoch (the chart asks for its tail). */
    from: z.number().int('must be whole microseconds').nonnegative('must not be negative').optional(),
    /** Fills after the first N of the watched symbol (the chart holds N already). */
    fillsFrom: z.number().int('must be a whole number').nonnegative('must not be negative').optional(),
  })
  .strict();

export type ReplayCandlesParams = z.infer<typeof replayCandlesParamsSchema>;
