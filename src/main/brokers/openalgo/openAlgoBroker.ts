import type { Instrument } from '../../../shared/domain/instrument';
import { FULL_CAPABILITIES } from '../orders/orderGateway';
import type { BrokerAdapter, BrokerAdapterOptions } from '../orders/brokerAdapter';
import { startBrokerAdapter } from '../orders/brokerAdapter';
import { explainOpenAlgoReject, OpenAlgoVenue } from './openAlgoVenue';
import { OpenAlgoRestClient } from './restClient';
import { openAlgoSession } from './session';
import type { OpenAlgoSymbolMap } from './symbols';

/**
 * The OpenAlgo broker: orders over REST, their updates over the WebSocket `order_update` stream
 * (docs/api/websocket-streaming/order-updates.md): after `authenticate`, `{"action":"subscribe_orders"}`.
 * NSE brokers behind OpenAlgo hold every order type and modify in place (`FULL_CAPABILITIES`).
 */
export interface OpenAlgoBrokerOptions extends BrokerAdapterOptions {
  readonly host: string;
  readonly wsUrl: string;
  readonly apiKey: string;
  readonly symbols: OpenAlgoSymbolMap;
}

export type OpenAlgoBroker = BrokerAdapter;

export function startOpenAlgoBroker(options: OpenAlgoBrokerOptions): OpenAlgoBroker {
  const rest = new OpenAlgoRestClient({
    host: options.host,
    apiKey: options.apiKey,
    ...(options.onQueue ? { onQueue: options.onQueue } : {}),
  });
  const venue = new OpenAlgoVenue(rest, options.symbols);
  return startBrokerAdapter(
    {
      venue,
      capabilities: FULL_CAPABILITIES,
      instruments: (symbol): Instrument | undefined => {
        const key = options.symbols.key(symbol);
        return key ? options.symbols.instrument(key) : undefined;
      },
      explainReject: explainOpenAlgoReject,
      orderStream: {
        name: 'openalgo orders',
        url: options.wsUrl,
        session: (hooks) =>
          openAlgoSession(options.apiKey, {
            onAuthenticated: (link) => {
              link.send(JSON.stringify({ action: 'subscribe_orders', request_id: 'scalpdesk-orders' }));
              hooks.reconcile();
            },
            onMessage: (message) => {
              if (message.type === 'order_update') hooks.apply(venue.toVenueOrder(message));
            },
            onError: (error) =>
              options.log?.('warn', `OpenAlgo order stream: ${error.code}: ${error.message}`),
          }),
      },
      defaultPollIntervalMs: 2000,
      closeRest: () => rest.close(),
    },
    options,
  );
}
