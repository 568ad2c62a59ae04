import type { IdGenerator, OrderId, Symbol } from '../../../../shared/domain/ids';
import { asFillId, asOrderId } from '../../../../shared/domain/ids';
import type { Instrument, MarketProfile } from '../../../../shared/domain/instrument';
import type { MarketEvent, TradeEvent } from '../../../../shared/domain/marketEvents';
import type { Fill, Order } from '../../../../shared/domain/orders';
import type { OrderEvent } from '../../../../shared/domain/orderEvents';
import type { Price } from '../../../../shared/domain/price';
import { SeededRandom } from '../../../../shared/domain/random';
import type { Clock, TimestampUs } from '../../../../shared/domain/time';
import type { BrokerCapabilities, BrokerGateway, OrderModification } from '../../oms/brokerGateway';
import { openingQuantity, orderMarginRequirement } from '../../oms/margin';
import { formatMoney } from '../../oms/preTradeChecks';
import { isMarketable, walkBook } from './fillModel';
import { MarketBook } from './marketBook';
import { localDate, nextWallTimeUs } from './marketHours';
import type { BrokerPosition } from './paperAccount';
import { PaperAccount } from './paperAccount';
import type { MarketTerms, PaperBrokerConfig } from './paperConfig';
import { defaultPaperBrokerConfig } from './paperConfig';

export interface PaperBrokerOptions {
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly instruments: (symbol: Symbol) => Instrument | undefined;
  /** Every order event, in order; called synchronously from advanceTo/onMarketEvent, never from submit/cancel/modify. */
  readonly onEvent: (event: OrderEvent) => void;
  /** Orders the broker creates itself (intraday square-off), announced before their first event. */
  readonly onBrokerOrder?: (order: Order) => void;
  readonly config?: Partial<PaperBrokerConfig>;
}

type Stage = 'pendingAck' | 'pendingActive' | 'active' | 'done';

interface PaperOrder {
  order: Order;
  readonly instrument: Instrument | undefined;
  stage: Stage;
  /** A stop has seen its trigger price trade. */
  triggered: boolean;
  /** Resting limit: displayed size ahead of us at our price; null until the order rests. */
  queueAhead: number | null;
  readonly brokerInitiated: boolean;
  /** Per-order charges (NSE brokerage) billed with the first fill. */
  charged: boolean;
}

type Work =
  | {
      readonly dueUs: number;
      readonly seq: number;
      readonly kind: 'ack' | 'activate' | 'cancel';
      readonly orderId: OrderId;
    }
  | {
      readonly dueUs: number;
      readonly seq: number;
      readonly kind: 'modify';
      readonly orderId: OrderId;
      readonly changes: OrderModification;
    };

interface ProfileClock {
  nextSquareOffUs: number | null;
  nextCloseUs: number | null;
}

/**
 * A paper broker whose fills a trader would believe (issue 5):
 * - market orders walk the displayed 5-level book and fill partially when it is short; an IOC
 *   remainder is cancelled, a DAY remainder waits for the next book;
 * - a limit order trades at once for its marketable part, then rests with an estimated queue
 *   position: the displayed size at its price when it joined, reduced by trades at that price and
 *   by the level shrinking below it; it fills when that queue is worked through, when a trade
 *   prints through its price, or when the opposite side moves onto it;
 * - stops trigger on trade prices;
 * - latency, slippage, random rejections, charges, paper capital and margin, intraday square-off
 *   and DAY expiry as configured.
 * Deterministic for a seed: all randomness comes from one SeededRandom, work is ordered by
 * (due time, sequence), and orders are processed in submission order.
 */
export class PaperBroker implements BrokerGateway {
  readonly capabilities: BrokerCapabilities;
  readonly config: PaperBrokerConfig;
  readonly account: PaperAccount;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly instruments: (symbol: Symbol) => Instrument | undefined;
  private readonly onEvent: (event: OrderEvent) => void;
  private readonly onBrokerOrder: ((order: Order) => void) | undefined;
  private readonly random: SeededRandom;
  private readonly books = new Map<Symbol, MarketBook>();
  private readonly ordersById = new Map<OrderId, PaperOrder>();
  private readonly ordersBySymbol = new Map<Symbol, PaperOrder[]>();
  private readonly work: Work[] = [];
  private readonly profileClocks = new Map<MarketProfile, ProfileClock>();
  private readonly squaredOffOn = new Map<MarketProfile, string>();
  private sequence = 0;
  private nowUs = 0;
  /** > 0 while advanceTo/onMarketEvent run: work scheduled then (by the OMS reacting to an event) starts at the event's time. */
  private processing = 0;

  constructor(options: PaperBrokerOptions) {
    this.config = { ...defaultPaperBrokerConfig(), ...options.config };
    this.capabilities = this.config.capabilities;
    this.clock = options.clock;
    this.ids = options.ids;
    this.instruments = options.instruments;
    this.onEvent = options.onEvent;
    this.onBrokerOrder = options.onBrokerOrder;
    this.random = new SeededRandom(this.config.seed);
    this.account = new PaperAccount(
      this.config.capital,
      this.instruments,
      (profile) => this.config.markets[profile].margin,
    );
    this.nowUs = this.clock.nowUs();
  }

  // ---------------------------------------------------------------- BrokerGateway

  submit(order: Order): void {
    if (this.ordersById.has(order.orderId)) throw new Error(`order ${order.orderId} was already submitted`);
    const instrument = this.instruments(order.symbol);
    const paper: PaperOrder = {
      order: { ...order, status: 'submitted' },
      instrument,
      stage: 'pendingAck',
      triggered: false,
      queueAhead: null,
      brokerInitiated: false,
      charged: false,
    };
    this.track(paper);
    this.schedule('ack', order.orderId, this.config.latency.orderToAckUs);
  }

  cancel(orderId: OrderId): void {
    if (!this.ordersById.has(orderId)) throw new Error(`cancel for unknown order ${orderId}`);
    this.schedule('cancel', orderId, this.config.latency.cancelUs);
  }

  modify(orderId: OrderId, changes: OrderModification): void {
    if (!this.ordersById.has(orderId)) throw new Error(`modify for unknown order ${orderId}`);
    this.push({
      dueUs: this.delayFrom(this.config.latency.cancelUs),
      seq: this.sequence++,
      kind: 'modify',
      orderId,
      changes,
    });
  }

  // ---------------------------------------------------------------- inputs

  /** Processes latency-scheduled work (acks, activations, cancels, modifies) and session times up to `tsUs`. */
  advanceTo(tsUs: number): void {
    this.processing++;
    try {
      this.advanceLoop(tsUs);
    } finally {
      this.processing--;
    }
  }

  private advanceLoop(tsUs: number): void {
    for (;;) {
      const head = this.work[0];
      const boundary = this.nextBoundary();
      const workDue = head !== undefined && head.dueUs <= tsUs ? head.dueUs : Infinity;
      const boundaryDue = boundary !== null && boundary.atUs <= tsUs ? boundary.atUs : Infinity;
      if (workDue === Infinity && boundaryDue === Infinity) break;
      if (workDue <= boundaryDue) {
        this.work.shift();
        this.nowUs = Math.max(this.nowUs, workDue);
        this.run(head as Work);
      } else if (boundary) {
        this.nowUs = Math.max(this.nowUs, boundaryDue);
        if (boundary.kind === 'squareOff') this.squareOff(boundary.profile);
        else this.closeSession(boundary.profile);
      }
    }
    this.nowUs = Math.max(this.nowUs, tsUs);
  }

  /** Market data: first the work due by the event's time, then the book, then the working orders of its symbol. */
  onMarketEvent(event: MarketEvent): void {
    if (event.type !== 'depth' && event.type !== 'quote' && event.type !== 'trade') {
      this.advanceTo(event.tsEvent);
      return;
    }
    const instrument = this.instruments(event.symbol);
    if (instrument) this.watchProfile(instrument.profile);
    this.advanceTo(event.tsEvent);
    const book = this.bookFor(event.symbol);
    if (event.type === 'depth') book.applyDepth(event);
    else if (event.type === 'quote') book.applyQuote(event);
    else book.applyTrade(event);
    this.processing++;
    try {
      for (const paper of this.workingOrders(event.symbol)) {
        if (paper.stage !== 'active') continue;
        if (event.type === 'trade') this.onTrade(paper, event);
        else this.onBookUpdate(paper);
      }
    } finally {
      this.processing--;
    }
  }

  // ---------------------------------------------------------------- queries

  positions(): BrokerPosition[] {
    return this.account.brokerPositions();
  }

  availableFunds(currency: string): number {
    return this.account.availableFunds(currency);
  }

  /** The broker's current copy of an order (status and fills as the broker sees them). */
  order(orderId: OrderId): Order | undefined {
    return this.ordersById.get(orderId)?.order;
  }

  /** Queue position estimate of a resting limit order (null when it does not rest). */
  queueAhead(orderId: OrderId): number | null {
    return this.ordersById.get(orderId)?.queueAhead ?? null;
  }

  book(symbol: Symbol): MarketBook {
    return this.bookFor(symbol);
  }

  nowUsValue(): TimestampUs {
    return this.nowUs as TimestampUs;
  }

  /**
   * A clock that reads the broker's event time while it is processing and the injected clock
   * otherwise. Give it to the OMS that trades on this broker, so the orders it sends in reaction to
   * a fill carry that fill's time rather than the time of the market event that is being applied.
   */
  eventClock(): Clock {
    return {
      nowUs: () =>
        (this.processing > 0 ? this.nowUs : Math.max(this.nowUs, this.clock.nowUs())) as TimestampUs,
    };
  }

  // ---------------------------------------------------------------- work

  private run(work: Work): void {
    const paper = this.ordersById.get(work.orderId);
    if (!paper) return;
    switch (work.kind) {
      case 'ack':
        this.acknowledge(paper);
        break;
      case 'activate':
        if (paper.stage !== 'pendingActive') return;
        paper.stage = 'active';
        this.evaluate(paper, null);
        break;
      case 'cancel':
        this.finish(paper, 'cancelled', 'cancelled by request');
        break;
      case 'modify':
        this.applyModification(paper, work.changes);
        break;
    }
  }

  private acknowledge(paper: PaperOrder): void {
    if (paper.stage !== 'pendingAck') return;
    const reason = this.rejectionReason(paper);
    if (reason !== null) {
      paper.stage = 'done';
      paper.order = { ...paper.order, status: 'rejected', rejectReason: reason };
      this.emit({ type: 'OrderRejected', orderId: paper.order.orderId, tsEvent: this.ts(), reason });
      return;
    }
    paper.stage = 'pendingActive';
    paper.order = { ...paper.order, status: 'accepted' };
    this.reserveFor(paper);
    this.emit({
      type: 'OrderAccepted',
      orderId: paper.order.orderId,
      tsEvent: this.ts(),
      brokerOrderId: `paper-${paper.order.orderId}`,
    });
    this.schedule('activate', paper.order.orderId, this.config.latency.ackToFillUs);
  }

  private rejectionReason(paper: PaperOrder): string | null {
    const { order, instrument } = paper;
    if (!instrument) return `unknown instrument ${order.symbol}`;
    const terms = this.terms(instrument);
    const position = this.account.positions.quantity(order.symbol, order.source);
    const opening = openingQuantity(order.side, order.quantity, position);
    if (opening > 0 && this.squaredOffOn.get(instrument.profile) === localDate(terms.timeZone, this.nowUs)) {
      return 'RMS: intraday square-off time has passed; only exits are accepted until the next session';
    }
    if (order.reduceOnly && opening > 0) {
      return `reduce-only ${order.side} of ${order.quantity} would open a position (position ${position})`;
    }
    const { rate, reasons } = this.config.rejection;
    if (!paper.brokerInitiated && rate > 0 && reasons.length > 0 && this.random.chance(rate)) {
      return reasons[this.random.int(reasons.length)];
    }
    const required = this.requirement(paper);
    const available = this.account.availableFunds(instrument.currency);
    if (required > available) {
      return `RMS: insufficient funds: order needs ${formatMoney(required, instrument)}, available ${formatMoney(Math.max(0, available), instrument)}`;
    }
    return null;
  }

  private requirement(paper: PaperOrder): number {
    const { order, instrument } = paper;
    if (!instrument) return 0;
    const remaining = order.quantity - order.filledQuantity;
    if (remaining <= 0) return 0;
    const book = this.bookFor(order.symbol);
    const touch = order.side === 'buy' ? book.bestAsk()?.price : book.bestBid()?.price;
    const price = order.limitPrice ?? order.stopPrice ?? touch ?? book.lastTradePrice ?? 0;
    return orderMarginRequirement({
      instrument,
      side: order.side,
      quantity: remaining,
      price,
      positionQuantity: this.account.positions.quantity(order.symbol, order.source),
      rule: this.terms(instrument).margin,
    });
  }

  private reserveFor(paper: PaperOrder): void {
    if (!paper.instrument) return;
    this.account.reserve(paper.order.orderId, paper.instrument.currency, this.requirement(paper));
  }

  private applyModification(paper: PaperOrder, changes: OrderModification): void {
    if (paper.stage === 'done') return;
    const order = paper.order;
    const quantity = changes.quantity ?? order.quantity;
    if (quantity <= order.filledQuantity) return;
    const priceChanged =
      (changes.limitPrice !== undefined && changes.limitPrice !== order.limitPrice) ||
      (changes.stopPrice !== undefined && changes.stopPrice !== order.stopPrice);
    paper.order = {
      ...order,
      quantity,
      limitPrice: changes.limitPrice ?? order.limitPrice,
      stopPrice: changes.stopPrice ?? order.stopPrice,
    };
    // Exchanges keep time priority only for a pure quantity reduction; any price change or size
    // increase sends the order to the back of the queue.
    if (priceChanged || quantity > order.quantity) paper.queueAhead = null;
    this.emit({
      type: 'OrderModified',
      orderId: order.orderId,
      tsEvent: this.ts(),
      quantity: changes.quantity,
      limitPrice: changes.limitPrice,
      stopPrice: changes.stopPrice,
    });
    if (paper.stage === 'active') {
      this.reserveFor(paper);
      if (paper.queueAhead === null) this.evaluate(paper, null);
    }
  }

  // ---------------------------------------------------------------- matching

  /** Effective limit: the limit of a limit order or a triggered stop-limit; null for market and triggered stop. */
  private effectiveLimit(order: Order): Price | null {
    return order.type === 'limit' || order.type === 'stopLimit' ? (order.limitPrice ?? null) : null;
  }

  private isStop(order: Order): boolean {
    return order.type === 'stop' || order.type === 'stopLimit';
  }

  /** An order arriving (activation, trigger, price modification): trade what is marketable, then rest or cancel. */
  private evaluate(paper: PaperOrder, trade: TradeEvent | null): void {
    const order = paper.order;
    const book = this.bookFor(order.symbol);
    if (this.isStop(order) && !paper.triggered) {
      const price = trade ? trade.price : book.lastTradePrice;
      if (price === null || order.stopPrice === undefined) return;
      const hit = order.side === 'buy' ? price >= order.stopPrice : price <= order.stopPrice;
      if (!hit) return;
      paper.triggered = true;
    }
    const limit = this.effectiveLimit(order);
    if (limit === null) {
      this.takeLiquidity(paper, null);
      if (this.remaining(paper) > 0 && order.timeInForce === 'IOC') {
        this.finish(paper, 'cancelled', `IOC: ${this.remaining(paper)} unfilled, book depth exhausted`);
      }
      return;
    }
    if (isMarketable(book, order.side, limit)) this.takeLiquidity(paper, limit);
    if (paper.stage === 'done' || this.remaining(paper) === 0) return;
    if (order.timeInForce === 'IOC') {
      this.finish(paper, 'cancelled', `IOC: ${this.remaining(paper)} unfilled at the limit`);
      return;
    }
    paper.queueAhead = book.sizeAt(order.side === 'buy' ? 'bids' : 'asks', limit);
  }

  private onTrade(paper: PaperOrder, trade: TradeEvent): void {
    const order = paper.order;
    if (this.isStop(order) && !paper.triggered) {
      this.evaluate(paper, trade);
      return;
    }
    const limit = this.effectiveLimit(order);
    if (limit === null || paper.queueAhead === null) return;
    const through = order.side === 'buy' ? trade.price < limit : trade.price > limit;
    if (through) {
      // The market printed beyond our price: everyone at our price, us included, was filled.
      this.fill(paper, this.remaining(paper), limit, 'maker');
      return;
    }
    if (trade.price === limit) {
      const excess = trade.size - paper.queueAhead;
      paper.queueAhead = Math.max(0, paper.queueAhead - trade.size);
      if (excess > 0) this.fill(paper, Math.min(excess, this.remaining(paper)), limit, 'maker');
    }
  }

  private onBookUpdate(paper: PaperOrder): void {
    const order = paper.order;
    if (this.isStop(order) && !paper.triggered) return;
    const limit = this.effectiveLimit(order);
    if (limit === null) {
      // A DAY market remainder takes the next book's liquidity.
      this.takeLiquidity(paper, null);
      return;
    }
    if (paper.queueAhead === null) return;
    const book = this.bookFor(order.symbol);
    if (isMarketable(book, order.side, limit)) {
      // The opposite side moved onto our price: sellers (buyers) there would have met our resting
      // order first. We fill at our own price, up to the size they show.
      const opposite = order.side === 'buy' ? book.asks : book.bids;
      let available = 0;
      for (const level of opposite) {
        if (order.side === 'buy' ? level.price > limit : level.price < limit) break;
        available += level.size;
      }
      const quantity = Math.min(available, this.remaining(paper));
      let left = quantity;
      for (const level of opposite) {
        if (left === 0) break;
        const take = Math.min(level.size, left);
        level.size -= take;
        left -= take;
      }
      book.compact();
      if (quantity > 0) this.fill(paper, quantity, limit, 'maker');
      return;
    }
    // Cancellations: the queue ahead cannot be longer than what the level still shows.
    paper.queueAhead = Math.min(paper.queueAhead, book.sizeAt(order.side === 'buy' ? 'bids' : 'asks', limit));
  }

  private takeLiquidity(paper: PaperOrder, limit: Price | null): void {
    const instrument = paper.instrument;
    if (!instrument) return;
    const planned = walkBook({
      book: this.bookFor(paper.order.symbol),
      side: paper.order.side,
      quantity: this.remaining(paper),
      limit,
      tickUnits: instrument.tickUnits,
      slippage: this.config.slippage,
    });
    for (const part of planned) {
      if (paper.stage === 'done') break;
      this.fill(paper, part.quantity, part.price, 'taker');
    }
  }

  private fill(paper: PaperOrder, requested: number, price: Price, liquidity: Fill['liquidity']): void {
    const instrument = paper.instrument;
    if (!instrument || requested <= 0 || paper.stage === 'done') return;
    let quantity = Math.min(requested, this.remaining(paper));
    let clamped = false;
    if (paper.order.reduceOnly) {
      // Reduce-only is enforced at fill time too: an OCO sibling may have closed the position
      // while this order's cancel was still in flight.
      const position = this.account.positions.quantity(paper.order.symbol, paper.order.source);
      const capacity = paper.order.side === 'buy' ? Math.max(0, -position) : Math.max(0, position);
      if (capacity === 0) {
        this.finish(paper, 'cancelled', 'reduce-only: the position is already closed');
        return;
      }
      if (quantity > capacity) {
        quantity = capacity;
        clamped = true;
      }
    }
    const terms = this.terms(instrument);
    const charges = terms.charges.compute({
      kind: instrument.kind,
      side: paper.order.side,
      quantity,
      price,
      priceDecimals: instrument.priceDecimals,
      multiplier: instrument.multiplier,
      tradeDate: localDate(terms.timeZone, this.nowUs),
      firstFillOfOrder: !paper.charged,
    }).total;
    paper.charged = true;
    const fill: Fill = {
      fillId: asFillId(this.ids.next('fill')),
      orderId: paper.order.orderId,
      symbol: paper.order.symbol,
      side: paper.order.side,
      quantity,
      price,
      tsEvent: this.ts(),
      source: paper.order.source,
      charges,
      liquidity,
    };
    this.account.applyFill(fill, instrument);
    const filledQuantity = paper.order.filledQuantity + quantity;
    paper.order = {
      ...paper.order,
      filledQuantity,
      filledNotional: paper.order.filledNotional + price * quantity,
      status: filledQuantity === paper.order.quantity ? 'filled' : 'partiallyFilled',
      tsUpdated: this.ts(),
    };
    if (filledQuantity === paper.order.quantity) {
      paper.stage = 'done';
      this.account.release(paper.order.orderId);
    } else {
      this.reserveFor(paper);
    }
    this.emit({ type: 'OrderFilled', orderId: paper.order.orderId, tsEvent: this.ts(), fill });
    if (clamped && paper.stage !== 'done')
      this.finish(paper, 'cancelled', 'reduce-only: the position is closed');
  }

  private finish(paper: PaperOrder, outcome: 'cancelled' | 'expired', reason: string): void {
    if (paper.stage === 'done') return;
    paper.stage = 'done';
    paper.order = { ...paper.order, status: outcome, tsUpdated: this.ts() };
    this.account.release(paper.order.orderId);
    if (outcome === 'cancelled')
      this.emit({ type: 'OrderCancelled', orderId: paper.order.orderId, tsEvent: this.ts(), reason });
    else this.emit({ type: 'OrderExpired', orderId: paper.order.orderId, tsEvent: this.ts() });
  }

  // ---------------------------------------------------------------- session times

  private watchProfile(profile: MarketProfile): void {
    if (this.profileClocks.has(profile)) return;
    const terms = this.config.markets[profile];
    this.profileClocks.set(profile, {
      nextSquareOffUs: terms.squareOff ? nextWallTimeUs(terms.squareOff, this.nowUs) : null,
      nextCloseUs: terms.sessionClose ? nextWallTimeUs(terms.sessionClose, this.nowUs) : null,
    });
  }

  private nextBoundary(): { atUs: number; kind: 'squareOff' | 'close'; profile: MarketProfile } | null {
    let best: { atUs: number; kind: 'squareOff' | 'close'; profile: MarketProfile } | null = null;
    for (const [profile, clock] of this.profileClocks) {
      if (clock.nextSquareOffUs !== null && (best === null || clock.nextSquareOffUs < best.atUs)) {
        best = { atUs: clock.nextSquareOffUs, kind: 'squareOff', profile };
      }
      if (clock.nextCloseUs !== null && (best === null || clock.nextCloseUs < best.atUs)) {
        best = { atUs: clock.nextCloseUs, kind: 'close', profile };
      }
    }
    return best;
  }

  /** Intraday square-off: cancel working orders of the market, then close its open positions at market. */
  private squareOff(profile: MarketProfile): void {
    const terms = this.config.markets[profile];
    const clock = this.profileClocks.get(profile) as ProfileClock;
    clock.nextSquareOffUs = terms.squareOff ? nextWallTimeUs(terms.squareOff, this.nowUs + 1) : null;
    this.squaredOffOn.set(profile, localDate(terms.timeZone, this.nowUs));
    for (const paper of [...this.ordersById.values()]) {
      if (paper.stage === 'done' || paper.brokerInitiated || paper.instrument?.profile !== profile) continue;
      this.finish(paper, 'cancelled', 'intraday square-off');
    }
    for (const position of this.account.brokerPositions()) {
      const instrument = this.instruments(position.symbol);
      if (!instrument || instrument.profile !== profile) continue;
      const now = this.ts();
      const order: Order = {
        orderId: asOrderId(this.ids.next('squareoff')),
        symbol: position.symbol,
        side: position.quantity > 0 ? 'sell' : 'buy',
        type: 'market',
        quantity: Math.abs(position.quantity),
        timeInForce: 'DAY',
        reduceOnly: true,
        source: position.source,
        tag: 'intraday square-off',
        status: 'new',
        filledQuantity: 0,
        filledNotional: 0,
        tsCreated: now,
        tsUpdated: now,
      };
      this.onBrokerOrder?.(order);
      this.track({
        order: { ...order, status: 'submitted' },
        instrument,
        stage: 'pendingAck',
        triggered: false,
        queueAhead: null,
        brokerInitiated: true,
        charged: false,
      });
      this.emit({ type: 'OrderSubmitted', orderId: order.orderId, tsEvent: now });
      this.schedule('ack', order.orderId, this.config.latency.orderToAckUs);
    }
  }

  /** DAY orders still working at the close expire. */
  private closeSession(profile: MarketProfile): void {
    const terms = this.config.markets[profile];
    const clock = this.profileClocks.get(profile) as ProfileClock;
    clock.nextCloseUs = terms.sessionClose ? nextWallTimeUs(terms.sessionClose, this.nowUs + 1) : null;
    for (const paper of [...this.ordersById.values()]) {
      if (paper.stage === 'done' || paper.instrument?.profile !== profile) continue;
      if (paper.stage === 'pendingAck')
        this.finish(paper, 'cancelled', 'session closed before acknowledgement');
      else this.finish(paper, 'expired', 'session close');
    }
  }

  // ---------------------------------------------------------------- helpers

  private terms(instrument: Instrument): MarketTerms {
    return this.config.markets[instrument.profile];
  }

  private remaining(paper: PaperOrder): number {
    return paper.order.quantity - paper.order.filledQuantity;
  }

  private bookFor(symbol: Symbol): MarketBook {
    let book = this.books.get(symbol);
    if (!book) {
      book = new MarketBook();
      this.books.set(symbol, book);
    }
    return book;
  }

  private track(paper: PaperOrder): void {
    this.ordersById.set(paper.order.orderId, paper);
    const list = this.ordersBySymbol.get(paper.order.symbol) ?? [];
    list.push(paper);
    this.ordersBySymbol.set(paper.order.symbol, list);
    if (paper.instrument) this.watchProfile(paper.instrument.profile);
  }

  /** Working orders of a symbol in submission order; finished ones are pruned from the index. */
  private workingOrders(symbol: Symbol): PaperOrder[] {
    const list = this.ordersBySymbol.get(symbol);
    if (!list) return [];
    const working = list.filter((paper) => paper.stage !== 'done');
    this.ordersBySymbol.set(symbol, working);
    return [...working];
  }

  /**
   * Due time of work `baseUs` from now. Inside event processing "now" is the broker's event time
   * (the OMS reacting to a fill at 10:00:00.025 sends its next order then, even if the caller's
   * clock has already moved on); outside it is the later of that and the injected clock.
   */
  private delayFrom(baseUs: number): number {
    const jitter = this.config.latency.jitterUs > 0 ? this.random.int(this.config.latency.jitterUs + 1) : 0;
    const now = this.processing > 0 ? this.nowUs : Math.max(this.nowUs, this.clock.nowUs());
    return now + baseUs + jitter;
  }

  private schedule(kind: 'ack' | 'activate' | 'cancel', orderId: OrderId, delayUs: number): void {
    this.push({ dueUs: this.delayFrom(delayUs), seq: this.sequence++, kind, orderId });
  }

  /** Inserts keeping (dueUs, seq) order. */
  private push(work: Work): void {
    let low = 0;
    let high = this.work.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      const other = this.work[mid];
      if (other.dueUs < work.dueUs || (other.dueUs === work.dueUs && other.seq < work.seq)) low = mid + 1;
      else high = mid;
    }
    this.work.splice(low, 0, work);
  }

  private ts(): TimestampUs {
    return this.nowUs as TimestampUs;
  }

  private emit(event: OrderEvent): void {
    this.onEvent(event);
  }
}
