import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { TimestampUs } from '../../../shared/domain/time';
import { ALPACA_OPTIONS_CAPABILITIES } from '../orders/orderGateway';
import type { RealBrokerState, ReconciliationSnapshot } from '../orders/realBroker';
import { RealBroker } from '../orders/realBroker';
import type { QueueState } from '../rest/requestQueue';
import type { BackoffPolicy } from '../stream/backoff';
import type { StreamConnection, StreamProtocol, StreamStatus } from '../stream/streamConnection';
import { openStream } from '../stream/streamConnection';
import { alpacaOrderStatus, AlpacaVenue, explainAlpacaReject } from './alpacaVenue';
import { AlpacaRestClient } from './restClient';
import type { AlpacaSymbolMap } from './symbols';

/**
 * The Alpaca broker: orders over REST, their lifecycle over the `trade_updates` stream
 * (`wss://paper-api.alpaca.markets/stream`): `{"action":"auth","key","secret"}` answered by
 * `{"stream":"authorization","data":{"status":"authorized"}}`, then
 * `{"action":"listen","data":{"streams":["trade_updates"]}}`. Each (re)connect reconciles with the
 * order list and positions. Frames may arrive binary (paper) or text; both carry JSON.
 */
export interface AlpacaBrokerOptions {
  readonly tradingUrl: string;
  readonly tradingStreamUrl: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly symbols: AlpacaSymbolMap;
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

export interface AlpacaBroker {
  readonly broker: RealBroker;
  readonly rest: AlpacaRestClient;
  readonly orderStream: StreamConnection;
  close(): Promise<void>;
}

function tradeUpdatesSession(
  credentials: { keyId: string; secretKey: string },
  onUpdate: (data: Record<string, unknown>) => void,
  onListening: () => void,
): StreamProtocol {
  return {
    onOpen(link) {
      link.send(JSON.stringify({ action: 'auth', key: credentials.keyId, secret: credentials.secretKey }));
    },
    onFrame(data, _isBinary, link) {
      let message: { stream?: unknown; data?: Record<string, unknown> };
      try {
        message = JSON.parse(data.toString('utf8')) as typeof message;
      } catch {
        return;
      }
      const payload = message.data ?? {};
      if (message.stream === 'authorization') {
        if (payload.status === 'authorized') {
          link.markLive('authorized');
          link.send(JSON.stringify({ action: 'listen', data: { streams: ['trade_updates'] } }));
        } else link.fail('Alpaca refused the API key for the trading stream (unauthorized)');
      } else if (message.stream === 'listening') onListening();
      else if (message.stream === 'trade_updates') onUpdate(payload);
    },
  };
}

export function startAlpacaBroker(options: AlpacaBrokerOptions): AlpacaBroker {
  const rest = new AlpacaRestClient({
    baseUrl: options.tradingUrl,
    keyId: options.keyId,
    secretKey: options.secretKey,
    ...(options.onQueue ? { onQueue: options.onQueue } : {}),
  });
  const venue = new AlpacaVenue(rest, options.symbols);
  const broker = new RealBroker({
    venue,
    capabilities: ALPACA_OPTIONS_CAPABILITIES,
    instruments: (symbol): Instrument | undefined => {
      const alpaca = options.symbols.alpacaSymbol(symbol);
      return alpaca ? options.symbols.instrument(alpaca) : undefined;
    },
    onEvent: options.onEvent,
    nowUs: options.nowUs ?? (() => (Date.now() * 1000) as TimestampUs),
    explainReject: explainAlpacaReject,
    ...(options.unknownOutcomeChecksMs ? { unknownOutcomeChecksMs: options.unknownOutcomeChecksMs } : {}),
    ...(options.onState ? { onState: options.onState } : {}),
    ...(options.log ? { log: options.log } : {}),
  });
  const orderStream = openStream({
    name: 'alpaca trade updates',
    url: options.tradingStreamUrl,
    protocol: tradeUpdatesSession(
      { keyId: options.keyId, secretKey: options.secretKey },
      (update) => {
        const order = update.order as Parameters<AlpacaVenue['toVenueOrder']>[0] | undefined;
        if (!order) return;
        const row = venue.toVenueOrder(order);
        // The event names the transition even when the embedded order lags (a rejected event).
        const status = update.event === 'rejected' ? 'rejected' : alpacaOrderStatus(order.status);
        broker.apply({
          ...row,
          status,
          ...(status === 'rejected' ? { rejectReason: String(update.reason ?? 'rejected by Alpaca') } : {}),
        });
      },
      () =>
        void broker.reconcile().then(
          (snapshot) => options.onReconciled?.(snapshot),
          (error: Error) => options.log?.('error', `Alpaca reconciliation failed: ${error.message}`),
        ),
    ),
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.stallAfterMs ? { stallAfterMs: options.stallAfterMs } : {}),
    ...(options.onStreamStatus ? { onStatus: options.onStreamStatus } : {}),
  });
  const stopPolling = broker.pollWhileStreamDown(
    () => orderStream.status.state === 'live',
    options.pollIntervalMs ?? 3000,
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
