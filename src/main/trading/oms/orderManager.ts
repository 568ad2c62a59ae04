import type { IdGenerator, OrderId, Symbol } from '../../../shared/domain/ids';
import { asOrderId } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { MarketEvent, Side } from '../../../shared/domain/marketEvents';
import type { Order, OrderRequest, OrderSource, Position } from '../../../shared/domain/orders';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Price } from '../../../shared/domain/price';
import type { Clock } from '../../../shared/domain/time';
import type {
  AttachedGroup,
  AttachedGroupView,
  AttachedKind,
  AttachedLeg,
  AttachedMode,
  LegSpec,
} from './attachedOrders';
import { isLegLive, legOpenQuantity, legReached, makeLeg, trailLeg, viewGroup } from './attachedOrders';
import type { BrokerGateway, OrderModification } from './brokerGateway';
import type { OrderJournal } from './orderJournal';
import { applyOrderEvent, isTerminal, remainingQuantity } from './orderTransitions';
import { PositionBook } from './positions';
import type { MarketReference, PreTradeLimits, RejectCode } from './preTradeChecks';
import { checkPrices, DEFAULT_PRE_TRADE_LIMITS, runPreTradeChecks } from './preTradeChecks';
import { OrderRateLimiter } from './rateLimiter';

export type InstrumentLookup = (symbol: Symbol) => Instrument | undefined;

/** Money available for new orders (the paper account, or a real broker's reported funds). */
export interface FundsProvider {
  availableFunds(currency: string): number;
}

export type OmsUpdate =
  | { readonly type: 'order'; readonly order: Order; readonly event: OrderEvent | null }
  | { readonly type: 'position'; readonly position: Position }
  | { readonly type: 'group'; readonly group: AttachedGroupView };

export interface OrderManagerOptions {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly instruments: InstrumentLookup;
  readonly broker: BrokerGateway;
  readonly journal: OrderJournal;
  readonly limits?: Partial<PreTradeLimits>;
  /** Omit to skip the buying-power check (a broker that checks margin itself). */
  readonly funds?: FundsProvider;
}

export type PlaceOrderOutcome =
  | {
      readonly ok: true;
      /** One id per slice sent or queued; empty for an emulated (virtual) stop. */
      readonly orderIds: OrderId[];
      /** Set when the order became an attached group (bracket, OCO, trailing or virtual stop). */
      readonly groupId?: string;
      readonly adjustments: string[];
      /** Slices waiting for the order-rate window. */
      readonly throttled: number;
    }
  | {
      readonly ok: false;
      readonly orderId: OrderId | null;
      readonly code: RejectCode;
      readonly reason: string;
    };

export interface BracketRequest {
  readonly entry: OrderRequest;
  readonly takeProfit?: Price;
  readonly stopLoss?: {
    readonly stopPrice: Price;
    readonly limitPrice?: Price;
    readonly trailUnits?: number;
  };
}

export interface OcoRequest {
  readonly symbol: Symbol;
  readonly side: Side;
  readonly quantity: number;
  readonly source: OrderSource;
  readonly legs: readonly [LegSpec, LegSpec];
  /** Exits of an open position (default): legs shrink with the position and never open one. */
  readonly reduceOnly?: boolean;
  readonly tag?: string;
}

export interface TrailingStopRequest {
  readonly symbol: Symbol;
  /** Side of the stop order: sell to protect a long. */
  readonly side: Side;
  readonly quantity: number;
  readonly source: OrderSource;
  readonly trailUnits: number;
  readonly tag?: string;
}

interface OrderLink {
  readonly group: AttachedGroup;
  /** null for the group's entry orders. */
  readonly leg: AttachedLeg | null;
}

const EMPTY_REFERENCE: MarketReference = { bid: null, ask: null, last: null };

function refuseUnknownInstrument(symbol: Symbol): PlaceOrderOutcome {
  return { ok: false, orderId: null, code: 'unknownInstrument', reason: `unknown instrument ${symbol}` };
}

/**
 * The order manager of the core worker: pre-trade checks, slicing and throttling, the order state
 * machine, positions, and attached orders (bracket, OCO, trailing, virtual stops). Pure of I/O and
 * deterministic: time from the injected clock, ids from the injected generator, the broker and the
 * journal behind interfaces. Broker events come in through `onOrderEvent`, market data through
 * `onMarketEvent`.
 */
export class OrderManager {
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly instruments: InstrumentLookup;
  private readonly broker: BrokerGateway;
  private readonly journal: OrderJournal;
  private readonly funds: FundsProvider | undefined;
  readonly limits: PreTradeLimits;
  private readonly rateLimiter: OrderRateLimiter;
  private readonly ordersById = new Map<OrderId, Order>();
  private readonly throttled: OrderId[] = [];
  private readonly cancelRequested = new Set<OrderId>();
  private readonly links = new Map<OrderId, OrderLink>();
  private readonly groupsById = new Map<string, AttachedGroup>();
  private readonly references = new Map<Symbol, MarketReference>();
  private readonly listeners = new Set<(update: OmsUpdate) => void>();
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
    const group = this.groupsById.get(groupId);
    return group ? viewGroup(group) : undefined;
  }

  groups(): AttachedGroupView[] {
    return [...this.groupsById.values()].map(viewGroup);
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
      return this.placeVirtualStop(request, instrument);
    }
    return this.checkAndSend(request, { exit: false, link: null });
  }

  /** Entry plus take-profit and/or stop-loss legs that cancel each other; legs arm as the entry fills. */
  placeBracket(bracket: BracketRequest): PlaceOrderOutcome {
    const { entry } = bracket;
    const legs: LegSpec[] = [];
    if (bracket.takeProfit !== undefined)
      legs.push({ role: 'takeProfit', kind: 'limit', price: bracket.takeProfit });
    if (bracket.stopLoss !== undefined) {
      legs.push({
        role: 'stopLoss',
        kind: 'stop',
        price: bracket.stopLoss.stopPrice,
        limitPrice: bracket.stopLoss.limitPrice,
        trailUnits: bracket.stopLoss.trailUnits,
      });
    }
    if (legs.length === 0) return this.placeOrder(entry);
    const exitSide: Side = entry.side === 'buy' ? 'sell' : 'buy';
    const entryPrice = entry.limitPrice ?? entry.stopPrice ?? this.touch(entry.symbol, entry.side);
    const invalid = validateExitPrices(legs, exitSide, entryPrice);
    if (invalid) return { ok: false, orderId: null, code: 'invalidPrice', reason: invalid };
    const instrument = this.instruments(entry.symbol);
    if (!instrument) return refuseUnknownInstrument(entry.symbol);
    const group = this.createGroup('bracket', entry.symbol, exitSide, entry.source, legs, 0, true, entry.tag);
    const outcome = this.checkAndSend(
      { ...entry, tag: entry.tag ?? group.groupId },
      { exit: false, link: { group, leg: null } },
    );
    if (!outcome.ok) {
      group.state = 'cancelled';
      for (const leg of group.legs) leg.state = 'cancelled';
      this.publishGroup(group);
      return outcome;
    }
    this.groupsById.set(group.groupId, group);
    this.publishGroup(group);
    return { ...outcome, groupId: group.groupId };
  }

  /** Two legs, one cancels the other; by default exits of an open position. */
  placeOco(request: OcoRequest): PlaceOrderOutcome {
    const instrument = this.instruments(request.symbol);
    if (!instrument) return refuseUnknownInstrument(request.symbol);
    const protectsPosition = request.reduceOnly ?? true;
    if (protectsPosition) {
      const exposure = this.exitExposure(request.symbol, request.source, request.side);
      if (request.quantity > exposure) {
        return {
          ok: false,
          orderId: null,
          code: 'reduceOnly',
          reason: `OCO ${request.side} of ${request.quantity} exceeds the open position of ${exposure} ${request.symbol}`,
        };
      }
    }
    const last = this.reference(request.symbol).last;
    const invalid = last === null ? null : validateExitPrices(request.legs, request.side, last);
    if (invalid) return { ok: false, orderId: null, code: 'invalidPrice', reason: invalid };
    const group = this.createGroup(
      'oco',
      request.symbol,
      request.side,
      request.source,
      request.legs,
      request.quantity,
      protectsPosition,
      request.tag,
    );
    group.entryDone = true;
    group.state = 'active';
    this.groupsById.set(group.groupId, group);
    for (const leg of group.legs) this.armLeg(group, leg, request.quantity, last);
    this.publishGroup(group);
    return { ok: true, orderIds: [], groupId: group.groupId, adjustments: [], throttled: 0 };
  }

  /** A stop that follows the best trade price by `trailUnits`, protecting an open position. */
  placeTrailingStop(request: TrailingStopRequest): PlaceOrderOutcome {
    const instrument = this.instruments(request.symbol);
    if (!instrument) return refuseUnknownInstrument(request.symbol);
    const last = this.reference(request.symbol).last;
    if (last === null)
      return {
        ok: false,
        orderId: null,
        code: 'noMarketData',
        reason: `no trade in ${request.symbol} yet to trail from`,
      };
    const exposure = this.exitExposure(request.symbol, request.source, request.side);
    if (request.quantity > exposure) {
      return {
        ok: false,
        orderId: null,
        code: 'reduceOnly',
        reason: `trailing stop ${request.side} of ${request.quantity} exceeds the open position of ${exposure} ${request.symbol}`,
      };
    }
    const start = (request.side === 'sell' ? last - request.trailUnits : last + request.trailUnits) as Price;
    const spec: LegSpec = { role: 'stopLoss', kind: 'stop', price: start, trailUnits: request.trailUnits };
    const group = this.createGroup(
      'trailingStop',
      request.symbol,
      request.side,
      request.source,
      [spec],
      request.quantity,
      true,
      request.tag,
    );
    group.entryDone = true;
    group.state = 'active';
    this.groupsById.set(group.groupId, group);
    const leg = group.legs[0];
    trailLeg(leg, request.side, last, instrument);
    this.armLeg(group, leg, request.quantity, last);
    this.publishGroup(group);
    return { ok: true, orderIds: [], groupId: group.groupId, adjustments: [], throttled: 0 };
  }

  /** Cancels a working order (or a throttled slice that has not left yet). False when it is already final. */
  cancelOrder(orderId: OrderId, reason = 'cancelled by request'): boolean {
    const order = this.ordersById.get(orderId);
    if (!order || isTerminal(order.status)) return false;
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

  /** Changes price or quantity of a working order; prices are checked against the tick grid first. */
  modifyOrder(orderId: OrderId, changes: OrderModification): { ok: true } | { ok: false; reason: string } {
    const order = this.ordersById.get(orderId);
    if (!order) return { ok: false, reason: `unknown order ${orderId}` };
    if (order.status !== 'accepted' && order.status !== 'partiallyFilled') {
      return {
        ok: false,
        reason: `order ${orderId} is ${order.status}; only working orders can be modified`,
      };
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
    this.broker.modify(orderId, {
      quantity: changes.quantity,
      limitPrice: changes.limitPrice === undefined ? undefined : priced.request.limitPrice,
      stopPrice: changes.stopPrice === undefined ? undefined : priced.request.stopPrice,
    });
    return { ok: true };
  }

  /** Moves a leg's price (dragging TP/SL on the chart). Broker-mode legs modify their resting orders. */
  modifyLeg(groupId: string, legId: string, price: Price): { ok: true } | { ok: false; reason: string } {
    const group = this.groupsById.get(groupId);
    const leg = group?.legs.find((candidate) => candidate.legId === legId);
    if (!group || !leg) return { ok: false, reason: `unknown leg ${groupId}/${legId}` };
    if (!isLegLive(leg) || leg.state === 'triggered')
      return { ok: false, reason: `leg ${legId} is ${leg.state}` };
    leg.price = price;
    if (leg.mode === 'broker') {
      for (const orderId of this.liveOrderIds(leg)) {
        this.modifyOrder(orderId, leg.kind === 'limit' ? { limitPrice: price } : { stopPrice: price });
      }
    }
    this.publishGroup(group);
    return { ok: true };
  }

  /** Cancels every working order of a group and retires its legs. */
  cancelGroup(groupId: string): boolean {
    const group = this.groupsById.get(groupId);
    if (!group || group.state === 'done' || group.state === 'cancelled') return false;
    for (const orderId of group.entryOrderIds) this.cancelOrder(orderId, `group ${groupId} cancelled`);
    for (const leg of group.legs) this.retireLeg(leg, 'cancelled');
    group.state = 'cancelled';
    this.publishGroup(group);
    return true;
  }

  /** Kill-switch helper: cancels every working order and group of a source (all sources when omitted). */
  cancelAll(source?: OrderSource): number {
    let count = 0;
    for (const group of this.groupsById.values()) {
      if (source === undefined || group.source === source) if (this.cancelGroup(group.groupId)) count++;
    }
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
          { exit: true, link: null },
        ),
      );
    }
    return outcomes;
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
    const link = this.links.get(order.orderId);
    if (link) this.afterLinkedEvent(link, order, event);
    if (event.type === 'OrderFilled') this.clampGroups(order.symbol, order.source);
    if (isTerminal(order.status)) this.cancelRequested.delete(order.orderId);
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
        this.runLegs(event.symbol, event.price);
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

  // ---------------------------------------------------------------- internals: orders

  private supports(type: OrderRequest['type']): boolean {
    return this.broker.capabilities.orderTypes.includes(type);
  }

  private checkAndSend(
    request: OrderRequest,
    options: { exit: boolean; link: OrderLink | null },
  ): PlaceOrderOutcome {
    const instrument = this.instruments(request.symbol);
    if (instrument && !this.supports(request.type)) {
      return this.rejectNew(request, 'unsupportedOrder', `the broker does not accept ${request.type} orders`);
    }
    const result = runPreTradeChecks({
      request,
      instrument,
      reference: this.reference(request.symbol),
      positionQuantity: this.positions.quantity(request.symbol, request.source),
      availableFunds: this.funds && instrument ? this.funds.availableFunds(instrument.currency) : null,
      limits: this.limits,
    });
    if (!result.ok) return this.rejectNew(request, result.rejection.code, result.rejection.message);
    // A burst of separate orders beyond the cap is the trader's (or engine's) doing: refuse it. The
    // slices of one order and exits are the OMS's own doing: queue them for the next free slot.
    if (!options.exit && result.slices.length === 1 && this.rateLimiter.available() === 0) {
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
      if (options.link) {
        this.links.set(order.orderId, options.link);
        if (options.link.leg === null) options.link.group.entryOrderIds.push(order.orderId);
        else options.link.leg.orderIds.push(order.orderId);
      }
      if (this.throttled.length === 0 && this.rateLimiter.tryTake()) this.send(order);
      else {
        this.throttled.push(order.orderId);
        throttled++;
      }
    }
    return { ok: true, orderIds, adjustments: result.adjustments, throttled };
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
      this.broker.submit(submitted);
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

  // ---------------------------------------------------------------- internals: attached groups

  private createGroup(
    kind: AttachedKind,
    symbol: Symbol,
    side: Side,
    source: OrderSource,
    legs: readonly LegSpec[],
    quantity: number,
    protectsPosition: boolean,
    tag: string | undefined,
  ): AttachedGroup {
    const groupId = this.ids.next('group');
    const mode = this.modeFor(kind, legs);
    return {
      groupId,
      kind,
      symbol,
      side,
      source,
      tag,
      protectsPosition,
      entryOrderIds: [],
      entryFilled: 0,
      entryDone: false,
      legs: legs.map((spec, index) =>
        makeLeg(`${groupId}/${spec.role === 'leg' ? `leg${index + 1}` : spec.role}`, spec, mode, 0),
      ),
      state: quantity > 0 ? 'active' : 'pendingEntry',
      tsUpdated: this.clock.nowUs(),
    };
  }

  /** Broker mode when the broker can hold every leg side by side; otherwise the core emulates them. */
  private modeFor(kind: AttachedKind, legs: readonly LegSpec[]): AttachedMode {
    if (kind === 'virtualStop') return 'virtual';
    const capabilities = this.broker.capabilities;
    const typesOk = legs.every((leg) =>
      leg.kind === 'limit'
        ? this.supports('limit')
        : this.supports(leg.limitPrice === undefined ? 'stop' : 'stopLimit'),
    );
    if (!typesOk) return 'virtual';
    if (legs.length > 1 && !capabilities.concurrentExitOrders) return 'virtual';
    return 'broker';
  }

  private placeVirtualStop(request: OrderRequest, instrument: Instrument): PlaceOrderOutcome {
    const checked = runPreTradeChecks({
      request,
      instrument,
      reference: this.reference(request.symbol),
      positionQuantity: this.positions.quantity(request.symbol, request.source),
      availableFunds: this.funds ? this.funds.availableFunds(instrument.currency) : null,
      limits: this.limits,
    });
    if (!checked.ok) return this.rejectNew(request, checked.rejection.code, checked.rejection.message);
    const rounded = checked.request;
    const spec: LegSpec = {
      role: 'leg',
      kind: 'stop',
      price: rounded.stopPrice as Price,
      limitPrice: rounded.type === 'stopLimit' ? rounded.limitPrice : undefined,
    };
    const group = this.createGroup(
      'virtualStop',
      rounded.symbol,
      rounded.side,
      rounded.source,
      [spec],
      rounded.quantity,
      Boolean(rounded.reduceOnly),
      rounded.tag,
    );
    group.entryDone = true;
    this.groupsById.set(group.groupId, group);
    this.armLeg(group, group.legs[0], rounded.quantity, this.reference(rounded.symbol).last);
    this.publishGroup(group);
    return { ok: true, orderIds: [], groupId: group.groupId, adjustments: checked.adjustments, throttled: 0 };
  }

  /** Adds quantity to a leg: virtual legs just cover more; broker legs get another resting order. */
  private armLeg(group: AttachedGroup, leg: AttachedLeg, quantity: number, startPrice: Price | null): void {
    if (!isLegLive(leg) || quantity <= 0) return;
    leg.quantity += quantity;
    if (leg.state === 'pending') leg.state = 'armed';
    if (leg.trailUnits !== null && leg.extreme === null && startPrice !== null) {
      const instrument = this.instruments(group.symbol);
      if (instrument) trailLeg(leg, group.side, startPrice, instrument);
    }
    if (leg.mode === 'broker') this.sendLegOrder(group, leg, quantity);
  }

  private sendLegOrder(group: AttachedGroup, leg: AttachedLeg, quantity: number): void {
    const request: OrderRequest =
      leg.kind === 'limit'
        ? { ...this.legBase(group, quantity), type: 'limit', limitPrice: leg.price }
        : leg.limitPrice === null
          ? { ...this.legBase(group, quantity), type: 'stop', stopPrice: leg.price }
          : {
              ...this.legBase(group, quantity),
              type: 'stopLimit',
              stopPrice: leg.price,
              limitPrice: leg.limitPrice,
            };
    const outcome = this.checkAndSend(request, { exit: true, link: { group, leg } });
    if (!outcome.ok && this.liveOrderIds(leg).length === 0) {
      // The broker side refused the resting leg (price band, reduce-only race): keep protecting virtually.
      leg.mode = 'virtual';
    }
  }

  private legBase(group: AttachedGroup, quantity: number): Omit<OrderRequest, 'type'> {
    return {
      symbol: group.symbol,
      side: group.side,
      quantity,
      timeInForce: 'DAY',
      reduceOnly: group.protectsPosition,
      source: group.source,
      tag: group.tag ?? group.groupId,
    };
  }

  private liveOrderIds(leg: AttachedLeg): OrderId[] {
    return leg.orderIds.filter((orderId) => {
      const order = this.ordersById.get(orderId);
      return order !== undefined && !isTerminal(order.status) && !this.cancelRequested.has(orderId);
    });
  }

  /** Lowers what a leg must still exit by `quantity`, cancelling or shrinking its broker orders to match. */
  private shrinkLeg(leg: AttachedLeg, quantity: number): void {
    if (!isLegLive(leg) || quantity <= 0) return;
    leg.quantity = Math.max(leg.filledQuantity, leg.quantity - quantity);
    const target = legOpenQuantity(leg);
    let excess = -target;
    const live = this.liveOrderIds(leg);
    for (const orderId of live) excess += remainingQuantity(this.ordersById.get(orderId) as Order);
    for (const orderId of [...live].reverse()) {
      if (excess <= 0) break;
      const order = this.ordersById.get(orderId) as Order;
      const open = remainingQuantity(order);
      if (excess >= open) {
        this.cancelOrder(orderId, `${leg.legId}: sibling filled`);
        excess -= open;
      } else {
        this.modifyOrder(orderId, { quantity: order.quantity - excess });
        excess = 0;
      }
    }
    if (target === 0) leg.state = leg.filledQuantity > 0 ? 'done' : 'cancelled';
  }

  private retireLeg(leg: AttachedLeg, state: 'done' | 'cancelled'): void {
    for (const orderId of this.liveOrderIds(leg)) this.cancelOrder(orderId, `${leg.legId} ${state}`);
    if (isLegLive(leg)) leg.state = state;
  }

  private finishGroupIfDone(group: AttachedGroup): void {
    if (group.state === 'done' || group.state === 'cancelled') return;
    const anyLive = group.legs.some(isLegLive);
    if (group.entryDone && !anyLive)
      group.state = group.legs.some((leg) => leg.filledQuantity > 0) ? 'done' : 'cancelled';
  }

  private afterLinkedEvent(link: OrderLink, order: Order, event: OrderEvent): void {
    const { group, leg } = link;
    group.tsUpdated = event.tsEvent;
    if (leg === null) this.afterEntryEvent(group, order, event);
    else this.afterLegEvent(group, leg, order, event);
    this.finishGroupIfDone(group);
    this.publishGroup(group);
  }

  private afterEntryEvent(group: AttachedGroup, order: Order, event: OrderEvent): void {
    if (event.type === 'OrderFilled') {
      group.entryFilled += event.fill.quantity;
      if (group.state === 'pendingEntry') group.state = 'active';
      const exitTriggered = group.legs.some((leg) => leg.state === 'triggered' || leg.filledQuantity > 0);
      for (const leg of group.legs) {
        if (exitTriggered) continue;
        this.armLeg(group, leg, event.fill.quantity, event.fill.price);
      }
    }
    if (isTerminal(order.status)) {
      const allDone = group.entryOrderIds.every((orderId) =>
        isTerminal((this.ordersById.get(orderId) as Order).status),
      );
      if (allDone) {
        group.entryDone = true;
        if (group.entryFilled === 0) {
          for (const leg of group.legs) this.retireLeg(leg, 'cancelled');
          group.state = 'cancelled';
        }
      }
    }
  }

  private afterLegEvent(group: AttachedGroup, leg: AttachedLeg, order: Order, event: OrderEvent): void {
    if (event.type === 'OrderFilled') {
      const quantity = event.fill.quantity;
      leg.filledQuantity += quantity;
      // An exit has begun: the rest of the entry must not add to a position that is being closed.
      this.cancelEntryRemainder(group);
      for (const sibling of group.legs) if (sibling !== leg) this.shrinkLeg(sibling, quantity);
      if (legOpenQuantity(leg) === 0 && group.entryDone) leg.state = 'done';
      return;
    }
    if (!isTerminal(order.status)) return;
    const liveLeft = this.liveOrderIds(leg).length;
    if (leg.state === 'triggered' && liveLeft === 0 && legOpenQuantity(leg) > 0) {
      // The exit sent on trigger died unfilled (no liquidity, broker reject): watch the price again.
      leg.state = 'armed';
      return;
    }
    if (
      leg.mode === 'broker' &&
      liveLeft === 0 &&
      legOpenQuantity(leg) > 0 &&
      isLegLive(leg) &&
      !this.cancelRequested.has(order.orderId)
    ) {
      // The broker dropped a resting leg we did not cancel (rejection, RMS cancel): keep it virtually.
      leg.mode = 'virtual';
    }
  }

  private cancelEntryRemainder(group: AttachedGroup): void {
    for (const orderId of group.entryOrderIds) {
      const order = this.ordersById.get(orderId) as Order;
      if (!isTerminal(order.status)) this.cancelOrder(orderId, `${group.groupId}: exit started`);
    }
  }

  /** Exit legs never cover more than the open position (a manual exit or a square-off may have closed it). */
  private clampGroups(symbol: Symbol, source: OrderSource): void {
    for (const group of this.groupsById.values()) {
      if (!group.protectsPosition || group.symbol !== symbol || group.source !== source) continue;
      if (group.state !== 'active' && group.state !== 'pendingEntry') continue;
      const exposure = this.exitExposure(symbol, source, group.side);
      for (const leg of group.legs) {
        if (!isLegLive(leg) || leg.state === 'triggered') continue;
        const excess = legOpenQuantity(leg) - exposure;
        if (excess > 0) this.shrinkLeg(leg, excess);
      }
      if (exposure === 0 && group.entryDone) {
        for (const leg of group.legs)
          if (leg.state !== 'triggered') this.retireLeg(leg, leg.filledQuantity > 0 ? 'done' : 'cancelled');
      }
      this.finishGroupIfDone(group);
      this.publishGroup(group);
    }
  }

  /** Trailing and triggering of legs on a trade print. */
  private runLegs(symbol: Symbol, price: Price): void {
    const instrument = this.instruments(symbol);
    if (!instrument) return;
    for (const group of this.groupsById.values()) {
      if (group.symbol !== symbol || (group.state !== 'active' && group.state !== 'pendingEntry')) continue;
      let changed = false;
      for (const leg of group.legs) {
        if (leg.state !== 'armed') continue;
        if (trailLeg(leg, group.side, price, instrument)) {
          changed = true;
          if (leg.mode === 'broker')
            for (const orderId of this.liveOrderIds(leg)) this.modifyOrder(orderId, { stopPrice: leg.price });
        }
      }
      // One exit at a time: while a triggered leg's order is working, its siblings wait.
      const busy = group.legs.some((leg) => leg.state === 'triggered');
      for (const leg of group.legs) {
        if (busy || leg.mode !== 'virtual' || leg.state !== 'armed' || legOpenQuantity(leg) === 0) continue;
        if (!legReached(leg, group.side, price)) continue;
        this.triggerLeg(group, leg);
        changed = true;
        break;
      }
      if (changed) this.publishGroup(group);
    }
  }

  private triggerLeg(group: AttachedGroup, leg: AttachedLeg): void {
    leg.state = 'triggered';
    this.cancelEntryRemainder(group);
    const base = this.legBase(group, legOpenQuantity(leg));
    const request: OrderRequest =
      leg.kind === 'stop' && leg.limitPrice !== null
        ? { ...base, type: 'limit', limitPrice: leg.limitPrice }
        : { ...base, type: 'market' };
    const outcome = this.checkAndSend(request, { exit: true, link: { group, leg } });
    if (!outcome.ok) leg.state = 'armed';
  }

  private publishGroup(group: AttachedGroup): void {
    if (this.listeners.size > 0) this.publish({ type: 'group', group: viewGroup(group) });
  }

  private publish(update: OmsUpdate): void {
    for (const listener of this.listeners) listener(update);
  }
}

/** Take-profit beyond the entry in the trade's favour, stop-loss beyond it against the trade. */
function validateExitPrices(
  legs: readonly LegSpec[],
  exitSide: Side,
  entryPrice: Price | null | undefined,
): string | null {
  if (entryPrice === null || entryPrice === undefined) return null;
  for (const leg of legs) {
    const above = leg.price > entryPrice;
    const below = leg.price < entryPrice;
    // Exiting a long (sell): TP above, SL below. Exiting a short (buy): the mirror.
    const ok =
      leg.kind === 'limit' ? (exitSide === 'sell' ? above : below) : exitSide === 'sell' ? below : above;
    if (!ok) {
      const where =
        leg.kind === 'limit'
          ? exitSide === 'sell'
            ? 'above'
            : 'below'
          : exitSide === 'sell'
            ? 'below'
            : 'above';
      return `${leg.role} at ${leg.price} must be ${where} the entry price ${entryPrice}`;
    }
  }
  return null;
}

function definedOnly(changes: OrderModification): Partial<OrderRequest> {
  const result: { quantity?: number; limitPrice?: Price; stopPrice?: Price } = {};
  if (changes.quantity !== undefined) result.quantity = changes.quantity;
  if (changes.limitPrice !== undefined) result.limitPrice = changes.limitPrice;
  if (changes.stopPrice !== undefined) result.stopPrice = changes.stopPrice;
  return result;
}
