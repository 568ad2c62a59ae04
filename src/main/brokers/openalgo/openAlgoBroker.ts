import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { TimestampUs } from '../../../shared/domain/time';
import { FULL_CAPABILITIES } from '../orders/orderGateway';
import type { RealBrokerState, ReconciliationSnapshot } from '../orders/realBroker';
import { RealBroker } from '../orders/realBroker';
import type { QueueState } from '../rest/requestQueue';
import type { BackoffPolicy } from '../stream/backoff';
import type { StreamConnection, StreamStatus } from '../stream/streamConnection';
import { openStream } from '../stream/streamConnection';
import { explainOpenAlgoReject, OpenAlgoVenue } from './openAlgoVenue';
import { OpenAlgoRestClient } from './restClient';
import { openAlgoSession } from './session';
import type { OpenAlgoSymbolMap } from './symbols';

/**
 * The OpenAlgo broker: orders over REST, their updates over the WebSocket `order_update` stream
 * (docs/api/websocket-streaming/order-updates.md), and the order book read whenever that stream is
 * (re)connected — so anything that happened while it was down is applied before trading resumes —
 * and polled while it is down.
 */
export interface OpenAlgoBrokerOptions {
  readonly host: string;
  readonly wsUrl: string;
  readonly apiKey: string;
  readonly symbols: OpenAlgoSymbolMap;
  readonly onEvent: (event: OrderEvent) => void;
  readonly nowUs?: () => TimestampUs;
  readonly backoff?: BackoffPolicy;
  readonly stallAfterMs?: number;
  readonly pollIntervalMs?: number;
  readonly unknownOutcomeChecksMs?: readonly number[];
  readonly onStreamStatus?: (status: StreamStatus) => void;
  readonly onQueue?: (state: QueueState) => void;
  readonly onState?: (state: RealBrokerState, detail: string) => void;
  readonly onReconciled?: (snapshot: ReconciliationSnapshot) => void;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export interface OpenAlgoBroker {
  readonly broker: RealBroker;
  readonly rest: OpenAlgoRestClient;
  readonly orderStream: StreamConnection;
  close(): Promise<void>;
}

export function startOpenAlgoBroker(options: OpenAlgoBrokerOptions): OpenAlgoBroker {
  const rest = new OpenAlgoRestClient({
    host: options.host,
    apiKey: options.apiKey,
    ...(options.onQueue ? { onQueue: options.onQueue } : {}),
  });
  const venue = new OpenAlgoVenue(rest, options.symbols);
  const instruments = (symbol: string): Instrument | undefined => {
    const key = options.symbols.key(symbol);
    return key ? options.symbols.instrument(key) : undefined;
  };
  const broker = new RealBroker({
    venue,
    capabilities: FULL_CAPABILITIES,
    instruments,
    onEvent: options.onEvent,
    nowUs: options.nowUs ?? (() => (Date.now() * 1000) as TimestampUs),
    explainReject: explainOpenAlgoReject,
    ...(options.unknownOutcomeChecksMs ? { unknownOutcomeChecksMs: options.unknownOutcomeChecksMs } : {}),
    ...(options.onState ? { onState: options.onState } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const reconcile = (): void => {
    broker.reconcile().then(
      (snapshot) => options.onReconciled?.(snapshot),
      (error: Error) => options.log?.('error', `OpenAlgo reconciliation failed: ${error.message}`),
    );
  };
  const orderStream = openStream({
    name: 'openalgo orders',
    url: options.wsUrl,
    protocol: openAlgoSession(options.apiKey, {
      onAuthenticated: (link) => {
        link.send(JSON.stringify({ action: 'subscribe_orders', request_id: 'scalpdesk-orders' }));
        reconcile();
      },
      onMessage: (message) => {
        if (message.type === 'order_update') broker.apply(venue.toVenueOrder(message));
      },
      onError: (error) => options.log?.('warn', `OpenAlgo order stream: ${error.code}: ${error.message}`),
    }),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.stallAfterMs ? { stallAfterMs: options.stallAfterMs } : {}),
    ...(options.onStreamStatus ? { onStatus: options.onStreamStatus } : {}),
  });
  const stopPolling = broker.pollWhileStreamDown(
    () => orderStream.status.state === 'live',
    options.pollIntervalMs ?? 2000,
  );
  return {
    broker,
    rest,
    orderStream,
    async close() {
      stopPolling();
      rest.close();
      await orderStream.close();
    },
  };
}
