import type { IdGenerator, OrderId, Symbol } from '../../../../shared/domain/ids';
import { asFillId, asOrderId } from '../../../../shared/domain/ids';
import type { Instrument } from '../../../../shared/domain/instrument';
import type { MarketEvent } from '../../../../shared/domain/marketEvents';
import type { Fill, Order } from '../../../../shared/domain/orders';
import type { Price } from '../../../../shared/domain/price';
import { SeededRandom } from '../../../../shared/domain/random';
import type { Clock, TimestampUs } from '../../../../shared/domain/time';
import { openingQuantity, orderMarginRequirement } from '../../oms/margin';
import { allowedEvents, isTerminal } from '../../oms/orderTransitions';
import { formatMoney } from '../../oms/preTradeChecks';
import type {
  Broker,
  BrokerCapabilities,
  BrokerContext,
  BrokerEvents,
  BrokerFactory,
  BrokerPosition,
  OrderModification,
} from '../broker';
import type { MatchingVenue } from './matching';
import { evaluateOrder, matchBookUpdate, matchTrade } from './matching';
import { MarketBook } from './marketBook';
import { localDate, nextWallTimeUs } from './marketHours';
import { PaperAccount } from './paperAccount';
import type { MarketTerms, PaperBrokerConfig } from './paperConfig';
import { defaultPaperBrokerConfig } from './paperConfig';
import type { PaperOrder } from './paperOrders';
import { newPaperOrder, PaperOrders, paperRemaining } from './paperOrders';
import type { SessionBoundary } from './sessionBoundaries';
import { SessionBoundaries } from './sessionBoundaries';
import type { PaperWork } from './workQueue';
import { WorkQueue } from './workQueue';

export interface PaperBrokerOptions extends BrokerContext {
  readonly config?: Partial<PaperBrokerConfig>;
}

/** A factory for desks: a paper broker with `config` over the defaults. */
export function paperBroker(config?: Partial<PaperBrokerConfig>): BrokerFactory<PaperBroker> {
  return (context) => new PaperBroker({ ...context, config });
}

/**
 * A paper broker whose fills a trader would believe:
 * - market orders walk the displayed 5-level book and fill partially when it is short; an IOC
 *   remainder is cancelled, a DAY remainder waits for the next book;
 * - a limit order trades at once for its marketable part, then rests with an estimated queue
 *   position (see `matching.ts`);
 * - stops trigger on trade prices;
 * - latency, slippage, random rejections, charges, paper capital and margin, intraday square-off
 *   and DAY expiry as configured (`sessionBoundaries.ts`).
 * Every status change goes through the OMS's transition table (`PaperOrders.apply`). Deterministic
 * for a seed: all randomness comes from one SeededRandom, work is ordered by (due time, sequence)
 * (`workQueue.ts`), and orders are processed in submission order.
 */
export class PaperBroker implements Broker {
  readonly capabilities: BrokerCapabilities;
  readonly config: PaperBrokerConfig;
  readonly account: PaperAccount;
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly instruments: (symbol: Symbol) => Instrument | undefined;
  private readonly events: BrokerEvents;
  private readonly random: SeededRandom;
  private readonly books = new Map<Symbol, MarketBook>();
  private readonly orders: PaperOrders;
  private readonly work = new WorkQueue();
  private readonly sessions: SessionBoundaries;
  private readonly venue: MatchingVenue;
  private nowUs = 0;
  /** Why market data cannot be trusted now (the feed is stale or disconnected), or null when it is live. */
  private dataOutage: string | null = null;
  /** Orders that became able to trade during an outage: they first look at the book the next event brings. */
  private readonly awaitingData = new Set<PaperOrder>();
  /** Orders reloaded from the ledger, waiting for the first market time to learn whether their session still runs. */
  private restored: PaperOrder[] = [];
  /** > 0 while advanceTo/onMarketEvent run: work scheduled then (by the OMS reacting to an event) starts at the event's time. */
  private processing = 0;

  constructor(options: PaperBrokerOptions) {
    this.config = { ...defaultPaperBrokerConfig(), ...options.config };
    this.capabilities = this.config.capabilities;
    this.clock = options.clock;
    this.ids = options.ids;
    this.instruments = options.instruments;
    this.events = options.events;
    this.orders = new PaperOrders((event) => this.events.orderEvent(event));
    this.sessions = new SessionBoundaries((profile) => this.config.markets[profile]);
    this.random = new SeededRandom(this.config.seed);
    this.account = new PaperAccount(
      this.config.capital,
      this.instruments,
      (profile) => this.config.markets[profile].margin,
    );
    this.venue = {
      slippage: this.config.slippage,
      book: (symbol) => this.bookFor(symbol),
      fill: (paper, quantity, price, liquidity) => this.fill(paper, quantity, price, liquidity),
      cancel: (paper, reason) => this.finish(paper, 'cancelled', reason),
    };
    this.nowUs = this.clock.nowUs();
  }

  // ---------------------------------------------------------------- commands

  place(order: Order): void {
    if (this.orders.has(order.orderId)) throw new Error(`order ${order.orderId} was already placed`);
    if (order.status !== 'submitted') {
      throw new Error(`order ${order.orderId} is ${order.status}; only a submitted order can be placed`);
    }
    this.track(newPaperOrder(order, this.instruments(order.symbol), false));
    this.schedule({ kind: 'ack', orderId: order.orderId }, this.config.latency.orderToAckUs);
  }

  cancel(orderId: OrderId): void {
    if (!this.orders.has(orderId)) throw new Error(`cancel for unknown order ${orderId}`);
    this.schedule({ kind: 'cancel', orderId }, this.config.latency.cancelUs);
  }

  modify(orderId: OrderId, changes: OrderModification): void {
    if (!this.orders.has(orderId)) throw new Error(`modify for unknown order ${orderId}`);
    this.schedule({ kind: 'modify', orderId, changes }, this.config.latency.cancelUs);
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
    if (this.restored.length > 0 && tsUs > 0) this.resumeRestored(Math.max(this.nowUs, tsUs));
    for (;;) {
      const headDue = this.work.nextDueUs();
      const boundary = this.sessions.next();
      const workDue = headDue !== null && headDue <= tsUs ? headDue : Infinity;
      const boundaryDue = boundary !== null && boundary.atUs <= tsUs ? boundary.atUs : Infinity;
      if (workDue === Infinity && boundaryDue === Infinity) break;
      if (workDue <= boundaryDue) {
        const work = this.work.shift() as PaperWork;
        this.nowUs = Math.max(this.nowUs, workDue);
        this.run(work);
      } else if (boundary) {
        this.nowUs = Math.max(this.nowUs, boundaryDue);
        this.onBoundary(boundary);
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
    if (instrument) this.sessions.watch(instrument.profile, this.nowUs);
    this.advanceTo(event.tsEvent);
    const book = this.bookFor(event.symbol);
    if (event.type === 'depth') book.applyDepth(event);
    else if (event.type === 'quote') book.applyQuote(event);
    else book.applyTrade(event);
    this.processing++;
    try {
      for (const paper of [...this.awaitingData]) {
        if (paper.order.symbol !== event.symbol) continue;
        this.awaitingData.delete(paper);
        if (paper.stage === 'active') evaluateOrder(this.venue, paper, null);
      }
      for (const paper of this.orders.workingOf(event.symbol)) {
        if (paper.stage !== 'active') continue;
        if (event.type === 'trade') matchTrade(this.venue, paper, event);
        else matchBookUpdate(this.venue, paper);
      }
    } finally {
      this.processing--;
    }
  }

  /**
   * Start-up after a restart or a core crash: the working orders the ledger holds go back into the
   * book, as they were (status, filled part, charges already billed). Nothing is reported now; at the
   * first market time the broker learns (an event or `advanceTo`), a DAY order whose session closed
   * in between expires with that reason, a `submitted` one is acknowledged (or refused) after the
   * usual latency, and an `accepted` one takes its place in the queue again — the back of it, as
   * the queue it was in is gone.
   */
  restoreWorkingOrders(orders: readonly Order[]): void {
    for (const order of orders) {
      if (order.status !== 'submitted' && order.status !== 'accepted' && order.status !== 'partiallyFilled') {
        throw new Error(`order ${order.orderId} is ${order.status}; only a working order can be restored`);
      }
      const paper = newPaperOrder(order, this.instruments(order.symbol), false);
      paper.charged = order.filledQuantity > 0;
      if (order.status !== 'submitted') {
        paper.stage = 'pendingActive';
        this.reserveFor(paper);
      }
      this.orders.track(paper);
      this.restored.push(paper);
    }
  }

  /**
   * The feed's health, from the host: while market data is stale or disconnected (`reason` says
   * which) the broker never trades against the book it last saw. Market orders are refused at the
   * acknowledgement with the reason; other orders are accepted but take no liquidity until the next
   * market event of their symbol. `null` when data is live again.
   */
  setMarketDataOutage(reason: string | null): void {
    this.dataOutage = reason;
  }

  /** Sells and buys at the same prices without charges: the positions move, the cash nets to zero. */
  bookTransfer(fills: readonly Fill[]): void {
    for (const fill of fills) {
      const instrument = this.instruments(fill.symbol);
      if (instrument) this.account.applyFill(fill, instrument);
    }
  }

  // ---------------------------------------------------------------- queries

  positions(): BrokerPosition[] {
    return this.account.brokerPositions();
  }

  workingOrders(): Order[] {
    return this.orders.working().map((paper) => paper.order);
  }

  availableFunds(currency: string): number {
    return this.account.availableFunds(currency);
  }

  /** The broker's current copy of an order (status and fills as the broker sees them). */
  order(orderId: OrderId): Order | undefined {
    return this.orders.get(orderId)?.order;
  }

  /** Queue position estimate of a resting limit order (null when it does not rest). */
  queueAhead(orderId: OrderId): number | null {
    return this.orders.get(orderId)?.queueAhead ?? null;
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
    return { nowUs: () => this.currentUs() as TimestampUs };
  }

  // ---------------------------------------------------------------- work

  private run(work: PaperWork): void {
    const paper = this.orders.get(work.orderId);
    if (!paper) return;
    switch (work.kind) {
      case 'ack':
        this.acknowledge(paper);
        break;
      case 'activate':
        if (paper.stage !== 'pendingActive') return;
        paper.stage = 'active';
        if (this.dataOutage !== null) this.awaitingData.add(paper);
        else evaluateOrder(this.venue, paper, null);
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
    const orderId = paper.order.orderId;
    const reason = this.rejectionReason(paper);
    if (reason !== null) {
      this.orders.apply(paper, { type: 'OrderRejected', orderId, tsEvent: this.ts(), reason });
      return;
    }
    paper.stage = 'pendingActive';
    this.orders.apply(
      paper,
      { type: 'OrderAccepted', orderId, tsEvent: this.ts(), brokerOrderId: `paper-${orderId}` },
      (accepted) => this.reserveFor(accepted),
    );
    this.schedule({ kind: 'activate', orderId }, this.config.latency.ackToFillUs);
  }

  private rejectionReason(paper: PaperOrder): string | null {
    const { order, instrument } = paper;
    if (!instrument) return `unknown instrument ${order.symbol}`;
    if (this.dataOutage !== null && order.type === 'market') {
      return `market data ${this.dataOutage}: market orders are refused until it resumes, so none fills at a frozen price`;
    }
    const position = this.account.positions.quantity(order.symbol, order.source);
    const opening = openingQuantity(order.side, order.quantity, position);
    if (opening > 0 && this.sessions.squaredOffToday(instrument.profile, this.nowUs)) {
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
    const remaining = paperRemaining(paper);
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
    const order = paper.order;
    // A modify that lost the race (the order filled, was cancelled or is not acknowledged yet) or
    // would cut the order below what already traded leaves the order as it is.
    if (!allowedEvents(order.status).includes('OrderModified')) return;
    const quantity = changes.quantity ?? order.quantity;
    if (quantity <= order.filledQuantity) return;
    const priceChanged =
      (changes.limitPrice !== undefined && changes.limitPrice !== order.limitPrice) ||
      (changes.stopPrice !== undefined && changes.stopPrice !== order.stopPrice);
    // Exchanges keep time priority only for a pure quantity reduction; any price change or size
    // increase sends the order to the back of the queue.
    if (priceChanged || quantity > order.quantity) paper.queueAhead = null;
    this.orders.apply(
      paper,
      {
        type: 'OrderModified',
        orderId: order.orderId,
        tsEvent: this.ts(),
        quantity: changes.quantity,
        limitPrice: changes.limitPrice,
        stopPrice: changes.stopPrice,
      },
      (modified) => {
        if (modified.stage === 'active') this.reserveFor(modified);
      },
    );
    if (paper.stage === 'active' && paper.queueAhead === null) evaluateOrder(this.venue, paper, null);
  }

  /** The first market time after a restore: expire what the session rules ended, put the rest back to work. */
  private resumeRestored(nowUs: number): void {
    const restored = this.restored;
    this.restored = [];
    this.nowUs = Math.max(this.nowUs, ...restored.map((paper) => paper.order.tsUpdated));
    const startUs = this.nowUs;
    this.nowUs = Math.max(this.nowUs, nowUs);
    for (const paper of restored) {
      const instrument = paper.instrument;
      if (instrument) this.sessions.watch(instrument.profile, startUs);
      const close = instrument ? this.terms(instrument).sessionClose : null;
      // Every order here is DAY or IOC: none outlives the session it was placed in.
      const closed = close !== null && nextWallTimeUs(close, paper.order.tsUpdated) <= this.nowUs;
      if (closed && paper.stage === 'pendingAck') {
        this.finish(
          paper,
          'cancelled',
          'the session closed before the order was acknowledged (core restarted)',
        );
      } else if (closed) {
        this.finish(paper, 'expired', 'session closed while the core was down');
      } else if (paper.stage === 'pendingAck') {
        this.schedule({ kind: 'ack', orderId: paper.order.orderId }, this.config.latency.orderToAckUs);
      } else {
        this.schedule({ kind: 'activate', orderId: paper.order.orderId }, this.config.latency.ackToFillUs);
      }
    }
  }

  // ---------------------------------------------------------------- fills and endings

  private fill(paper: PaperOrder, requested: number, price: Price, liquidity: Fill['liquidity']): void {
    const instrument = paper.instrument;
    if (!instrument || requested <= 0 || paper.stage === 'done') return;
    let quantity = Math.min(requested, paperRemaining(paper));
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
    this.orders.apply(
      paper,
      { type: 'OrderFilled', orderId: fill.orderId, tsEvent: this.ts(), fill },
      (filled) => {
        this.account.applyFill(fill, instrument);
        if (filled.order.status === 'filled') this.account.release(filled.order.orderId);
        else this.reserveFor(filled);
      },
    );
    if (clamped && !isTerminal(paper.order.status))
      this.finish(paper, 'cancelled', 'reduce-only: the position is closed');
  }

  private finish(paper: PaperOrder, outcome: 'cancelled' | 'expired', reason: string): void {
    if (paper.stage === 'done') return;
    const orderId = paper.order.orderId;
    const release = (): void => this.account.release(orderId);
    if (outcome === 'cancelled')
      this.orders.apply(paper, { type: 'OrderCancelled', orderId, tsEvent: this.ts(), reason }, release);
    else this.orders.apply(paper, { type: 'OrderExpired', orderId, tsEvent: this.ts(), reason }, release);
  }

  // ---------------------------------------------------------------- session times

  private onBoundary(boundary: SessionBoundary): void {
    this.sessions.pass(boundary, this.nowUs);
    if (boundary.kind === 'squareOff') this.squareOff(boundary.profile);
    else this.closeSession(boundary.profile);
  }

  /** Intraday square-off: cancel working orders of the market, then close its open positions at market. */
  private squareOff(profile: Instrument['profile']): void {
    for (const paper of this.orders.working()) {
      if (paper.brokerInitiated || paper.instrument?.profile !== profile) continue;
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
      this.events.brokerOrder(order);
      const paper = newPaperOrder(order, instrument, true);
      this.track(paper);
      this.orders.apply(paper, { type: 'OrderSubmitted', orderId: order.orderId, tsEvent: now });
      this.schedule({ kind: 'ack', orderId: order.orderId }, this.config.latency.orderToAckUs);
    }
  }

  /** DAY orders still working at the close expire; one not yet acknowledged is cancelled. */
  private closeSession(profile: Instrument['profile']): void {
    for (const paper of this.orders.working()) {
      if (paper.instrument?.profile !== profile) continue;
      if (paper.stage === 'pendingAck')
        this.finish(paper, 'cancelled', 'session closed before acknowledgement');
      else this.finish(paper, 'expired', 'session close');
    }
  }

  // ---------------------------------------------------------------- helpers

  private terms(instrument: Instrument): MarketTerms {
    return this.config.markets[instrument.profile];
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
    this.orders.track(paper);
    if (paper.instrument) this.sessions.watch(paper.instrument.profile, this.nowUs);
  }

  /** Inside event processing "now" is the broker's event time; outside it is the later of that and the injected clock. */
  private currentUs(): number {
    return this.processing > 0 ? this.nowUs : Math.max(this.nowUs, this.clock.nowUs());
  }

  /**
   * Queues work `delayUs` (plus seeded jitter) from now: the OMS reacting to a fill at 10:00:00.025
   * sends its next order then, even if the caller's clock has already moved on.
   */
  private schedule(work: PaperWork, delayUs: number): void {
    const jitter = this.config.latency.jitterUs > 0 ? this.random.int(this.config.latency.jitterUs + 1) : 0;
    this.work.push(this.currentUs() + delayUs + jitter, work);
  }

  private ts(): TimestampUs {
    return this.nowUs as TimestampUs;
  }
}
