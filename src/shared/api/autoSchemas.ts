import { z } from 'zod';

/** Params of the auto-trade window's engine methods (issue 13). */

const presetNameSchema = z
  .string()
  .trim()
  .min(1, 'name the preset')
  .max(60, 'is longer than 60 characters')
  .regex(/^[A-Za-z0-9 _-]+$/, 'may contain only letters, digits, spaces, _ and -');

export const engineGetConfigParamsSchema = z
  .object({
    /** Default: the preset the engine runs. */
    name: presetNameSchema.optional(),
    /** Default: the newest version of that preset. */
    version: z.number().int().positive().optional(),
  })
  .strict();

const configValueSchema = z.union([
  z.number().finite(),
  z.boolean(),
  z.string().max(60),
  z.array(z.string().max(60)).max(20),
]);

export const engineSaveConfigParamsSchema = z
  .object({
    name: presetNameSchema,
    /** The version the edit started from: saving refuses if a newer one was saved meanwhile. */
    baseVersion: z.number().int().positive(),
    /** Changed fields by dotted path (`gates.minScore.minScore`); the core checks ranges and rules. */
    changes: z
      .record(z.string().regex(/^[A-Za-z0-9.]+$/, 'is not a field path'), configValueSchema)
      .refine((changes) => Object.keys(changes).length > 0, 'nothing changed'),
    description: z.string().trim().min(1).max(200).optional(),
  })
  .strict();

export const engineGetDecisionParamsSchema = z.object({ decisionId: z.string().min(1).max(120) }).strict();
