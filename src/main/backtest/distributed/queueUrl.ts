/**
 * `--queue redis://HOST:PORT[/DB]`: where the coordinator and its workers meet. Only plain Redis URLs
 * are taken (a password may be given as redis://:PASSWORD@HOST:PORT); anything else is refused with the
 * reason, before any connection is tried.
 */
export interface QueueConnection {
  readonly host: string;
  readonly port: number;
  readonly db: number;
  readonly password?: string;
  /** The URL without its password, for logs. */
  readonly display: string;
}

export class QueueUrlError extends Error {
  override name = 'QueueUrlError';
}

export function parseQueueUrl(text: string): QueueConnection {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new QueueUrlError(`"${text}" is not a URL; expected redis://HOST:PORT[/DB]`);
  }
  if (url.protocol !== 'redis:')
    throw new QueueUrlError(`"${text}" must start with redis:// (got ${url.protocol}//)`);
  if (url.hostname === '') throw new QueueUrlError(`"${text}" names no host`);
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 15)
    throw new QueueUrlError(`"${text}": the database must be a number from 0 to 15, got "${dbText}"`);
  if (url.search !== '' || url.hash !== '')
    throw new QueueUrlError(`"${text}": no query or fragment allowed`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const password = url.password === '' ? undefined : decodeURIComponent(url.password);
  return {
    host,
    port,
    db,
    ...(password === undefined ? {} : { password }),
    display: `redis://${url.hostname}:${port}/${db}`,
  };
}

/** ioredis/BullMQ connection options; `maxRetriesPerRequest: null` is what BullMQ workers require. */
export function redisOptions(connection: QueueConnection): {
  host: string;
  port: number;
  db: number;
  password?: string;
  maxRetriesPerRequest: null;
} {
  return {
    host: connection.host,
    port: connection.port,
    db: connection.db,
    ...(connection.password === undefined ? {} : { password: connection.password }),
    maxRetriesPerRequest: null,
  };
}
