import { z } from 'zod';

/**
 * The Broker settings window's save: the broker and its non-secret fields go to settings.json; keys
 * (desktop only) go to the OS keychain and are never sent back to a window.
 */
const urlField = (name: string) => z.string().url(`${name} must be a URL such as http://127.0.0.1:5000`);

export const brokerSaveParamsSchema = z
  .object({
    kind: z.enum(['paper', 'openalgo', 'alpaca']),
    orders: z.enum(['broker', 'paper']).optional(),
    host: urlField('host').optional(),
    wsUrl: urlField('wsUrl').optional(),
    paper: z.boolean().optional(),
    secrets: z
      .object({
        openalgoApiKey: z.string().min(1, 'the OpenAlgo API key is empty').max(512).optional(),
        alpacaKeyId: z.string().min(1, 'the Alpaca key id is empty').max(512).optional(),
        alpacaSecretKey: z.string().min(1, 'the Alpaca secret key is empty').max(512).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type BrokerSaveParams = z.output<typeof brokerSaveParamsSchema>;
