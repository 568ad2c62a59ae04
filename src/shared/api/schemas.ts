import { z } from 'zod';

/** Runtime schemas for every payload that enters main (DESIGN principle 2). */

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

export const placeOrderParamsSchema = z
  .object({
    symbol: symbolSchema,
    side: z.enum(['buy', 'sell']),
    type: z.enum(['market', 'limit', 'stop', 'stopLimit']),
    quantity: z
      .number()
      .int('must be a whole number')
      .positive('must be positive')
      .max(10_000_000, 'is too large'),
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

export const cancelOrderParamsSchema = z.object({ orderId: z.string().min(1).max(100) }).strict();
export const ladderParamsSchema = z.object({ symbol: symbolSchema }).strict();

export const engineModeParamsSchema = z.object({ mode: z.enum(['off', 'shadow', 'paper', 'live']) }).strict();
export const killSwitchParamsSchema = z
  .object({ reason: z.string().trim().min(1, 'say why').max(200).default('kill switch pressed') })
  .strict();
export const resolveReconciliationParamsSchema = z
  .object({ note: z.string().trim().min(3, 'write what you checked (at least 3 characters)').max(500) })
  .strict();
