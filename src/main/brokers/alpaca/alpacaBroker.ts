import type { Instrument } from '../../../shared/domain/instrument';
import { ALPACA_OPTIONS_CAPABILITIES } from '../orders/orderGateway';
import type { BrokerAdapter, BrokerAdapterOptions, OrderStreamHooks } from '../orders/brokerAdapter';
import { startBrokerAdapter } from '../orders/brokerAdapter';
import type { StreamProtocol } from '../stream/streamConnection';
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
export interface AlpacaBrokerOptions extends BrokerAdapterOptions {
  readonly tradingUrl: string;
  readonly tradingStreamUrl: string;
  readonly keyId: string;
  readonly secretKey: string;
  readonly symbols: AlpacaSymbolMap;
}

export type AlpacaBroker = BrokerAdapter;

function tradeUpdatesSession(
  credentials: { keyId: string; secretKey: string },
  venue: AlpacaVenue,
  hooks: OrderStreamHooks,
): StreamProtocol {
  const onUpdate = (update: Record<string, unknown>): void => {
    const order = update.order as Parameters<AlpacaVenue['toVenueOrder']>[0] | undefined;
    if (!order) return;
    const row = venue.toVenueOrder(order);
    // The event names the transition even when the embedded order lags (a rejected event).
    const status = update.event === 'rejected' ? 'rejected' : alpacaOrderStatus(order.status);
    hooks.apply({
      ...row,
      status,
      ...(status === 'rejected' ? { rejectReason: String(update.reason ?? 'rejected by Alpaca') } : {}),
    });
  };
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
      } else if (message.stream === 'listening') hooks.reconcile();
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
  return startBrokerAdapter(
    {
      venue,
      capabilities: ALPACA_OPTIONS_CAPABILITIES,
      instruments: (symbol): Instrument | undefined => {
        const alpaca = options.symbols.alpacaSymbol(symbol);
        return alpaca ? options.symbols.instrument(alpaca) : undefined;
      },
      explainReject: explainAlpacaReject,
      orderStream: {
        name: 'alpaca trade updates',
        url: options.tradingStreamUrl,
        session: (hooks) =>
          tradeUpdatesSession({ keyId: options.keyId, secretKey: options.secretKey }, venue, hooks),
      },
      // Alpaca allows 200 requests a minute: a slower poll leaves room for orders.
      defaultPollIntervalMs: 3000,
      closeRest: () => rest.close(),
    },
    options,
  );
}
