import type { OrderId } from '../../../shared/domain/ids';
import { asFillId } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Order } from '../../../shared/domain/orders';
import { asPrice } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import type { BrokerCapabilities, BrokerGateway, OrderModification } from './orderGateway';
import { BrokerRequestError } from '../rest/brokerRequestError';
import type { Venue, VenueOrder, VenuePosition } from './venue';

/**
 * A real broker behind the OMS's `BrokerGateway`, the same for OpenAlgo and Alpaca:
 * - Orders are refused until `reconcile()` has read the broker's orders and positions (after a start
 *   or a reconnect the workstation trades only on what the broker says it holds).
 * - Submission is idempotent. Where the broker keeps our client order id it is the order's id; where
 *   it does not (OpenAlgo), a request without an answer leaves the order "submitted, outcome
 *   unknown" and the broker's order book is read to find it. It is never sent again blindly: a
 *   duplicate scalp is worse than a missed one.
 * - Fills are derived from the broker's cumulative filled quantity and average price, so an update
 *   seen twice (stream and poll) or late (after a reconnect) yields each fill once.
 */

export type RealBrokerState = 'reconciling' | 'ready' | 'credentialsRefused';

export interface ReconciliationSnapshot {
  readonly positions: readonly VenuePosition[];
  /** Working orders at the broker that this workstation did not place (or lost track of). */
  readonly foreignWorkingOrders: readonly VenueOrder[];
}

export interface RealBrokerOptions {
  readonly venue: Venue;
  readonly capabilities: BrokerCapabilities;
  readonly instruments: (symbol: string) => Instrument | undefined;
  readonly onEvent: (event: OrderEvent) => void;
  readonly nowUs: () => TimestampUs;
  /** Broker words → what the trader reads (an unknown message passes through unchanged). */
  readonly explainReject?: (message: string) => string;
  /** Delays between order-book reads when a submission's outcome is unknown. */
  readonly unknownOutcomeChecksMs?: readonly number[];
  readonly onState?: (state: RealBrokerState, detail: string) => void;
  /** After every reconciliation (start, each reconnect of the order stream, a restore). */
  readonly onReconciled?: (snapshot: ReconciliationSnapshot) => void;
  readonly log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

interface Tracked {
  order: Order;
  readonly instrument: Instrument;
  brokerOrderId: string | null;
  accepted: boolean;
  filledQuantity: number;
  /** Sum of fill price × quantity in broker decimal units, to derive each fill's price. */
  filledValue: number;
  fills: number;
  done: boolean;
  outcomeUnknown: boolean;
  /** Reloaded from the ledger after a restart: found in the broker's order book at the next reconciliation. */
  restored: boolean;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class RealBroker implements BrokerGateway {
  readonly capabilities: BrokerCapabilities;
  private readonly tracked = new Map<OrderId, Tracked>();
  private readonly byBrokerId = new Map<string, Tracked>();
  /** Broker order ids that existed before a submission: never taken for it when its outcome is unknown. */
  private readonly preexisting = new Set<string>();
  /**
   * Updates for broker ids not yet bound to an order: the stream can beat the REST answer that names
   * the id, so the latest such update is kept and applied once the id is known.
   */
  private readonly unmatched = new Map<string, VenueOrder>();
  private stateValue: RealBrokerState = 'reconciling';
  private lastPositions: readonly VenuePosition[] = [];
  private lastForeign: readonly VenueOrder[] = [];
  private lastFunds: number | null = null;

  constructor(private readonly options: RealBrokerOptions) {
    this.capabilities = options.capabilities;
  }

  get state(): RealBrokerState {
    return this.stateValue;
  }

  /** The broker's net positions as last read. */
  positions(): readonly VenuePosition[] {
    return this.lastPositions;
  }

  /** Buying power in the account currency (decimal) as last read; null before the first read. */
  funds(): number | null {
    return this.lastFunds;
  }

  /** Re-reads the buying power (after a fill); a failed read keeps the last value. */
  refreshFunds(): void {
    this.options.venue.availableFunds().then(
      (funds) => (this.lastFunds = funds),
      () => undefined,
    );
  }

  /**
   * Orders we placed that are still working, in their current state, followed by the broker's
   * working orders this workstation did not place (named `<broker>:<broker order id>`, so the
   * ledger's reconciliation reports them rather than taking them for its own).
   */
  workingOrders(): Order[] {
    const ours = [...this.tracked.values()]
      .filter((entry) => !entry.done)
      .map((entry): Order => {
        const status = !entry.accepted
          ? 'submitted'
          : entry.filledQuantity > 0
            ? 'partiallyFilled'
            : 'accepted';
        return { ...entry.order, status, filledQuantity: entry.filledQuantity };
      });
    const foreign = this.lastForeign
      .filter((row) => !this.byBrokerId.has(row.brokerOrderId))
      .map((row): Order => ({
        orderId: `${this.options.venue.name}:${row.brokerOrderId}` as OrderId,
        symbol: (row.symbol ?? `${this.options.venue.name}:unknown`) as Order['symbol'],
        side: row.side,
        type: row.limitPrice === undefined ? 'market' : 'limit',
        quantity: row.quantity,
        timeInForce: 'DAY',
        source: 'manual',
        status: row.filledQuantity > 0 ? 'partiallyFilled' : 'accepted',
        filledQuantity: row.filledQuantity,
        filledNotional: 0,
        tsCreated: 0 as TimestampUs,
        tsUpdated: 0 as TimestampUs,
      }));
    return [...ours, ...foreign];
  }

  /**
   * After a restart: the orders the ledger holds as working. They are tracked again and found in the
   * broker's order book at the next reconciliation (by client order id where the broker keeps one,
   * else by symbol, side, quantity and price); one the broker no longer has is reported cancelled.
   */
  restore(orders: readonly Order[]): void {
    for (const order of orders) {
      if (this.tracked.has(order.orderId)) continue;
      const instrument = this.options.instruments(order.symbol);
      if (!instrument) continue;
      this.tracked.set(order.orderId, {
        order,
        instrument,
        brokerOrderId: null,
        accepted: order.status !== 'submitted',
        filledQuantity: order.filledQuantity,
        filledValue: order.filledNotional / 10 ** instrument.priceDecimals,
        fills: 0,
        done: false,
        outcomeUnknown: false,
        restored: true,
      });
    }
  }

  submit(order: Order): void {
    const instrument = this.options.instruments(order.symbol);
    queueMicrotask(() => void this.place(order, instrument));
  }

  cancel(orderId: OrderId): void {
    const entry = this.tracked.get(orderId);
    if (!entry || entry.done) return;
    queueMicrotask(() => {
      if (entry.brokerOrderId === null) {
        this.options.log?.('warn', `cancel of ${orderId} waits: the broker has not acknowledged it yet`);
        return;
      }
      this.options.venue.cancel(entry.brokerOrderId, entry.order, entry.instrument).catch((error: Error) => {
        this.options.log?.(
          'warn',
          `cancel of ${orderId} at ${this.options.venue.name} failed: ${this.reason(error)}`,
        );
      });
    });
  }

  modify(orderId: OrderId, changes: OrderModification): void {
    const entry = this.tracked.get(orderId);
    if (!entry || entry.done || entry.brokerOrderId === null) return;
    const brokerOrderId = entry.brokerOrderId;
    queueMicrotask(() => {
      this.options.venue.modify(brokerOrderId, entry.order, entry.instrument, changes).then(
        (result) => {
          if (result.brokerOrderId !== undefined && result.brokerOrderId !== brokerOrderId)
            this.bind(entry, result.brokerOrderId);
          if (changes.quantity !== undefined) entry.order = { ...entry.order, quantity: changes.quantity };
          this.emit({
            type: 'OrderModified',
            orderId,
            tsEvent: this.options.nowUs(),
            ...(changes.quantity === undefined ? {} : { quantity: changes.quantity }),
            ...(changes.limitPrice === undefined ? {} : { limitPrice: changes.limitPrice }),
            ...(changes.stopPrice === undefined ? {} : { stopPrice: changes.stopPrice }),
          });
        },
        (error: Error) =>
          this.options.log?.(
            'warn',
            `modify of ${orderId} refused by ${this.options.venue.name}: ${this.reason(error)}`,
          ),
      );
    });
  }

  /**
   * Reads the broker's orders and positions, applies what changed to the orders we track (fills
   * missed while disconnected arrive now), and opens order entry. Call after start and after every
   * reconnect of the order stream.
   */
  async reconcile(): Promise<ReconciliationSnapshot> {
    this.setState('reconciling', `reading orders and positions from ${this.options.venue.name}`);
    try {
      const [orders, positions, funds] = await Promise.all([
        this.options.venue.listOrders(),
        this.options.venue.listPositions(),
        this.options.venue.availableFunds().catch(() => this.lastFunds),
      ]);
      this.bindRestored(orders);
      const foreign: VenueOrder[] = [];
      for (const row of orders) {
        this.preexisting.add(row.brokerOrderId);
        if (!this.apply(row) && (row.status === 'working' || row.status === 'pending')) foreign.push(row);
      }
      this.lastPositions = positions;
      this.lastForeign = foreign;
      this.lastFunds = funds;
      this.setState(
        'ready',
        `${this.options.venue.name}: ${positions.filter((p) => p.quantity !== 0).length} open positions, ${foreign.length} working orders placed elsewhere`,
      );
      const snapshot = { positions, foreignWorkingOrders: foreign };
      this.options.onReconciled?.(snapshot);
      return snapshot;
    } catch (error) {
      if (error instanceof BrokerRequestError && error.kind === 'credentials')
        this.setState('credentialsRefused', error.message);
      throw error;
    }
  }

  /** Binds each restored order to its row in the broker's order book; one not there any more ends cancelled. */
  private bindRestored(rows: readonly VenueOrder[]): void {
    for (const entry of this.tracked.values()) {
      if (!entry.restored || entry.brokerOrderId !== null || entry.done) continue;
      entry.restored = false;
      const match = rows.find((row) => this.matches(entry, row, true));
      if (match) this.bind(entry, match.brokerOrderId);
      else
        this.finish(entry, {
          type: 'OrderCancelled',
          orderId: entry.order.orderId,
          tsEvent: this.options.nowUs(),
          reason: `not in the ${this.options.venue.name} order book after the restart`,
        });
    }
  }

  /** An order update from the broker's stream or a poll. Returns whether it concerned an order we track. */
  apply(row: VenueOrder): boolean {
    const entry =
      this.byBrokerId.get(row.brokerOrderId) ??
      (row.clientOrderId ? this.tracked.get(row.clientOrderId as OrderId) : undefined);
    if (!entry) {
      this.unmatched.delete(row.brokerOrderId);
      this.unmatched.set(row.brokerOrderId, row);
      if (this.unmatched.size > 500) this.unmatched.delete(this.unmatched.keys().next().value as string);
      return false;
    }
    if (entry.brokerOrderId === null) this.bind(entry, row.brokerOrderId);
    if (entry.done) return true;
    const ts = this.options.nowUs();
    if (row.status === 'rejected') {
      this.finish(entry, {
        type: 'OrderRejected',
        orderId: entry.order.orderId,
        tsEvent: ts,
        reason: this.explain(row.rejectReason ?? 'rejected by the broker'),
      });
      return true;
    }
    if (!entry.accepted) this.accept(entry, row.brokerOrderId);
    if (row.filledQuantity > entry.filledQuantity) {
      const quantity = row.filledQuantity - entry.filledQuantity;
      const totalValue = row.averagePrice * row.filledQuantity;
      const price = (totalValue - entry.filledValue) / quantity;
      entry.filledQuantity = row.filledQuantity;
      entry.filledValue = totalValue;
      entry.fills++;
      const fill = {
        fillId: asFillId(`${row.brokerOrderId}-F${entry.fills}`),
        orderId: entry.order.orderId,
        symbol: entry.order.symbol,
        side: entry.order.side,
        quantity,
        price: asPrice(Math.round(price * 10 ** entry.instrument.priceDecimals)),
        tsEvent: ts,
        source: entry.order.source,
        // Brokers report charges on the contract note, not per fill: the ledger's charge model estimates them.
        charges: 0,
        liquidity: 'taker' as const,
      };
      this.emit({ type: 'OrderFilled', orderId: entry.order.orderId, tsEvent: ts, fill });
      if (entry.filledQuantity >= entry.order.quantity) entry.done = true;
    }
    if (!entry.done && (row.status === 'cancelled' || row.status === 'expired'))
      this.finish(
        entry,
        row.status === 'cancelled'
          ? {
              type: 'OrderCancelled',
              orderId: entry.order.orderId,
              tsEvent: ts,
              reason: `cancelled at ${this.options.venue.name}`,
            }
          : { type: 'OrderExpired', orderId: entry.order.orderId, tsEvent: ts },
      );
    return true;
  }

  /**
   * While the broker's order stream is down the order book is the only source of fills: read it
   * every `intervalMs` whenever orders are working. Returns the stop function.
   */
  pollWhileStreamDown(streamLive: () => boolean, intervalMs: number): () => void {
    const timer = setInterval(() => {
      if (streamLive() || this.workingOrderIds().length === 0) return;
      this.options.venue.listOrders().then(
        (rows) => rows.forEach((row) => this.apply(row)),
        () => undefined,
      );
    }, intervalMs);
    return () => clearInterval(timer);
  }

  /** Working orders we placed that are still open (for a status view and for tests). */
  workingOrderIds(): OrderId[] {
    return [...this.tracked.values()].filter((entry) => !entry.done).map((entry) => entry.order.orderId);
  }

  private async place(order: Order, instrument: Instrument | undefined): Promise<void> {
    const ts = this.options.nowUs();
    if (!instrument) {
      this.emit({
        type: 'OrderRejected',
        orderId: order.orderId,
        tsEvent: ts,
        reason: `${order.symbol} is not an instrument of this broker session`,
      });
      return;
    }
    if (this.stateValue !== 'ready') {
      this.emit({
        type: 'OrderRejected',
        orderId: order.orderId,
        tsEvent: ts,
        reason:
          this.stateValue === 'credentialsRefused'
            ? `${this.options.venue.name} refused the credentials; fix the key before trading`
            : `not reconciled with ${this.options.venue.name} yet; orders open once its orders and positions are read`,
      });
      return;
    }
    const entry: Tracked = {
      order,
      instrument,
      brokerOrderId: null,
      accepted: false,
      filledQuantity: 0,
      filledValue: 0,
      fills: 0,
      done: false,
      outcomeUnknown: false,
      restored: false,
    };
    this.tracked.set(order.orderId, entry);
    try {
      const { brokerOrderId } = await this.options.venue.place(order, instrument);
      this.bind(entry, brokerOrderId);
      if (!entry.accepted && !entry.done) this.accept(entry, brokerOrderId);
      const early = this.unmatched.get(brokerOrderId);
      if (early) {
        this.unmatched.delete(brokerOrderId);
        this.apply(early);
      }
    } catch (error) {
      if (error instanceof BrokerRequestError && error.kind === 'unknown') {
        entry.outcomeUnknown = true;
        this.options.log?.(
          'warn',
          `${order.orderId}: ${error.message}; reading the ${this.options.venue.name} order book before anything else`,
        );
        await this.resolveUnknown(entry);
        return;
      }
      if (error instanceof BrokerRequestError && error.kind === 'credentials')
        this.setState('credentialsRefused', error.message);
      this.finish(entry, {
        type: 'OrderRejected',
        orderId: order.orderId,
        tsEvent: this.options.nowUs(),
        reason: this.reason(error as Error),
      });
    }
  }

  /** Finds an order whose submission got no answer; it is never re-sent. */
  private async resolveUnknown(entry: Tracked): Promise<void> {
    const checks = this.options.unknownOutcomeChecksMs ?? [250, 1000, 2000];
    for (const delayMs of checks) {
      await sleep(delayMs);
      if (entry.brokerOrderId !== null || entry.done) return;
      let rows: VenueOrder[];
      try {
        rows = await this.options.venue.listOrders();
      } catch (error) {
        this.options.log?.(
          'warn',
          `order book read for ${entry.order.orderId} failed: ${(error as Error).message}`,
        );
        continue;
      }
      const match = rows.find((row) => this.matches(entry, row));
      if (match) {
        this.bind(entry, match.brokerOrderId);
        this.apply(match);
        if (!entry.accepted && !entry.done) this.accept(entry, match.brokerOrderId);
        return;
      }
    }
    this.finish(entry, {
      type: 'OrderRejected',
      orderId: entry.order.orderId,
      tsEvent: this.options.nowUs(),
      reason: `${this.options.venue.name} did not confirm the order and it is not in its order book after ${checks.length} checks; it was not sent again — check the broker before placing it again`,
    });
  }

  /** `restored`: the order was placed before this session, so rows already in the book may be it. */
  private matches(entry: Tracked, row: VenueOrder, restored = false): boolean {
    if (this.byBrokerId.has(row.brokerOrderId)) return false;
    if (this.options.venue.keepsClientOrderId) return row.clientOrderId === entry.order.orderId;
    if (!restored && this.preexisting.has(row.brokerOrderId)) return false;
    const limit =
      entry.order.limitPrice === undefined
        ? undefined
        : entry.order.limitPrice / 10 ** entry.instrument.priceDecimals;
    return (
      row.symbol === entry.order.symbol &&
      row.side === entry.order.side &&
      row.quantity === entry.order.quantity &&
      (limit === undefined || row.limitPrice === undefined || Math.abs(row.limitPrice - limit) < 1e-9)
    );
  }

  private bind(entry: Tracked, brokerOrderId: string): void {
    entry.brokerOrderId = brokerOrderId;
    entry.outcomeUnknown = false;
    this.byBrokerId.set(brokerOrderId, entry);
  }

  private accept(entry: Tracked, brokerOrderId: string): void {
    entry.accepted = true;
    this.emit({
      type: 'OrderAccepted',
      orderId: entry.order.orderId,
      tsEvent: this.options.nowUs(),
      brokerOrderId,
    });
  }

  private finish(entry: Tracked, event: OrderEvent): void {
    entry.done = true;
    this.emit(event);
  }

  private emit(event: OrderEvent): void {
    this.options.onEvent(event);
  }

  private setState(state: RealBrokerState, detail: string): void {
    this.stateValue = state;
    this.options.onState?.(state, detail);
  }

  private explain(message: string): string {
    return this.options.explainReject ? this.options.explainReject(message) : message;
  }

  private reason(error: Error): string {
    return error instanceof BrokerRequestError ? this.explain(error.message) : error.message;
  }
}
