import { z } from 'zod';
import { symbolSchema } from './schemas';

/** The session's fills (issue 12: a chart opened after a trade still marks its entry and exit). */
export const listFillsParamsSchema = z.object({ symbol: symbolSchema.optional() }).strict();
