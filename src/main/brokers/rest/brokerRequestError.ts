/**
 * How a broker request ended when it did not succeed. The kind decides what the adapter may do next:
 * - `rejected`: the broker answered and said no; the reason is shown to the trader as is.
 * - `credentials`: the key or secret was refused; nothing will work until the trader fixes it.
 * - `unknown`: no answer (timeout, connection lost, a 5xx): the broker may or may not have acted, so an
 *   order in this state is resolved by reading the broker's order book, never by sending it again.
 */
export type BrokerRequestErrorKind = 'rejected' | 'credentials' | 'unknown';

export class BrokerRequestError extends Error {
  override name = 'BrokerRequestError';
  constructor(
    readonly kind: BrokerRequestErrorKind,
    message: string,
    readonly httpStatus?: number,
  ) {
    super(message);
  }
}

/** Runs a request with a timeout; a network failure or timeout becomes an `unknown` outcome. */
export async function fetchWithTimeout(url: string, init: RequestInit, timeoutMs: number): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const reason =
      (error as Error).name === 'TimeoutError'
        ? `no answer within ${timeoutMs} ms`
        : (error as Error).message;
    throw new BrokerRequestError('unknown', `${new URL(url).pathname}: ${reason}`);
  }
}
