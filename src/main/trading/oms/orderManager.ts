import type { IdGenerator, OrderId, Symbol } from '../../../shared/domain/ids';
import { asFillId, asOrderId } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { MarketEvent, Side } from '../../../shared/domain/marketEvents';
import type { Fill, Order, OrderRequest, OrderSource } from '../../../shared/domain/orders';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Price } from '../../../shared/domain/price';
import type { Clock, TimestampUs } from '../../../shared/domain/time';
import type { Broker, OrderModification } from '../broker/broker';
import { AttachedGroups } from './attachedGroups';
import type { AttachedGroupView } from './attachedOrders';
import type {
  BracketRequest,
  FundsProvider,
  InstrumentLookup,
  ModifyOutcome,
  OcoRequest,
  OmsUpdate,
  PlaceOrderOutcome,
  TrailingStopRequest,
} from './omsTypes';
import type { OrderJournal } from './orderJournal';
import { applyOrderEvent, isTerminal } from './orderTransitions';
import { PositionBook } from './positions';
import type { MarketReference, PreTradeLimits, PreTradeResult, RejectCode } from './preTradeChecks';
import { checkPrices, DEFAULT_PRE_TRADE_LIMITS, runPreTradeChecks } from './preTradeChecks';
import { OrderRateLimiter } from './rateLimiter';

/** The commands of `Broker` the OMS sends, and what it reads of it: capabilities. */
export type BrokerCommands = Pick<Broker, 'capabilities' | 'place' | 'cancel' | 'modify'>;

export interface OrderManagerOptions {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly instruments: InstrumentLookup;
  readonly broker: BrokerCommands;
  readonly journal: OrderJournal;
  readonly limits?: Partial<PreTradeLimits>;
  /** Omit to skip the buying-power check (a broker that checks margin itself). */
  readonly funds?: FundsProvider;
}

const EMPTY_REFERENCE: MarketReference = { bid: null, ask: null, last: null };

/**
 * The order manager of the core worker: pre-trade checks, slicing and throttling, the order state
 * machine and positions; attached orders (bracket, OCO, trailing, virtual stops) live in
 * `AttachedGroups` and send their orders through here. Pure of I/O and deterministic: time from the
 * injected clock, ids from the injected generator, the broker and the journal behind interfaces.
 * Broker events come in through `onOrderEvent`, market data through `onMarketEvent`.
 */
export class OrderManager {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly instruments: InstrumentLookup;
  private readonly broker: BrokerCommands;
  private readonly journal: OrderJournal;
  private readonly funds: FundsProvider | undefined;
  readonly limits: PreTradeLimits;
  private readonly rateLimiter: OrderRateLimiter;
  private readonly ordersById = new Map<OrderId, Order>();
  private readonly throttled: OrderId[] = [];
  private readonly cancelRequested = new Set<OrderId>();
  /** Emulated modifies (a broker without in-place modify): the change to apply once the cancel is confirmed. */
  private readonly pendingReplacements = new Map<OrderId, OrderModification>();
  private readonly references = new Map<Symbol, MarketReference>();
  private readonly listeners = new Set<(update: OmsUpdate) => void>();
  private readonly attached: AttachedGroups;
  readonly positions = new PositionBook();

  constructor(options: OrderManagerOptions) {
    this.clock = options.clock;
    this.ids = options.ids;
    this.instruments = options.instruments;
    this.broker = options.broker;
    this.journal = options.journal;
    this.funds = options.funds;
    this.limits = { ...DEFAULT_PRE_TRADE_LIMITS, ...options.limits };
    this.rateLimiter = new OrderRateLimiter(this.clock, this.limits.maxOrdersPerSecond);
    this.attached = new AttachedGroups({
      clock: this.clock,
      ids: this.ids,
      instruments: this.instruments,
      supports: (type) => this.supports(type),
      concurrentExitOrders: () => this.broker.capabilities.concurrentExitOrders,
      order: (orderId) => this.ordersById.get(orderId),
      isCancelRequested: (orderId) => this.cancelRequested.has(orderId),
      reference: (symbol) => this.reference(symbol),
      touch: (symbol, side) => this.touch(symbol, side),
      exitExposure: (symbol, source, side) => this.exitExposure(symbol, source, side),
      preTradeCheck: (request, instrument) => this.preTradeCheck(request, instrument),
      checkAndSend: (request, exit, onCreated) => this.checkAndSend(request, exit, onCreated),
      rejectNew: (request, code, message) => this.rejectNew(request, code, message),
      cancelOrder: (orderId, reason) => this.cancelOrder(orderId, reason),
      modifyOrder: (orderId, changes) => this.modifyOrder(orderId, changes),
      publish: (update) => this.publish(update),
      hasListeners: () => this.listeners.size > 0,
    });
  }

  subscribe(listener: (update: OmsUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---------------------------------------------------------------- queries

  order(orderId: OrderId): Order | undefined {
    return this.ordersById.get(orderId);
  }

  orders(): Order[] {
    return [...this.ordersById.values()];
  }

  openOrders(): Order[] {
    return this.orders().filter((order) => !isTerminal(order.status));
  }

  group(groupId: string): AttachedGroupView | undefined {
    return this.attached.group(groupId);
  }

  groups(): AttachedGroupView[] {
    return this.attached.groups();
  }

  reference(symbol: Symbol): MarketReference {
    return this.references.get(symbol) ?? EMPTY_REFERENCE;
  }

  // ---------------------------------------------------------------- commands

  /** Checks, slices and sends one order. A stop the broker cannot hold becomes a virtual stop. */
  placeOrder(request: OrderRequest): PlaceOrderOutcome {
    const instrument = this.instruments(request.symbol);
    if (
      instrument &&
      (request.type === 'stop' || request.type === 'stopLimit') &&
      !this.supports(request.type)
    ) {
      return this.attached.placeVirtualStop(request, instrument);
    }
    return this.checkAndSend(request, false, null);
  }

  /** Entry plus take-profit and/or stop-loss legs that cancel each other; legs arm as the entry fills. */
  placeBracket(bracket: BracketRequest): PlaceOrderOutcome {
    return this.attached.placeBracket(bracket, (request) => this.placeOrder(request));
  }

  /** Two legs, one cancels the other; by default exits of an open position. */
  placeOco(request: OcoRequest): PlaceOrderOutcome {
    return this.attached.placeOco(request);
  }

  /** A stop that follows the best trade price by `trailUnits`, protecting an open position. */
  placeTrailingStop(request: TrailingStopRequest): PlaceOrderOutcome {
    return this.attached.placeTrailingStop(request);
  }

  /** Cancels a working order (or a throttled slice that has not left yet). False when it is already final. */
  cancelOrder(orderId: OrderId, reason = 'cancelled by request'): boolean {
    const order = this.ordersById.get(orderId);
    if (!order || isTerminal(order.status)) return false;
    // A cancel overrides a replacement still waiting for its cancel to be confirmed.
    this.pendingReplacements.delete(orderId);
    if (order.status === 'new') {
      const queued = this.throttled.indexOf(orderId);
      if (queued !== -1) this.throttled.splice(queued, 1);
      this.apply({ type: 'OrderCancelled', orderId, tsEvent: this.clock.nowUs(), reason });
      return true;
    }
    if (this.cancelRequested.has(orderId)) return true;
    this.cancelRequested.add(orderId);
    this.broker.cancel(orderId);
    return true;
  }

  /**
   * Changes price or quantity of a working order; prices are checked against the tick grid first.
   * In place when the broker can (the answer is an OrderModified through the transition table);
   * otherwise cancel and replace: the replacement, for the rest of the new quantity at the new
   * prices, is sent only once the cancel is confirmed, so the two can never both trade.
   */
  modifyOrder(orderId: OrderId, changes: OrderModification): ModifyOutcome {
    const order = this.ordersById.get(orderId);
    if (!order) return { ok: false, reason: `unknown order ${orderId}` };
    if (order.status !== 'accepted' && order.status !== 'partiallyFilled') {
      return {
        ok: false,
        reason: `order ${orderId} is ${order.status}; only working orders can be modified`,
      };
    }
    if (this.cancelRequested.has(orderId) && !this.pendingReplacements.has(orderId)) {
      return { ok: false, reason: `order ${orderId} is being cancelled` };
    }
    const instrument = this.instruments(order.symbol);
    if (!instrument) return { ok: false, reason: `unknown instrument ${order.symbol}` };
    if (changes.quantity !== undefined) {
      if (changes.quantity <= order.filledQuantity || changes.quantity % instrument.lotSize !== 0) {
        return {
          ok: false,
          reason: `quantity ${changes.quantity} must be a lot multiple above the filled ${order.filledQuantity}`,
        };
      }
    }
    const merged: OrderRequest = { ...order, ...definedOnly(changes) };
    const priced = checkPrices(merged, instrument, this.limits.tickPolicy);
    if (!priced.ok) return { ok: false, reason: priced.rejection.message };
    const checked: OrderModification = {
      quantity: changes.quantity,
      limitPrice: changes.limitPrice === undefined ? undefined : priced.request.limitPrice,
      stopPrice: changes.stopPrice === undefined ? undefined : priced.request.stopPrice,
    };
    if (this.broker.capabilities.modify) {
      this.broker.modify(orderId, checked);
      return { ok: true };
    }
    const earlier = this.pendingReplacements.get(orderId);
    this.pendingReplacements.set(orderId, { ...earlier, ...definedOnly(checked) });
    if (!this.cancelRequested.has(orderId)) {
      this.cancelRequested.add(orderId);
      this.broker.cancel(orderId);
    }
    return { ok: true };
  }

  /** Moves a leg's price (dragging TP/SL on the chart). Broker-mode legs modify their resting orders. */
  modifyLeg(groupId: string, legId: string, price: Price): ModifyOutcome {
    return this.attached.modifyLeg(groupId, legId, price);
  }

  /** Cancels every working order of a group and retires its legs. */
  cancelGroup(groupId: string): boolean {
    return this.attached.cancelGroup(groupId);
  }

  /** Kill-switch helper: cancels every working order and group of a source (all sources when omitted). */
  cancelAll(source?: OrderSource): number {
    let count = this.attached.cancelAll(source);
    for (const order of this.openOrders()) {
      if (source === undefined || order.source === source)
        if (this.cancelOrder(order.orderId, 'cancel all')) count++;
    }
    return count;
  }

  /** Kill-switch helper: market orders closing every open position of a source. */
  flatten(source?: OrderSource): PlaceOrderOutcome[] {
    const outcomes: PlaceOrderOutcome[] = [];
    for (const position of this.positions.all()) {
      if (position.quantity === 0 || (source !== undefined && position.source !== source)) continue;
      outcomes.push(
        this.checkAndSend(
          {
            symbol: position.symbol,
            side: position.quantity > 0 ? 'sell' : 'buy',
            type: 'market',
            quantity: Math.abs(position.quantity),
            timeInForce: 'DAY',
            reduceOnly: true,
            source: position.source,
            tag: 'flatten',
          },
          true,
          null,
        ),
      );
    }
    return outcomes;
  }

  /**
   * Books an open position from one source's account to another's (engine.handBack: the engine's
   * position becomes the trader's). Nothing is sent to the broker: one internal order per side, tagged
   * `tag`, filled at the open lots' own prices without charges, through the transition table and the
   * journal like any fill. So the ledger's fills still rebuild every position, nothing is realised and
   * the new owner keeps the cost. Returns the fills (the paper broker books the same), [] when flat.
   */
  transferPosition(symbol: Symbol, from: OrderSource, to: OrderSource, tag: string): Fill[] {
    const lots = this.positions.state(symbol, from)?.lots ?? [];
    const quantity = lots.reduce((sum, lot) => sum + lot.quantity, 0);
    if (quantity === 0 || from === to) return [];
    const now = this.clock.nowUs();
    const fills: Fill[] = [];
    const legs = [
      { source: from, side: quantity > 0 ? 'sell' : 'buy' },
      { source: to, side: quantity > 0 ? 'buy' : 'sell' },
    ] as const;
    for (const { source, side } of legs) {
      const order = this.createOrder({
        symbol,
        side,
        type: 'market',
        quantity: Math.abs(quantity),
        timeInForce: 'IOC',
        reduceOnly: source === from,
        source,
        tag,
      });
      this.apply({ type: 'OrderSubmitted', orderId: order.orderId, tsEvent: now });
      for (const lot of lots) {
        const fill: Fill = {
          fillId: asFillId(this.ids.next('fill')),
          orderId: order.orderId,
          symbol,
          side,
          quantity: Math.abs(lot.quantity),
          price: lot.price,
          tsEvent: now,
          source,
          charges: 0,
          liquidity: 'maker',
        };
        this.apply({ type: 'OrderFilled', orderId: order.orderId, tsEvent: now, fill });
        fills.push(fill);
      }
    }
    return fills;
  }

  /**
   * Start-up: the working orders the ledger holds become the OMS's again (already durable, so not
   * journaled as new). One still `new` never reached the broker and is cancelled with that reason.
   * Returns the orders the broker must hold again.
   */
  restoreOrders(orders: readonly Order[]): Order[] {
    const atBroker: Order[] = [];
    for (const order of orders) {
      if (isTerminal(order.status)) continue;
      if (this.ordersById.has(order.orderId)) throw new Error(`order ${order.orderId} is already known`);
      this.ordersById.set(order.orderId, order);
      this.publish({ type: 'order', order, event: null });
      if (order.status !== 'new') {
        atBroker.push(order);
        continue;
      }
      this.apply({
        type: 'OrderCancelled',
        orderId: order.orderId,
        tsEvent: Math.max(this.clock.nowUs(), order.tsUpdated) as TimestampUs,
        reason: 'not sent to the broker before the core stopped',
      });
    }
    return atBroker;
  }

  /** Registers an order the broker created itself (an RMS square-off), so its events apply. */
  adoptBrokerOrder(order: Order): void {
    if (this.ordersById.has(order.orderId)) throw new Error(`order ${order.orderId} is already known`);
    this.ordersById.set(order.orderId, order);
    this.journal.orderCreated(order);
    this.publish({ type: 'order', order, event: null });
  }

  // ---------------------------------------------------------------- inputs

  /** Applies a broker event through the transition table; throws IllegalOrderTransitionError on an illegal one. */
  onOrderEvent(event: OrderEvent): Order {
    const order = this.apply(event);
    this.attached.afterOrderEvent(order, event);
    if (isTerminal(order.status)) {
      this.cancelRequested.delete(order.orderId);
      this.sendReplacement(order);
    }
    this.releaseThrottled();
    return order;
  }

  /** Market data: reference prices, marks for unrealised P&L, virtual legs and trailing stops. */
  onMarketEvent(event: MarketEvent): void {
    const current = this.references.get(event.symbol) ?? EMPTY_REFERENCE;
    switch (event.type) {
      case 'quote':
        this.references.set(event.symbol, { ...current, bid: event.bidPrice, ask: event.askPrice });
        break;
      case 'depth':
        this.references.set(event.symbol, {
          ...current,
          bid: event.bids[0]?.price ?? null,
          ask: event.asks[0]?.price ?? null,
        });
        break;
      case 'trade':
        this.references.set(event.symbol, { ...current, last: event.price });
        this.positions.mark(event.symbol, event.price);
        this.attached.onTrade(event.symbol, event.price);
        break;
      default:
        break;
    }
    this.releaseThrottled();
  }

  /** Sends throttled slices the rate window now allows (also called on every event). */
  releaseThrottled(): void {
    while (this.throttled.length > 0 && this.rateLimiter.available() > 0) {
      const orderId = this.throttled.shift() as OrderId;
      const order = this.ordersById.get(orderId);
      if (!order || order.status !== 'new') continue;
      this.rateLimiter.tryTake();
      this.send(order);
    }
  }

  // ---------------------------------------------------------------- internals

  private supports(type: OrderRequest['type']): boolean {
    return this.broker.capabilities.orderTypes.includes(type);
  }

  private preTradeCheck(request: OrderRequest, instrument: Instrument | undefined): PreTradeResult {
    return runPreTradeChecks({
      request,
      instrument,
      reference: this.reference(request.symbol),
      positionQuantity: this.positions.quantity(request.symbol, request.source),
      availableFunds: this.funds && instrument ? this.funds.availableFunds(instrument.currency) : null,
      limits: this.limits,
    });
  }

  /**
   * Checks, slices and sends. `exit` marks the OMS's own orders (slices, legs, flatten): they queue for
   * the rate window instead of being refused. `onCreated` sees each slice's id before it is sent.
   */
  private checkAndSend(
    request: OrderRequest,
    exit: boolean,
    onCreated: ((orderId: OrderId) => void) | null,
  ): PlaceOrderOutcome {
    const instrument = this.instruments(request.symbol);
    if (instrument && !this.supports(request.type)) {
      return this.rejectNew(request, 'unsupportedOrder', `the broker does not accept ${request.type} orders`);
    }
    const result = this.preTradeCheck(request, instrument);
    if (!result.ok) return this.rejectNew(request, result.rejection.code, result.rejection.message);
    // A burst of separate orders beyond the cap is the trader's (or engine's) doing: refuse it. The
    // slices of one order and exits are the OMS's own doing: queue them for the next free slot.
    if (!exit && result.slices.length === 1 && this.rateLimiter.available() === 0) {
      return this.rejectNew(
        result.request,
        'rateLimit',
        `more than ${this.limits.maxOrdersPerSecond} orders in one second; wait until the window frees`,
      );
    }
    const orderIds: OrderId[] = [];
    let throttled = 0;
    for (const quantity of result.slices) {
      const order = this.createOrder({ ...result.request, quantity });
      orderIds.push(order.orderId);
      onCreated?.(order.orderId);
      if (this.throttled.length === 0 && this.rateLimiter.tryTake()) this.send(order);
      else {
        this.throttled.push(order.orderId);
        throttled++;
      }
    }
    return { ok: true, orderIds, adjustments: result.adjustments, throttled };
  }

  /** The second half of an emulated modify: the cancelled order's rest, at the new prices, in its place. */
  private sendReplacement(order: Order): void {
    const changes = this.pendingReplacements.get(order.orderId);
    if (!changes) return;
    this.pendingReplacements.delete(order.orderId);
    if (order.status !== 'cancelled') return;
    const quantity = (changes.quantity ?? order.quantity) - order.filledQuantity;
    if (quantity <= 0) return;
    const request: OrderRequest = {
      symbol: order.symbol,
      side: order.side,
      type: order.type,
      quantity,
      limitPrice: changes.limitPrice ?? order.limitPrice,
      stopPrice: changes.stopPrice ?? order.stopPrice,
      timeInForce: order.timeInForce,
      reduceOnly: order.reduceOnly,
      source: order.source,
      tag: order.tag,
    };
    this.checkAndSend(request, true, (replacement) =>
      this.attached.linkReplacement(order.orderId, replacement),
    );
  }

  private rejectNew(request: OrderRequest, code: RejectCode, message: string): PlaceOrderOutcome {
    const order = this.createOrder(request);
    this.apply({
      type: 'OrderRejected',
      orderId: order.orderId,
      tsEvent: this.clock.nowUs(),
      reason: `${code}: ${message}`,
    });
    return { ok: false, orderId: order.orderId, code, reason: message };
  }

  private createOrder(request: OrderRequest): Order {
    const now = this.clock.nowUs();
    const order: Order = {
      ...request,
      orderId: asOrderId(this.ids.next('order')),
      status: 'new',
      filledQuantity: 0,
      filledNotional: 0,
      tsCreated: now,
      tsUpdated: now,
    };
    this.ordersById.set(order.orderId, order);
    this.journal.orderCreated(order);
    this.publish({ type: 'order', order, event: null });
    return order;
  }

  private send(order: Order): void {
    const submitted = this.apply({
      type: 'OrderSubmitted',
      orderId: order.orderId,
      tsEvent: this.clock.nowUs(),
    });
    try {
      this.broker.place(submitted);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.onOrderEvent({
        type: 'OrderRejected',
        orderId: order.orderId,
        tsEvent: this.clock.nowUs(),
        reason: `broker refused: ${reason}`,
      });
    }
  }

  /** Transition, positions, journal, listeners: the one path every event takes. */
  private apply(event: OrderEvent): Order {
    const order = this.ordersById.get(event.orderId);
    if (!order) throw new Error(`${event.type} for unknown order ${event.orderId}`);
    const next = applyOrderEvent(order, event);
    const instrument = this.instruments(next.symbol);
    if (!instrument) throw new Error(`order ${next.orderId}: unknown instrument ${next.symbol}`);
    this.ordersById.set(next.orderId, next);
    if (event.type === 'OrderFilled') this.positions.applyFill(event.fill, instrument.multiplier);
    this.journal.orderEvent(next, event, instrument);
    this.publish({ type: 'order', order: next, event });
    if (event.type === 'OrderFilled') {
      const position = this.positions.get(next.symbol, next.source);
      if (position) this.publish({ type: 'position', position });
    }
    return next;
  }

  private touch(symbol: Symbol, side: Side): Price | null {
    const reference = this.reference(symbol);
    return (side === 'buy' ? reference.ask : reference.bid) ?? reference.last;
  }

  /** Quantity an exit on `side` may close: the long for a sell, the short for a buy. */
  private exitExposure(symbol: Symbol, source: OrderSource, side: Side): number {
    const quantity = this.positions.quantity(symbol, source);
    return side === 'sell' ? Math.max(0, quantity) : Math.max(0, -quantity);
  }

  private publish(update: OmsUpdate): void {
    for (const listener of this.listeners) listener(update);
  }
}

function definedOnly(changes: OrderModification): {
  quantity?: number;
  limitPrice?: Price;
  stopPrice?: Price;
} {
  const result: { quantity?: number; limitPrice?: Price; stopPrice?: Price } = {};
  if (changes.quantity !== undefined) result.quantity = changes.quantity;
  if (changes.limitPrice !== undefined) result.limitPrice = changes.limitPrice;
  if (changes.stopPrice !== undefined) result.stopPrice = changes.stopPrice;
  return result;
}
