import { ApiError } from '../../shared/api/errors';
import type { PlaceBracketParams, PlaceOrderParams } from '../../shared/api/schemas';
import type { EngineStatusView, PlaceBracketResult, PlaceOrderResult } from '../../shared/api/views';
import { asOrderId, asSymbol } from '../../shared/domain/ids';
import type { Instrument } from '../../shared/domain/instrument';
import type { OrderRequest, OrderSource } from '../../shared/domain/orders';
import { asPrice, formatPrice, isOnTick } from '../../shared/domain/price';
import type { TradingDesk } from '../trading/desk/tradingDesk';
import type { EngineCommand } from '../trading/engine/types';
import { bracketPrices } from '../trading/oms/bracketPrices';

export interface ManualTradingOptions {
  readonly desk: TradingDesk;
  readonly instrument: (symbol: string) => Instrument | undefined;
  /** Resolves once every order event so far is durable: replies are acknowledgements. */
  readonly settled: () => Promise<void>;
  /** Publishes the engine's status after a change and returns it. */
  readonly engineChanged: () => EngineStatusView;
  /** Why no order may be placed at all (the ledger failed its start-up check), or null. */
  readonly tradingRefused: () => string | null;
}

/** Main vouches for the source of everything a window places (always `manual`). */
type Sourced<P> = P & { readonly source: Extract<OrderSource, 'manual'> };

/**
 * The trader's own trading on the live desk: orders, brackets and the hand-over of a position to the
 * engine and back. Every refusal is an ApiError naming the field (or REJECTED with the reason) and changes
 * nothing.
 */
export class ManualTrading {
  constructor(private readonly options: ManualTradingOptions) {}

  private get desk(): TradingDesk {
    return this.options.desk;
  }

  private known(symbol: string): Instrument {
    const instrument = this.options.instrument(symbol);
    if (!instrument) throw new ApiError('BAD_REQUEST', `symbol: unknown instrument "${symbol}"`, 'symbol');
    return instrument;
  }

  /** A ledger that failed its own check must not take new orders: their fills could not be trusted. */
  private requireTradingAllowed(): void {
    const reason = this.options.tradingRefused();
    if (reason !== null) throw new ApiError('REJECTED', reason);
  }

  async placeOrder(params: Sourced<PlaceOrderParams>): Promise<PlaceOrderResult> {
    this.requireTradingAllowed();
    const instrument = this.known(params.symbol);
    // A typed price is never moved silently: off the tick grid is refused, naming the field (issue 10).
    for (const field of ['limitPrice', 'stopPrice'] as const) {
      const price = params[field];
      if (
        price !== undefined &&
        Number.isSafeInteger(price) &&
        price > 0 &&
        !isOnTick(asPrice(price), instrument)
      )
        throw new ApiError(
          'BAD_REQUEST',
          `${field}: ${formatPrice(asPrice(price), instrument)} is not on the tick grid (tick ${formatPrice(asPrice(instrument.tickUnits), instrument)})`,
          field,
        );
    }
    const request: OrderRequest = {
      ...params,
      symbol: asSymbol(params.symbol),
      limitPrice: params.limitPrice === undefined ? undefined : asPrice(params.limitPrice),
      stopPrice: params.stopPrice === undefined ? undefined : asPrice(params.stopPrice),
    };
    const outcome = this.desk.placeManual(request);
    // The reply is an acknowledgement too: answer only once the order is durable.
    await this.options.settled();
    if (!outcome.ok)
      return {
        orderId: outcome.orderId ?? '',
        status: 'rejected',
        rejectReason: `${outcome.code}: ${outcome.reason}`,
      };
    const order = this.desk.oms.order(outcome.orderIds[0]);
    return { orderId: outcome.orderIds[0] ?? outcome.groupId ?? '', status: order?.status ?? 'new' };
  }

  cancelOrder(orderId: string): { cancelled: boolean } {
    const order = this.desk.oms.order(asOrderId(orderId));
    if (!order) throw new ApiError('BAD_REQUEST', `orderId: unknown order "${orderId}"`, 'orderId');
    return { cancelled: this.desk.oms.cancelOrder(order.orderId, 'cancelled by the trader') };
  }

  /**
   * A manual bracket (issue 5): TP/SL distances in ticks become prices on the tick grid, measured
   * from the entry's limit or, for a market entry, the best opposite price. The OMS runs the legs at
   * the broker when it can hold them and emulates them in the core otherwise; the reply says which.
   */
  async placeBracket(params: Sourced<PlaceBracketParams>): Promise<PlaceBracketResult> {
    this.requireTradingAllowed();
    const instrument = this.known(params.symbol);
    const symbol = asSymbol(params.symbol);
    const reference = this.desk.oms.reference(symbol);
    const prices = bracketPrices(
      {
        side: params.side,
        limitPrice: params.entry.limitPrice ?? null,
        bestOpposite: params.side === 'buy' ? reference.ask : reference.bid,
        takeProfitTicks: params.takeProfitTicks,
        stopLossTicks: params.stopLossTicks,
      },
      instrument,
    );
    if (!prices.ok)
      throw new ApiError(
        prices.refused ? 'REJECTED' : 'BAD_REQUEST',
        `${prices.field}: ${prices.message}`,
        prices.refused ? undefined : prices.field,
      );
    const outcome = this.desk.oms.placeBracket({
      entry: {
        symbol,
        side: params.side,
        type: params.entry.type,
        quantity: params.quantity,
        limitPrice: params.entry.limitPrice === undefined ? undefined : asPrice(params.entry.limitPrice),
        timeInForce: params.timeInForce,
        source: params.source,
      },
      takeProfit: prices.takeProfit,
      stopLoss:
        prices.stopLoss === undefined
          ? undefined
          : {
              stopPrice: prices.stopLoss,
              // Trails at the distance it starts at: the stop-loss ticks in price units.
              trailUnits:
                params.trailStopLoss && params.stopLossTicks !== undefined
                  ? params.stopLossTicks * instrument.tickUnits
                  : undefined,
            },
    });
    // Like orders.place, the reply is an acknowledgement: answer once the entry is durable.
    await this.options.settled();
    if (!outcome.ok)
      return {
        groupId: null,
        orderIds: outcome.orderId ? [outcome.orderId] : [],
        status: 'rejected',
        emulated: false,
        rejectReason: `${outcome.code}: ${outcome.reason}`,
      };
    const group = outcome.groupId === undefined ? undefined : this.desk.oms.group(outcome.groupId);
    const entry = outcome.orderIds[0] === undefined ? undefined : this.desk.oms.order(outcome.orderIds[0]);
    return {
      groupId: outcome.groupId ?? null,
      orderIds: [...outcome.orderIds],
      status: entry?.status ?? 'new',
      emulated: group?.legs.some((leg) => leg.emulated) ?? false,
    };
  }

  /** Cancels a manual group's working entry and exits; the engine's groups are the engine's to manage. */
  async cancelGroup(groupId: string): Promise<{ cancelled: boolean }> {
    const group = this.desk.oms.group(groupId);
    if (!group) throw new ApiError('BAD_REQUEST', `groupId: unknown group "${groupId}"`, 'groupId');
    if (group.source !== 'manual')
      throw new ApiError(
        'REJECTED',
        `group ${groupId} belongs to the engine (${group.source}); it manages its exits`,
      );
    const cancelled = this.desk.oms.cancelGroup(groupId);
    await this.options.settled();
    return { cancelled };
  }

  /**
   * The trader hands a manual position to the engine's exits (issue 4: the engine never touches a
   * manual position otherwise). Refused, changing nothing, unless the engine trades (paper or live)
   * and is not killed, there is a manual position, and no manual exits of it are working — one owner
   * for the exits, so a bracket and the engine cannot both sell the same contracts.
   */
  handOver(symbolText: string): EngineStatusView {
    this.known(symbolText);
    const symbol = asSymbol(symbolText);
    const engine = this.desk.engine.status();
    if (engine.mode !== 'paper' && engine.mode !== 'live')
      throw new ApiError(
        'REJECTED',
        `the engine is ${engine.mode}: switch it to paper before handing ${symbol} over (its exits would send no orders)`,
      );
    if (engine.killed) throw new ApiError('REJECTED', 'the kill switch is on: rearm the engine first');
    const position = this.desk.oms.positions.get(symbol, 'manual');
    if (!position || position.quantity === 0)
      throw new ApiError('REJECTED', `no manual position in ${symbol} to hand over`);
    if (engine.positions.some((held) => held.symbol === symbol && held.ownership === 'handedOver'))
      throw new ApiError('REJECTED', `${symbol} is already with the engine`);
    const working = this.desk.oms
      .groups()
      .find(
        (group) =>
          group.symbol === symbol &&
          group.source === 'manual' &&
          (group.state === 'active' || group.state === 'pendingEntry'),
      );
    if (working)
      throw new ApiError(
        'REJECTED',
        `${symbol} has working manual exits (group ${working.groupId}): cancel them first, so only the engine manages the exits`,
      );
    let commands: readonly EngineCommand[] = [];
    this.desk.control(
      (controlled) =>
        (commands = controlled.handOver(symbol, {
          quantity: position.quantity,
          averagePrice: position.averagePrice,
        })),
    );
    // The engine says why it will not take a position (not one of its contracts, not a long) in an alert.
    for (const command of commands)
      if (command.type === 'alert' && command.code === 'handOverRefused')
        throw new ApiError('REJECTED', command.message);
    return this.options.engineChanged();
  }

  /**
   * The reverse: the trader takes back what the engine holds in a symbol (its own entry or a position
   * handed over). The engine stops managing it; its own position is booked to the manual account, so
   * the trader can flatten it or hand it over again. Allowed in any mode, since a position keeps its
   * exits after the engine is switched to shadow or off. Refused, changing nothing, when the engine
   * holds nothing there or an exit or entry of it is working. Answers once the move is durable.
   */
  async handBack(symbolText: string): Promise<EngineStatusView> {
    this.known(symbolText);
    for (const command of this.desk.handBack(asSymbol(symbolText)))
      if (command.type === 'alert' && command.code === 'handBackRefused')
        throw new ApiError('REJECTED', command.message);
    await this.options.settled();
    return this.options.engineChanged();
  }
}
