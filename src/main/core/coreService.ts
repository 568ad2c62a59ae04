import type { PlaceOrderParams } from '../../shared/api/schemas';
import type { InstrumentView, LadderView, PlaceOrderResult, PositionView } from '../../shared/api/views';
import { ApiError } from '../../shared/api/errors';
import type { Instrument } from '../../shared/domain/instrument';
import type { IdGenerator } from '../../shared/domain/ids';
import { asFillId, asOrderId, asSymbol } from '../../shared/domain/ids';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { Fill, Order, Position } from '../../shared/domain/orders';
import { asPrice } from '../../shared/domain/price';
import type { Clock } from '../../shared/domain/time';
import { MarketState } from './market/marketState';

/** What the core needs from the ledger: each call resolves only once the row is durable. */
export interface LedgerClient {
  recordOrder(order: Order): Promise<void>;
  recordFill(fill: Fill, order: Order): Promise<void>;
  loadPositions(): Promise<Position[]>;
}

export interface CoreOutputs {
  ladder(view: LadderView): void;
  order(order: Order): void;
  fill(fill: Fill): void;
  positions(positions: PositionView[]): void;
}

interface PositionState {
  symbol: string;
  source: Order['source'];
  quantity: number;
  /** Sum of price units × quantity of the open quantity, exact. */
  openNotional: number;
  realisedPnl: number;
  charges: number;
}

function toInstrumentView(instrument: Instrument): InstrumentView {
  const base = {
    symbol: instrument.symbol,
    kind: instrument.kind,
    priceDecimals: instrument.priceDecimals,
    tickUnits: instrument.tickUnits,
    lotSize: instrument.lotSize,
    multiplier: instrument.multiplier,
    currency: instrument.currency,
  };
  return instrument.kind === 'option'
    ? {
        ...base,
        underlying: instrument.underlying,
        expiry: instrument.expiry,
        strike: instrument.strike,
        right: instrument.right,
      }
    : base;
}

/**
 * The core worker's state and behaviour, free of thread plumbing so it can be tested in-process:
 * market state, orders, paper fills and positions. A fill changes positions and reaches windows only
 * after the ledger acknowledged it as durable (DESIGN principle 5).
 */
export class CoreService {
  readonly market: MarketState;
  private readonly orders = new Map<string, Order>();
  private readonly positions = new Map<string, PositionState>();
  private frames = 0;

  constructor(
    instruments: readonly Instrument[],
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    private readonly ledger: LedgerClient,
    private readonly outputs: CoreOutputs,
  ) {
    this.market = new MarketState(instruments);
  }

  async restore(): Promise<void> {
    for (const position of await this.ledger.loadPositions()) {
      this.positions.set(`${position.symbol}|${position.source}`, {
        symbol: position.symbol,
        source: position.source,
        quantity: position.quantity,
        openNotional: position.averagePrice * position.quantity,
        realisedPnl: position.realisedPnl,
        charges: position.charges,
      });
    }
  }

  listInstruments(): InstrumentView[] {
    return this.market.instruments().map(toInstrumentView);
  }

  onMarketEvent(event: MarketEvent): void {
    this.market.apply(event);
  }

  /** Called once per frame by the worker: the conflated ladder updates. */
  publishFrame(): void {
    for (const view of this.market.drainDirty()) this.outputs.ladder(view);
    // Live P&L: open positions are re-marked four times a second, not on every tick.
    if (++this.frames % 15 === 0 && this.hasOpenPosition()) this.outputs.positions(this.listPositions());
  }

  private hasOpenPosition(): boolean {
    for (const position of this.positions.values()) if (position.quantity !== 0) return true;
    return false;
  }

  async placeOrder(params: PlaceOrderParams & { source: Order['source'] }): Promise<PlaceOrderResult> {
    const instrument = this.market.instrument(params.symbol);
    if (!instrument) throw new ApiError('BAD_REQUEST', `unknown symbol "${params.symbol}"`, 'symbol');
    if (params.quantity % instrument.lotSize !== 0)
      throw new ApiError(
        'BAD_REQUEST',
        `quantity: ${params.quantity} is not a multiple of the lot size ${instrument.lotSize}`,
        'quantity',
      );
    const now = this.clock.nowUs();
    let order: Order = {
      ...params,
      symbol: asSymbol(params.symbol),
      limitPrice: params.limitPrice === undefined ? undefined : asPrice(params.limitPrice),
      stopPrice: params.stopPrice === undefined ? undefined : asPrice(params.stopPrice),
      orderId: asOrderId(this.ids.next('O')),
      status: 'accepted',
      filledQuantity: 0,
      filledNotional: 0,
      tsCreated: now,
      tsUpdated: now,
    };
    await this.ledger.recordOrder(order);
    this.orders.set(order.orderId, order);

    const book = this.market.book(params.symbol);
    const levels = params.side === 'buy' ? book?.asks : book?.bids;
    let remaining = params.quantity;
    const fills: Fill[] = [];
    for (const level of levels ?? []) {
      if (remaining === 0) break;
      const quantity = Math.min(remaining, level.size);
      remaining -= quantity;
      fills.push({
        fillId: asFillId(this.ids.next('F')),
        orderId: order.orderId,
        symbol: order.symbol,
        side: order.side,
        quantity,
        price: level.price,
        tsEvent: now,
        source: order.source,
        charges: 0,
        liquidity: 'taker',
      });
    }
    for (const fill of fills) {
      const filledQuantity = order.filledQuantity + fill.quantity;
      order = {
        ...order,
        filledQuantity,
        filledNotional: order.filledNotional + fill.price * fill.quantity,
        status: filledQuantity === order.quantity ? 'filled' : 'partiallyFilled',
        tsUpdated: now,
      };
      await this.ledger.recordFill(fill, order);
      this.applyFill(fill);
      this.outputs.fill(fill);
    }
    if (order.status !== 'filled') {
      order = {
        ...order,
        status: fills.length === 0 ? 'rejected' : 'cancelled',
        rejectReason: fills.length === 0 ? 'no liquidity' : undefined,
      };
      await this.ledger.recordOrder(order);
    }
    this.orders.set(order.orderId, order);
    this.outputs.order(order);
    this.outputs.positions(this.listPositions());
    return {
      orderId: order.orderId,
      status: order.status,
      ...(order.rejectReason ? { rejectReason: order.rejectReason } : {}),
    };
  }

  cancelOrder(orderId: string): { cancelled: boolean } {
    const order = this.orders.get(orderId);
    if (!order) throw new ApiError('BAD_REQUEST', `unknown order "${orderId}"`, 'orderId');
    return { cancelled: false };
  }

  listOrders(): Order[] {
    return [...this.orders.values()];
  }

  listPositions(): PositionView[] {
    return [...this.positions.values()].map((position) => {
      const instrument = this.market.instrument(position.symbol);
      const multiplier = instrument?.multiplier ?? 1;
      const mark = this.market.markPrice(position.symbol);
      const unrealised =
        mark === null || position.quantity === 0
          ? 0
          : (mark * position.quantity - position.openNotional) * multiplier;
      return {
        symbol: position.symbol,
        source: position.source,
        quantity: position.quantity,
        averagePrice: position.quantity === 0 ? 0 : position.openNotional / position.quantity,
        markPrice: mark,
        realisedPnl: position.realisedPnl,
        unrealisedPnl: Math.round(unrealised),
        charges: position.charges,
        priceDecimals: instrument?.priceDecimals ?? 2,
        currency: instrument?.currency ?? '',
      };
    });
  }

  private applyFill(fill: Fill): void {
    const key = `${fill.symbol}|${fill.source}`;
    let position = this.positions.get(key);
    if (!position) {
      position = {
        symbol: fill.symbol,
        source: fill.source,
        quantity: 0,
        openNotional: 0,
        realisedPnl: 0,
        charges: 0,
      };
      this.positions.set(key, position);
    }
    const multiplier = this.market.instrument(fill.symbol)?.multiplier ?? 1;
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    if (position.quantity === 0 || Math.sign(position.quantity) === Math.sign(signed)) {
      position.quantity += signed;
      position.openNotional += signed * fill.price;
    } else {
      const closing = Math.min(Math.abs(signed), Math.abs(position.quantity));
      const averageOpen = position.openNotional / position.quantity;
      const direction = Math.sign(position.quantity);
      position.realisedPnl += Math.round((fill.price - averageOpen) * closing * direction * multiplier);
      position.openNotional -= averageOpen * closing * direction;
      position.quantity += signed;
      const opening = Math.abs(signed) - closing;
      if (opening > 0) position.openNotional = Math.sign(signed) * opening * fill.price;
      if (position.quantity === 0) position.openNotional = 0;
    }
    position.charges += fill.charges;
  }
}
