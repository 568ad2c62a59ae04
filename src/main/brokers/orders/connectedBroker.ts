import type { OrderId } from '../../../shared/domain/ids';
import { asSymbol } from '../../../shared/domain/ids';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Order } from '../../../shared/domain/orders';
import type { TimestampUs } from '../../../shared/domain/time';
import type { Broker, BrokerContext, BrokerPosition } from '../../trading/broker/broker';
import type { BrokerAdapter, BrokerAdapterOptions } from './brokerAdapter';
import type { BrokerCapabilities, OrderModification } from './orderGateway';

/**
 * A real broker as the desk's `Broker` (the kernel's seam), around an adapter (`startBrokerAdapter`):
 * - orders go out through the adapter's `RealBroker` (idempotent submission, reconciliation gate);
 * - its order events go to the desk, and fills also move the positions held here between two reads
 *   of the broker's position book (each reconciliation replaces them with what the broker says);
 * - market data is the feed's business: the real exchange matches, so `onMarketEvent` and
 *   `advanceTo` have nothing to do;
 * - after a restart the ledger's working orders are found again in the broker's order book, and the
 *   core is told each time the broker's orders and positions have been read (`onReconciled`), so it
 *   compares them with the ledger before the engine may trade.
 */
export type StartAdapter = (options: BrokerAdapterOptions) => BrokerAdapter;

/** Minor units per unit of the account currency: paise per rupee and cents per dollar alike. */
const MINOR_UNITS = 100;

export class ConnectedBroker implements Broker {
  readonly capabilities: BrokerCapabilities;
  readonly adapter: BrokerAdapter;
  private readonly held = new Map<string, number>();
  private readonly listeners: Array<() => void> = [];
  private reconciledSinceRestore = false;

  constructor(
    private readonly context: BrokerContext,
    start: StartAdapter,
    options: Omit<BrokerAdapterOptions, 'onEvent' | 'nowUs' | 'onReconciled'> = {},
  ) {
    this.adapter = start({
      ...options,
      onEvent: (event) => this.onEvent(event),
      // Market time (the broker feed's own timestamps) once it runs; the wall clock before the first tick.
      nowUs: () => (context.clock.nowUs() || Date.now() * 1000) as TimestampUs,
      onReconciled: (snapshot) => {
        this.held.clear();
        for (const position of snapshot.positions) this.held.set(position.symbol, position.quantity);
        this.reconciledSinceRestore = true;
        for (const listener of this.listeners) listener();
      },
    });
    this.capabilities = this.adapter.broker.capabilities;
  }

  /** Whether the broker's orders and positions have been read since start (and since the last restore). */
  get reconciled(): boolean {
    return this.reconciledSinceRestore && this.adapter.broker.state === 'ready';
  }

  /** Called after every reconciliation: start, each reconnect of the order stream, a restore. */
  onReconciled(listener: () => void): void {
    this.listeners.push(listener);
  }

  place(order: Order): void {
    this.adapter.broker.submit(order);
  }

  cancel(orderId: OrderId): void {
    this.adapter.broker.cancel(orderId);
  }

  modify(orderId: OrderId, changes: OrderModification): void {
    this.adapter.broker.modify(orderId, changes);
  }

  onMarketEvent(): void {}

  advanceTo(): void {}

  /** The broker's buying power; unknown before the first read, when the broker itself decides. */
  availableFunds(): number {
    const funds = this.adapter.broker.funds();
    return funds === null ? Number.POSITIVE_INFINITY : Math.round(funds * MINOR_UNITS);
  }

  positions(): BrokerPosition[] {
    return [...this.held]
      .filter(([, quantity]) => quantity !== 0)
      .map(([symbol, quantity]) => ({ symbol: asSymbol(symbol), source: 'manual', quantity }));
  }

  workingOrders(): Order[] {
    return this.adapter.broker.workingOrders();
  }

  restoreWorkingOrders(orders: readonly Order[]): void {
    this.adapter.broker.restore(orders);
    if (orders.length === 0) return;
    this.reconciledSinceRestore = false;
    // Read the order book now if the stream is already up; otherwise its authentication will.
    if (this.adapter.broker.state === 'ready') void this.adapter.broker.reconcile().catch(() => undefined);
  }

  /** The broker's positions are its own: nothing from the ledger is booked here. */
  loadPositions(): void {}

  /** The real exchange matches orders, so a stale feed does not stop order entry here (the engine's gate does). */
  setMarketDataOutage(): void {}

  close(): Promise<void> {
    return this.adapter.close();
  }

  private onEvent(event: OrderEvent): void {
    if (event.type === 'OrderFilled') {
      const fill = event.fill;
      const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
      this.held.set(fill.symbol, (this.held.get(fill.symbol) ?? 0) + signed);
      this.adapter.broker.refreshFunds();
    }
    this.context.events.orderEvent(event);
  }
}
