import fs from 'node:fs';
import { z } from 'zod';

/**
 * Broker secrets for the headless host: from the environment, else from a key file that only its
 * owner can read (mode 0600, like an SSH key: anything looser is refused, not warned about). They are
 * held in memory only; settings.json, logs, the ledger and recordings never carry them (the
 * `redactSecrets` wrapper guards every log line the adapters write). The desktop app keeps them with
 * Electron safeStorage instead (hosts/brokerSecretStore.ts) and passes the same shape.
 */
export const BROKER_SECRET_ENV = {
  openalgoApiKey: 'SCALPDESK_OPENALGO_API_KEY',
  alpacaKeyId: 'SCALPDESK_ALPACA_KEY_ID',
  alpacaSecretKey: 'SCALPDESK_ALPACA_SECRET_KEY',
} as const;

export const brokerSecretsSchema = z
  .object({
    openalgoApiKey: z.string().min(1).optional(),
    alpacaKeyId: z.string().min(1).optional(),
    alpacaSecretKey: z.string().min(1).optional(),
  })
  .strict();

export type BrokerSecrets = z.output<typeof brokerSecretsSchema>;

export class BrokerSecretsError extends Error {
  override name = 'BrokerSecretsError';
}

export function loadBrokerSecrets(
  kind: 'openalgo' | 'alpaca',
  source: { readonly env: NodeJS.ProcessEnv; readonly keyFile: string },
): BrokerSecrets {
  const fromEnv: BrokerSecrets = {
    ...(source.env[BROKER_SECRET_ENV.openalgoApiKey]
      ? { openalgoApiKey: source.env[BROKER_SECRET_ENV.openalgoApiKey] }
      : {}),
    ...(source.env[BROKER_SECRET_ENV.alpacaKeyId]
      ? { alpacaKeyId: source.env[BROKER_SECRET_ENV.alpacaKeyId] }
      : {}),
    ...(source.env[BROKER_SECRET_ENV.alpacaSecretKey]
      ? { alpacaSecretKey: source.env[BROKER_SECRET_ENV.alpacaSecretKey] }
      : {}),
  };
  const secrets = complete(kind, fromEnv) ? fromEnv : { ...readKeyFile(source.keyFile), ...fromEnv };
  if (!complete(kind, secrets))
    throw new BrokerSecretsError(
      kind === 'openalgo'
        ? `no OpenAlgo API key: set ${BROKER_SECRET_ENV.openalgoApiKey} or put "openalgoApiKey" in a key file (mode 0600) named by settings broker.keyFile`
        : `no Alpaca keys: set ${BROKER_SECRET_ENV.alpacaKeyId} and ${BROKER_SECRET_ENV.alpacaSecretKey} or put "alpacaKeyId" and "alpacaSecretKey" in a key file (mode 0600) named by settings broker.keyFile`,
    );
  return secrets;
}

function complete(kind: 'openalgo' | 'alpaca', secrets: BrokerSecrets): boolean {
  return kind === 'openalgo'
    ? Boolean(secrets.openalgoApiKey)
    : Boolean(secrets.alpacaKeyId && secrets.alpacaSecretKey);
}

function readKeyFile(file: string): BrokerSecrets {
  if (file === '') return {};
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (error) {
    throw new BrokerSecretsError(
      `broker.keyFile ${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  // Windows has no POSIX modes; there the file's ACL is the user's business.
  if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0)
    throw new BrokerSecretsError(
      `broker.keyFile ${file} is readable by others (mode ${(stat.mode & 0o777).toString(8)}); run chmod 600 on it`,
    );
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    throw new BrokerSecretsError(`broker.keyFile ${file} is not JSON`);
  }
  const result = brokerSecretsSchema.safeParse(parsed);
  if (!result.success)
    throw new BrokerSecretsError(
      `broker.keyFile ${file}: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`).join('; ')}`,
    );
  return result.data;
}

/** Replaces every secret in a text (a log line, an error) by a fixed mark. */
export function redactSecrets(text: string, secrets: BrokerSecrets): string {
  let out = text;
  for (const value of Object.values(secrets))
    if (typeof value === 'string' && value.length >= 4) out = out.split(value).join('[redacted]');
  return out;
}
