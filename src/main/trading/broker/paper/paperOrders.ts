import type { OrderId, Symbol } from '../../../../shared/domain/ids';
import type { Instrument } from '../../../../shared/domain/instrument';
import type { Order } from '../../../../shared/domain/orders';
import type { OrderEvent } from '../../../../shared/domain/orderEvents';
import { applyOrderEvent, isTerminal, remainingQuantity } from '../../oms/orderTransitions';

/**
 * Where a paper order is in the broker's own pipeline; the order's status is separate and moves
 * only through the transition table. `pendingAck` waits for the acknowledgement latency,
 * `pendingActive` for the first-trade latency; `active` can trade; `done` is a terminal status.
 */
export type PaperStage = 'pendingAck' | 'pendingActive' | 'active' | 'done';

export interface PaperOrder {
  /** The broker's copy of the order; changed only by `PaperOrders.apply`. */
  order: Order;
  readonly instrument: Instrument | undefined;
  stage: PaperStage;
  /** A stop has seen its trigger price trade. */
  triggered: boolean;
  /** Resting limit: displayed size ahead of us at our price; null until the order rests. */
  queueAhead: number | null;
  readonly brokerInitiated: boolean;
  /** Per-order charges (NSE brokerage) billed with the first fill. */
  charged: boolean;
}

export function newPaperOrder(
  order: Order,
  instrument: Instrument | undefined,
  brokerInitiated: boolean,
): PaperOrder {
  return {
    order,
    instrument,
    stage: isTerminal(order.status) ? 'done' : 'pendingAck',
    triggered: false,
    queueAhead: null,
    brokerInitiated,
    charged: false,
  };
}

export function paperRemaining(paper: PaperOrder): number {
  return remainingQuantity(paper.order);
}

/**
 * The paper broker's orders, by id and by symbol in submission order. Every status change goes
 * through `apply`: the same transition table as the OMS (an illegal move throws
 * IllegalOrderTransitionError before anything is reported), then the event is reported.
 */
export class PaperOrders {
  private readonly byId = new Map<OrderId, PaperOrder>();
  private readonly bySymbol = new Map<Symbol, PaperOrder[]>();

  constructor(private readonly report: (event: OrderEvent) => void) {}

  /**
   * Moves an order along a row of the transition table, lets `settle` book what follows from it
   * (margin reserved or released) and then reports the event, so whoever reacts to the report sees
   * the account already settled.
   */
  apply(paper: PaperOrder, event: OrderEvent, settle?: (paper: PaperOrder) => void): void {
    paper.order = applyOrderEvent(paper.order, event);
    if (isTerminal(paper.order.status)) paper.stage = 'done';
    settle?.(paper);
    this.report(event);
  }

  track(paper: PaperOrder): void {
    if (this.byId.has(paper.order.orderId)) throw new Error(`order ${paper.order.orderId} is already known`);
    this.byId.set(paper.order.orderId, paper);
    const list = this.bySymbol.get(paper.order.symbol) ?? [];
    list.push(paper);
    this.bySymbol.set(paper.order.symbol, list);
  }

  get(orderId: OrderId): PaperOrder | undefined {
    return this.byId.get(orderId);
  }

  has(orderId: OrderId): boolean {
    return this.byId.has(orderId);
  }

  /** Every order not yet done, in submission order (a copy: callers may finish orders while iterating). */
  working(): PaperOrder[] {
    return [...this.byId.values()].filter((paper) => paper.stage !== 'done');
  }

  /** Working orders of a symbol in submission order; finished ones are pruned from the index. */
  workingOf(symbol: Symbol): PaperOrder[] {
    const list = this.bySymbol.get(symbol);
    if (!list) return [];
    const working = list.filter((paper) => paper.stage !== 'done');
    this.bySymbol.set(symbol, working);
    return [...working];
  }
}
