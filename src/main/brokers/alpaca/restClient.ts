import type { QueueState } from '../rest/requestQueue';
import { RateLimitedLane } from '../rest/requestQueue';
import { BrokerRequestError, fetchWithTimeout } from '../rest/brokerRequestError';

/**
 * Alpaca's Trading API (`/v2/...`; paper `https://paper-api.alpaca.markets`, live
 * `https://api.alpaca.markets`), authenticated by the `APCA-API-KEY-ID` / `APCA-API-SECRET-KEY`
 * headers. Errors are `{"code": 40010001, "message": "…"}`: 401 bad keys, 403 refused (buying power,
 * permissions), 422 invalid order, 429 over the 200-requests-a-minute budget (queued, not failed).
 */
export const ALPACA_TRADING_URL = {
  paper: 'https://paper-api.alpaca.markets',
  live: 'https://api.alpaca.markets',
};

export interface AlpacaRestOptions {
  readonly baseUrl: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly timeoutMs?: number;
  readonly requestsPerMinute?: number;
  readonly onQueue?: (state: QueueState) => void;
}

export class AlpacaRestClient {
  private readonly lane: RateLimitedLane;
  private readonly base: string;

  constructor(private readonly options: AlpacaRestOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.lane = new RateLimitedLane(
      'alpaca requests',
      { requests: options.requestsPerMinute ?? 200, perMs: 60_000 },
      options.onQueue,
    );
  }

  async request<T>(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: Record<string, unknown>,
  ): Promise<T> {
    const url = `${this.base}${path}`;
    const response = await this.lane.submit(() =>
      fetchWithTimeout(
        url,
        {
          method,
          headers: {
            'APCA-API-KEY-ID': this.options.keyId,
            'APCA-API-SECRET-KEY': this.options.secretKey,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          ...(body ? { body: JSON.stringify(body) } : {}),
        },
        this.options.timeoutMs ?? 5000,
      ),
    );
    const text = await response.text();
    let parsed: unknown = null;
    try {
      parsed = text === '' ? null : JSON.parse(text);
    } catch {
      if (response.ok || response.status >= 500)
        throw new BrokerRequestError(
          'unknown',
          `${method} ${path}: HTTP ${response.status} with a body that is not JSON`,
          response.status,
        );
    }
    if (response.ok) return parsed as T;
    const message =
      typeof parsed === 'object' &&
      parsed !== null &&
      typeof (parsed as { message?: unknown }).message === 'string'
        ? (parsed as { message: string }).message
        : `HTTP ${response.status}`;
    if (response.status === 401)
      throw new BrokerRequestError('credentials', `${method} ${path}: ${message}`, 401);
    if (response.status >= 500)
      throw new BrokerRequestError('unknown', `${method} ${path}: ${message}`, response.status);
    throw new BrokerRequestError('rejected', message, response.status);
  }

  close(): void {
    this.lane.close();
  }
}
