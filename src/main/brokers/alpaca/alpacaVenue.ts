import type { Instrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import type { Order } from '../../../shared/domain/orders';
import { fromPrice } from '../../../shared/domain/price';
import type { OrderModification } from '../orders/orderGateway';
import { BrokerRequestError } from '../rest/brokerRequestError';
import type { Venue, VenueOrder, VenuePosition } from '../orders/venue';
import type { AlpacaRestClient } from './restClient';
import type { AlpacaSymbolMap } from './symbols';

/**
 * Orders at Alpaca (`/v2/orders`, `/v2/positions`). The workstation's order id is Alpaca's
 * `client_order_id`, which Alpaca stores and keeps unique, so a submission without an answer is
 * found again by that id. Options accept only market and limit, day orders (Alpaca "Options
 * Trading"): the OMS emulates stops, brackets and OCO before anything reaches here.
 */

/** Alpaca order statuses (docs.alpaca.markets "Orders", order lifecycle). */
export function alpacaOrderStatus(status: string): VenueOrder['status'] {
  switch (status) {
    case 'filled':
      return 'filled';
    case 'canceled':
    case 'done_for_day':
    case 'replaced':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'rejected':
      return 'rejected';
    case 'new':
    case 'partially_filled':
    case 'accepted':
    case 'pending_replace':
    case 'pending_cancel':
      return 'working';
    default:
      return 'pending';
  }
}

const REJECT_REASONS: readonly [RegExp, string][] = [
  [/buying power|insufficient.*(funds|balance)/i, 'not enough buying power at Alpaca'],
  [
    /insufficient qty|held_for_orders|qty .*available/i,
    'the contracts are already held by another working order',
  ],
  [/not (tradable|active)|asset .* not found|could not find asset/i, 'Alpaca does not trade this contract'],
  [/market hours|market is closed|not open/i, 'market is closed'],
  [
    /client_order_id must be unique/i,
    'this order was already sent (duplicate client order id); nothing new was placed',
  ],
  [
    /options.*(order type|not supported)|invalid order type/i,
    'Alpaca takes only market and limit orders for options',
  ],
  [/pattern day trad/i, 'pattern day trader protection'],
  [/rate limit|too many requests/i, 'Alpaca rate limit reached; the request was queued and retried'],
];

export function explainAlpacaReject(message: string): string {
  const match = REJECT_REASONS.find(([pattern]) => pattern.test(message));
  return match ? `${match[1]} (Alpaca: ${message})` : `Alpaca: ${message}`;
}

interface AlpacaOrderJson {
  readonly id: string;
  readonly client_order_id: string;
  readonly symbol: string;
  readonly side: string;
  readonly qty: string | null;
  readonly filled_qty: string;
  readonly filled_avg_price: string | null;
  readonly limit_price: string | null;
  readonly status: string;
}

export class AlpacaVenue implements Venue {
  readonly name = 'Alpaca';
  readonly keepsClientOrderId = true;

  constructor(
    private readonly rest: AlpacaRestClient,
    private readonly symbols: AlpacaSymbolMap,
  ) {}

  async place(order: Order, instrument: Instrument): Promise<{ brokerOrderId: string }> {
    const symbol = this.symbols.alpacaSymbol(order.symbol);
    if (!symbol) throw new BrokerRequestError('rejected', `${order.symbol} has no Alpaca symbol`);
    if (isOption(instrument) && order.type !== 'market' && order.type !== 'limit')
      throw new BrokerRequestError('rejected', `options order type ${order.type} not supported`);
    const type = { market: 'market', limit: 'limit', stop: 'stop', stopLimit: 'stop_limit' }[order.type];
    const answer = await this.rest.request<AlpacaOrderJson>('POST', '/v2/orders', {
      symbol,
      qty: String(order.quantity),
      side: order.side,
      type,
      time_in_force: order.timeInForce === 'IOC' ? 'ioc' : 'day',
      ...(order.limitPrice === undefined
        ? {}
        : { limit_price: fromPrice(order.limitPrice, instrument).toFixed(instrument.priceDecimals) }),
      ...(order.stopPrice === undefined
        ? {}
        : { stop_price: fromPrice(order.stopPrice, instrument).toFixed(instrument.priceDecimals) }),
      client_order_id: order.orderId,
    });
    return { brokerOrderId: answer.id };
  }

  async cancel(brokerOrderId: string): Promise<void> {
    await this.rest.request('DELETE', `/v2/orders/${encodeURIComponent(brokerOrderId)}`);
  }

  async modify(
    brokerOrderId: string,
    _order: Order,
    instrument: Instrument,
    changes: OrderModification,
  ): Promise<{ brokerOrderId?: string }> {
    const answer = await this.rest.request<AlpacaOrderJson>(
      'PATCH',
      `/v2/orders/${encodeURIComponent(brokerOrderId)}`,
      {
        ...(changes.quantity === undefined ? {} : { qty: String(changes.quantity) }),
        ...(changes.limitPrice === undefined
          ? {}
          : { limit_price: fromPrice(changes.limitPrice, instrument).toFixed(instrument.priceDecimals) }),
        ...(changes.stopPrice === undefined
          ? {}
          : { stop_price: fromPrice(changes.stopPrice, instrument).toFixed(instrument.priceDecimals) }),
      },
    );
    // A replace is a new order at Alpaca; the old one ends as "replaced".
    return { brokerOrderId: answer.id };
  }

  async listOrders(): Promise<VenueOrder[]> {
    const rows = await this.rest.request<AlpacaOrderJson[]>(
      'GET',
      '/v2/orders?status=all&limit=500&direction=desc',
    );
    return rows.map((row) => this.toVenueOrder(row));
  }

  async listPositions(): Promise<VenuePosition[]> {
    const rows = await this.rest.request<{ symbol: string; qty: string; side: string }[]>(
      'GET',
      '/v2/positions',
    );
    return rows.flatMap((row) => {
      const instrument = this.symbols.instrument(row.symbol);
      const size = Math.abs(Number(row.qty));
      return instrument ? [{ symbol: instrument.symbol, quantity: row.side === 'short' ? -size : size }] : [];
    });
  }

  /** Options are bought with `options_buying_power` where the account reports it (Trading API, account). */
  async availableFunds(): Promise<number> {
    const account = await this.rest.request<Record<string, unknown>>('GET', '/v2/account');
    return Number(account.options_buying_power ?? account.buying_power ?? 0) || 0;
  }

  toVenueOrder(row: AlpacaOrderJson): VenueOrder {
    return {
      brokerOrderId: row.id,
      clientOrderId: row.client_order_id,
      symbol: this.symbols.instrument(row.symbol)?.symbol,
      side: row.side === 'sell' ? 'sell' : 'buy',
      quantity: Number(row.qty ?? 0),
      filledQuantity: Number(row.filled_qty ?? 0),
      averagePrice: Number(row.filled_avg_price ?? 0),
      ...(row.limit_price === null ? {} : { limitPrice: Number(row.limit_price) }),
      status: alpacaOrderStatus(row.status),
    };
  }
}
