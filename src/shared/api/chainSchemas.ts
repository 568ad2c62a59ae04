import { z } from 'zod';

/** Runtime schemas of the option chain window's API (issue 13), beside schemas.ts so merges stay small. */

const underlyingSchema = z
  .string()
  .min(1, 'underlying is empty')
  .max(64, 'underlying is longer than 64 characters')
  .regex(/^[A-Za-z0-9._:-]+$/, 'underlying may contain only letters, digits and . _ : -');

const expirySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expiry must be a date in YYYY-MM-DD form');

/** `live`: the market feed's chain (built-in exchange or broker); `imported`: the last file imported. */
export const CHAIN_SOURCES = ['live', 'imported'] as const;

export const chainGetParamsSchema = z
  .object({
    source: z
      .enum(CHAIN_SOURCES, { error: `source must be one of ${CHAIN_SOURCES.join(', ')}` })
      .default('live'),
    /** Default: the engine's underlying (live) or the file's (imported). */
    underlying: underlyingSchema.optional(),
    /** Default: the nearest listed expiry. */
    expiry: expirySchema.optional(),
  })
  .strict();
export type ChainGetParams = z.output<typeof chainGetParamsSchema>;

/** The key of one live chain stream: underlying and expiry together (`NIFTY@2026-12-03`). */
export function chainSeriesKey(underlying: string, expiry: string): string {
  return `${underlying}@${expiry}`;
}

/** A live chain stream per underlying and expiry; the parsed params carry the `series` key main routes by. */
export const chainStreamParamsSchema = z
  .object({ underlying: underlyingSchema, expiry: expirySchema })
  .strict()
  .transform((params) => ({ ...params, series: chainSeriesKey(params.underlying, params.expiry) }));

export const chainHistoryParamsSchema = z
  .object({ underlying: underlyingSchema, expiry: expirySchema })
  .strict();

/**
 * A file travels in parts of at most this many characters: escaped as JSON a part stays under the
 * browser-mode WebSocket's 1 MiB message limit even if every character needed a 6-byte escape.
 */
export const CHAIN_IMPORT_PART_CHARS = 128 * 1024;
/** At most this many parts (16 MiB of text): a day's NSE chain of every expiry is about 2 MB. */
export const CHAIN_IMPORT_MAX_PARTS = 128;

export const chainImportParamsSchema = z
  .object({
    /** The file's name as picked (no path): `.csv` is read as a CSV chain, anything else as NSE JSON. */
    name: z
      .string()
      .trim()
      .min(1, 'name is empty')
      .max(255, 'name is longer than 255 characters')
      .refine((value) => !/[\\/\0]/.test(value), 'name must be a file name without a path'),
    /** This part of the file's text. */
    content: z
      .string()
      .max(CHAIN_IMPORT_PART_CHARS, `content is longer than ${CHAIN_IMPORT_PART_CHARS} characters`),
    /** Which part this is, from 0; parts arrive in order. */
    part: z.number().int('part must be a whole number').min(0, 'part must not be negative').default(0),
    /** How many parts the file has. */
    parts: z
      .number()
      .int('parts must be a whole number')
      .min(1, 'parts must be at least 1')
      .max(CHAIN_IMPORT_MAX_PARTS, `parts must be at most ${CHAIN_IMPORT_MAX_PARTS} (the file is too large)`)
      .default(1),
  })
  .strict()
  .refine((params) => params.part < params.parts, {
    message: 'part must be less than parts',
    path: ['part'],
  });
export type ChainImportParams = z.output<typeof chainImportParamsSchema>;

/** A file's text cut into the parts `chain.importFile` takes, in order (one empty part for an empty file). */
export function chainImportParts(text: string): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; start += CHAIN_IMPORT_PART_CHARS)
    parts.push(text.slice(start, start + CHAIN_IMPORT_PART_CHARS));
  return parts.length > 0 ? parts : [''];
}
