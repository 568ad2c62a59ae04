import { z } from 'zod';

/** Params of the analytics window's methods (issue 13). */

const daySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD form');
const labelSchema = z.string().trim().min(1).max(80);

export const analyticsFilterSchema = z
  .object({
    /** First and last market day (inclusive), in the market's time zone. */
    from: daySchema.optional(),
    to: daySchema.optional(),
    symbol: labelSchema.optional(),
    side: z.enum(['long', 'short']).optional(),
    source: z.enum(['manual', 'auto', 'replay']).optional(),
    signal: labelSchema.optional(),
    exitRule: labelSchema.optional(),
    regime: labelSchema.optional(),
    /** Default: the currency with the most trades (figures never add rupees to dollars). */
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code')
      .optional(),
  })
  .strict()
  .refine((filter) => !filter.from || !filter.to || filter.from <= filter.to, {
    message: 'must not be after `to`',
    path: ['from'],
  });

export const ANALYTICS_TABLES = [
  'trades',
  'daily',
  'bySignal',
  'byGate',
  'byRegime',
  'bySide',
  'byHour',
  'bySource',
  'byExitRule',
] as const;

export const analyticsExportParamsSchema = z
  .object({ table: z.enum(ANALYTICS_TABLES), filter: analyticsFilterSchema.default({}) })
  .strict();
