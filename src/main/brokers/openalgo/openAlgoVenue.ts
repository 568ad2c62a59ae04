import type { Instrument } from '../../../shared/domain/instrument';
import type { Order } from '../../../shared/domain/orders';
import { fromPrice } from '../../../shared/domain/price';
import type { OrderModification } from '../orders/orderGateway';
import { BrokerRequestError } from '../rest/brokerRequestError';
import type { Venue, VenueOrder, VenuePosition } from '../orders/venue';
import type { OpenAlgoRestClient } from './restClient';
import type { OpenAlgoSymbolMap } from './symbols';

/**
 * Orders at OpenAlgo (placeorder / modifyorder / cancelorder / orderbook / positionbook). OpenAlgo
 * keeps no client order id, so an unanswered placeorder is found again through the order book
 * (RealBroker). Intraday index options trade as product MIS; the order's workstation id travels in
 * `strategy` for the trader's own audit at the broker.
 */

const PRICE_TYPE: Readonly<Record<Order['type'], string>> = {
  market: 'MARKET',
  limit: 'LIMIT',
  stop: 'SL-M',
  stopLimit: 'SL',
};

/** OpenAlgo `order_status` → the workstation's view (docs/api/order-information/orderstatus.md). */
export function openAlgoOrderStatus(status: string): VenueOrder['status'] {
  switch (status.toLowerCase()) {
    case 'complete':
      return 'filled';
    case 'rejected':
      return 'rejected';
    case 'cancelled':
    case 'canceled':
      return 'cancelled';
    case 'expired':
      return 'expired';
    case 'trigger pending':
    case 'pending':
      return 'pending';
    default:
      return 'working';
  }
}

/**
 * Broker and OpenAlgo reject texts → a reason a trader acts on. The raw text follows in brackets so
 * nothing the broker said is lost.
 */
const REJECT_REASONS: readonly [RegExp, string][] = [
  [/insufficient|margin|funds/i, 'not enough margin at the broker'],
  [/freeze/i, 'quantity above the exchange freeze limit'],
  [/lot|multiple/i, 'quantity is not a whole number of lots'],
  [/circuit|price range|price band|dpr/i, 'price outside the exchange price band'],
  [/tick/i, 'price is not on the tick grid'],
  [/market (is )?closed|outside market hours|amo/i, 'market is closed'],
  [/rate limit/i, 'broker rate limit reached; the order was queued and retried'],
  [/api ?key/i, 'the OpenAlgo API key was refused'],
  [/symbol|instrument|token/i, 'the broker does not know this contract'],
];

export function explainOpenAlgoReject(message: string): string {
  const match = REJECT_REASONS.find(([pattern]) => pattern.test(message));
  return match ? `${match[1]} (OpenAlgo: ${message})` : `OpenAlgo: ${message}`;
}

export class OpenAlgoVenue implements Venue {
  readonly name = 'OpenAlgo';
  readonly keepsClientOrderId = false;

  constructor(
    private readonly rest: OpenAlgoRestClient,
    private readonly symbols: OpenAlgoSymbolMap,
    private readonly product: 'MIS' | 'NRML' = 'MIS',
  ) {}

  async place(order: Order, instrument: Instrument): Promise<{ brokerOrderId: string }> {
    const answer = await this.rest.call('placeorder', this.orderFields(order, instrument, order.quantity));
    if (typeof answer.orderid !== 'string' || answer.orderid === '')
      throw new BrokerRequestError('unknown', 'placeorder answered success without an orderid');
    return { brokerOrderId: answer.orderid };
  }

  async cancel(brokerOrderId: string): Promise<void> {
    await this.rest.call('cancelorder', { orderid: brokerOrderId, strategy: 'Scalpdesk' });
  }

  async modify(
    brokerOrderId: string,
    order: Order,
    instrument: Instrument,
    changes: OrderModification,
  ): Promise<{ brokerOrderId?: string }> {
    const changed: Order = {
      ...order,
      ...(changes.limitPrice === undefined ? {} : { limitPrice: changes.limitPrice }),
      ...(changes.stopPrice === undefined ? {} : { stopPrice: changes.stopPrice }),
    };
    await this.rest.call('modifyorder', {
      orderid: brokerOrderId,
      ...this.orderFields(changed, instrument, changes.quantity ?? order.quantity),
    });
    return {};
  }

  async listOrders(): Promise<VenueOrder[]> {
    const answer = await this.rest.call('orderbook');
    const data = (answer.data ?? {}) as { orders?: unknown };
    const rows = Array.isArray(data.orders) ? (data.orders as Record<string, unknown>[]) : [];
    return rows.map((row) => this.toVenueOrder(row));
  }

  async listPositions(): Promise<VenuePosition[]> {
    const answer = await this.rest.call('positionbook');
    const rows = Array.isArray(answer.data) ? (answer.data as Record<string, unknown>[]) : [];
    return rows.flatMap((row) => {
      const instrument = this.symbols.instrumentOf(String(row.symbol), String(row.exchange));
      return instrument ? [{ symbol: instrument.symbol, quantity: Number(row.quantity) }] : [];
    });
  }

  async availableFunds(): Promise<number> {
    const answer = await this.rest.call('funds');
    const data = (answer.data ?? {}) as Record<string, unknown>;
    return Number(data.availablecash ?? 0) || 0;
  }

  /** An `order_update` stream message or an order book row → a venue order. */
  toVenueOrder(row: Record<string, unknown>): VenueOrder {
    const instrument = this.symbols.instrumentOf(String(row.symbol), String(row.exchange));
    const status = openAlgoOrderStatus(String(row.order_status ?? 'open'));
    const quantity = Number(row.quantity);
    // The order book carries no filled quantity; a complete order filled all of it.
    const filled =
      row.filled_quantity !== undefined ? Number(row.filled_quantity) : status === 'filled' ? quantity : 0;
    const average = Number(row.average_price ?? (status === 'filled' ? row.price : 0)) || 0;
    const price = Number(row.price);
    const reason =
      typeof row.rejection_reason === 'string' && row.rejection_reason !== ''
        ? row.rejection_reason
        : undefined;
    return {
      brokerOrderId: String(row.orderid),
      symbol: instrument?.symbol,
      side: String(row.action).toUpperCase() === 'SELL' ? 'sell' : 'buy',
      quantity,
      filledQuantity: filled,
      averagePrice: average,
      ...(String(row.pricetype) === 'LIMIT' || String(row.pricetype) === 'SL' ? { limitPrice: price } : {}),
      status,
      ...(reason ? { rejectReason: reason } : {}),
    };
  }

  private orderFields(order: Order, instrument: Instrument, quantity: number): Record<string, unknown> {
    const key = this.symbols.key(order.symbol);
    if (!key) throw new BrokerRequestError('rejected', `${order.symbol} has no OpenAlgo symbol`);
    const price = order.limitPrice === undefined ? 0 : fromPrice(order.limitPrice, instrument);
    const trigger = order.stopPrice === undefined ? 0 : fromPrice(order.stopPrice, instrument);
    // OpenAlgo's documented request sends numbers as strings.
    return {
      strategy: `Scalpdesk ${order.orderId}`,
      symbol: key.symbol,
      action: order.side === 'buy' ? 'BUY' : 'SELL',
      exchange: key.exchange,
      pricetype: PRICE_TYPE[order.type],
      product: this.product,
      quantity: String(quantity),
      price: String(price),
      trigger_price: String(trigger),
      disclosed_quantity: '0',
    };
  }
}
