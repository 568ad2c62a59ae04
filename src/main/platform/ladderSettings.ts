import { z } from 'zod';

/** A default exit distance: ticks (one ladder row), price points, or percent of the entry price. */
const exitDistanceSchema = z
  .object({
    value: z.number().positive(),
    unit: z.enum(['ticks', 'points', 'percent']),
  })
  .strict();

/**
 * The `ladder` section of settings.json: the most lots one click or key may send (the instrument's
 * freeze quantity caps it further), and the exits attached to every manual entry by default.
 */
export const ladderSettingsSchema = z
  .object({
    maxLots: z.number().int().min(1).max(100_000).default(100),
    exits: z
      .object({
        takeProfit: exitDistanceSchema.nullable().default(null),
        stopLoss: exitDistanceSchema.nullable().default(null),
        /** The stop-loss follows the best price at its distance (needs a stopLoss). */
        trailing: z.boolean().default(false),
      })
      .strict()
      .default({ takeProfit: null, stopLoss: null, trailing: false }),
  })
  .superRefine((ladder, context) => {
    if (ladder.exits.trailing && ladder.exits.stopLoss === null)
      context.addIssue({
        code: 'custom',
        path: ['exits', 'trailing'],
        message: 'a trailing exit needs exits.stopLoss (the distance it trails at)',
      });
  });

export const LADDER_SETTINGS_DEFAULTS = {
  maxLots: 100,
  exits: { takeProfit: null, stopLoss: null, trailing: false },
} as const;
