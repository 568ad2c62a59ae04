import type { QueueState } from '../rest/requestQueue';
import { RateLimitedLane } from '../rest/requestQueue';
import { BrokerRequestError, fetchWithTimeout } from '../rest/brokerRequestError';

/**
 * OpenAlgo's REST API (`POST /api/v1/<endpoint>`, JSON body carrying `apikey`; docs/api in
 * marketcalls/openalgo). Every answer is `{"status":"success"|"error", …}`. Order endpoints share a
 * 10-per-second budget and everything else 50 per second (docs/api/rate-limiting.md), so they run in
 * two lanes. The API key goes in the body as OpenAlgo requires; it is never put in an error message.
 */

export type OpenAlgoEndpoint =
  | 'placeorder'
  | 'modifyorder'
  | 'cancelorder'
  | 'cancelallorder'
  | 'closeposition'
  | 'orderbook'
  | 'tradebook'
  | 'positionbook'
  | 'funds'
  | 'orderstatus'
  | 'optionchain'
  | 'optionsymbol'
  | 'expiry'
  | 'quotes'
  | 'depth'
  | 'history'
  | 'analyzer'
  | 'analyzer/toggle';

const ORDER_ENDPOINTS: ReadonlySet<OpenAlgoEndpoint> = new Set([
  'placeorder',
  'modifyorder',
  'cancelorder',
  'cancelallorder',
  'closeposition',
]);

export interface OpenAlgoRestOptions {
  readonly host: string;
  readonly apiKey: string;
  readonly timeoutMs?: number;
  readonly ordersPerSecond?: number;
  readonly requestsPerSecond?: number;
  readonly onQueue?: (state: QueueState) => void;
}

export type OpenAlgoAnswer = Record<string, unknown> & { readonly status: 'success' };

export class OpenAlgoRestClient {
  private readonly orderLane: RateLimitedLane;
  private readonly generalLane: RateLimitedLane;
  private readonly base: string;

  constructor(private readonly options: OpenAlgoRestOptions) {
    this.base = options.host.replace(/\/+$/, '');
    this.orderLane = new RateLimitedLane(
      'openalgo orders',
      { requests: options.ordersPerSecond ?? 10, perMs: 1000 },
      options.onQueue,
    );
    this.generalLane = new RateLimitedLane(
      'openalgo requests',
      { requests: options.requestsPerSecond ?? 50, perMs: 1000 },
      options.onQueue,
    );
  }

  get queuedOrders(): number {
    return this.orderLane.queued;
  }

  async call(endpoint: OpenAlgoEndpoint, body: Record<string, unknown> = {}): Promise<OpenAlgoAnswer> {
    const lane = ORDER_ENDPOINTS.has(endpoint) ? this.orderLane : this.generalLane;
    const url = `${this.base}/api/v1/${endpoint}`;
    const timeoutMs = this.options.timeoutMs ?? 5000;
    const response = await lane.submit(() =>
      fetchWithTimeout(
        url,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apikey: this.options.apiKey, ...body }),
        },
        timeoutMs,
      ),
    );
    let answer: Record<string, unknown>;
    try {
      answer = (await response.json()) as Record<string, unknown>;
    } catch {
      // A 5xx page or a cut body: the broker may have acted.
      throw new BrokerRequestError(
        'unknown',
        `${endpoint}: HTTP ${response.status} with a body that is not JSON`,
        response.status,
      );
    }
    if (response.ok && answer.status === 'success') return answer as OpenAlgoAnswer;
    const message = typeof answer.message === 'string' ? answer.message : `HTTP ${response.status}`;
    if (response.status === 401 || response.status === 403 || /invalid (openalgo )?api ?key/i.test(message))
      throw new BrokerRequestError('credentials', `${endpoint}: ${message}`, response.status);
    if (response.status >= 500)
      throw new BrokerRequestError('unknown', `${endpoint}: ${message}`, response.status);
    throw new BrokerRequestError('rejected', message, response.status);
  }

  close(): void {
    this.orderLane.close();
    this.generalLane.close();
  }
}
