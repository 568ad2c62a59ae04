import { ApiError } from '../../shared/api/errors';
import type { ModifyLegParams, ModifyOrderParams } from '../../shared/api/schemas';
import type { BulkActionResult } from '../../shared/api/views';
import { asOrderId, asSymbol } from '../../shared/domain/ids';
import { asPrice } from '../../shared/domain/price';
import type { PlaceOrderOutcome } from '../trading/oms/omsTypes';
import type { TradingDesk } from '../trading/desk/tradingDesk';

export interface ManualControlsOptions {
  readonly desk: TradingDesk;
  readonly knows: (symbol: string) => boolean;
  /** The instrument's tick in minor units, for refusing off-grid prices. */
  readonly tickUnits: (symbol: string) => number | undefined;
  /** Resolves once everything the OMS produced so far is durable (the reply is an acknowledgement). */
  readonly settled: () => Promise<void>;
}

/**
 * The ladder's order controls beyond place/cancel (issue 11): amend a working order or a TP/SL leg
 * (a drag), cancel everything, flatten everything or one symbol. Each answers once what it sent is
 * durable. Windows act only on manual orders and positions; the engine's positions are the engine's,
 * so flatten-all pulls its kill switch and it flattens them itself — never two sellers of one lot.
 */
export class ManualControls {
  constructor(private readonly options: ManualControlsOptions) {}

  private get oms(): TradingDesk['oms'] {
    return this.options.desk.oms;
  }

  /** Amends the order in place through the OMS and the broker (same id, never cancel/replace). */
  async modifyOrder(params: ModifyOrderParams): Promise<{ modified: true }> {
    const order = this.oms.order(asOrderId(params.orderId));
    if (!order) throw new ApiError('BAD_REQUEST', `orderId: unknown order "${params.orderId}"`, 'orderId');
    if (order.source !== 'manual')
      throw new ApiError('REJECTED', `order ${params.orderId} belongs to the engine (${order.source})`);
    if (params.limitPrice !== undefined && order.type !== 'limit' && order.type !== 'stopLimit')
      throw new ApiError('BAD_REQUEST', `limitPrice: a ${order.type} order has no limit price`, 'limitPrice');
    if (params.stopPrice !== undefined && order.type !== 'stop' && order.type !== 'stopLimit')
      throw new ApiError('BAD_REQUEST', `stopPrice: a ${order.type} order has no stop price`, 'stopPrice');
    // A drag lands on the tick grid, so an off-grid price is a caller's mistake: refused, not rounded.
    for (const field of ['limitPrice', 'stopPrice'] as const)
      this.requireOnTick(order.symbol, params[field], field);
    const outcome = this.oms.modifyOrder(order.orderId, {
      limitPrice: params.limitPrice === undefined ? undefined : asPrice(params.limitPrice),
      stopPrice: params.stopPrice === undefined ? undefined : asPrice(params.stopPrice),
      quantity: params.quantity,
    });
    if (!outcome.ok) throw new ApiError('REJECTED', outcome.reason);
    await this.options.settled();
    return { modified: true };
  }

  /** Moves a manual group's TP or SL; a leg resting at the broker has its order amended by the OMS. */
  async modifyLeg(params: ModifyLegParams): Promise<{ modified: true }> {
    const group = this.oms.group(params.groupId);
    if (!group) throw new ApiError('BAD_REQUEST', `groupId: unknown group "${params.groupId}"`, 'groupId');
    if (group.source !== 'manual')
      throw new ApiError('REJECTED', `group ${params.groupId} belongs to the engine (${group.source})`);
    this.requireOnTick(group.symbol, params.price, 'price');
    const outcome = this.oms.modifyLeg(params.groupId, params.legId, asPrice(params.price));
    if (!outcome.ok) throw new ApiError('REJECTED', outcome.reason);
    await this.options.settled();
    return { modified: true };
  }

  private requireOnTick(symbol: string, price: number | undefined, field: string): void {
    if (price === undefined) return;
    const tickUnits = this.options.tickUnits(symbol);
    if (tickUnits !== undefined && price % tickUnits !== 0)
      throw new ApiError(
        'BAD_REQUEST',
        `${field}: ${price} is not on the tick grid (a multiple of ${tickUnits})`,
        field,
      );
  }

  /** Every working order and group, every source (F7; the kill switch). */
  async cancelAll(): Promise<BulkActionResult> {
    const cancelledOrders = this.oms.cancelAll();
    await this.options.settled();
    return { cancelledOrders, flattenOrders: 0, engineKilled: false, problems: [] };
  }

  /**
   * F6: cancels the manual working orders (an exit resting there must not re-open the position),
   * closes every manual position at market, and — when the engine holds positions — pulls its kill
   * switch so it flattens its own.
   */
  async flattenAll(): Promise<BulkActionResult> {
    const cancelledOrders = this.oms.cancelAll('manual');
    const outcomes = this.oms.flatten('manual');
    const engineHolds = this.options.desk.engine.status().positions.length > 0;
    if (engineHolds) this.options.desk.control((engine) => engine.killSwitch('flatten all pressed'));
    await this.options.settled();
    return { cancelledOrders, ...summarise(outcomes), engineKilled: engineHolds };
  }

  /** One symbol: its manual working orders and groups cancelled, its manual position closed at market. */
  async flattenSymbol(symbolText: string): Promise<BulkActionResult> {
    if (!this.options.knows(symbolText))
      throw new ApiError('BAD_REQUEST', `symbol: unknown instrument "${symbolText}"`, 'symbol');
    const symbol = asSymbol(symbolText);
    let cancelledOrders = 0;
    for (const group of this.oms.groups())
      if (group.symbol === symbol && group.source === 'manual' && this.oms.cancelGroup(group.groupId))
        cancelledOrders++;
    for (const order of this.oms.openOrders())
      if (
        order.symbol === symbol &&
        order.source === 'manual' &&
        this.oms.cancelOrder(order.orderId, 'flatten')
      )
        cancelledOrders++;
    const quantity = this.oms.positions.quantity(symbol, 'manual');
    const outcomes =
      quantity === 0
        ? []
        : [
            this.options.desk.placeManual({
              symbol,
              side: quantity > 0 ? 'sell' : 'buy',
              type: 'market',
              quantity: Math.abs(quantity),
              timeInForce: 'DAY',
              reduceOnly: true,
              source: 'manual',
              tag: 'flatten',
            }),
          ];
    await this.options.settled();
    return { cancelledOrders, ...summarise(outcomes), engineKilled: false };
  }
}

function summarise(
  outcomes: readonly PlaceOrderOutcome[],
): Pick<BulkActionResult, 'flattenOrders' | 'problems'> {
  return {
    flattenOrders: outcomes.reduce((sum, outcome) => sum + (outcome.ok ? outcome.orderIds.length : 0), 0),
    problems: outcomes.flatMap((outcome) => (outcome.ok ? [] : [`${outcome.code}: ${outcome.reason}`])),
  };
}
