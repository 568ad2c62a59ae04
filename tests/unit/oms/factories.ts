import type { IdGenerator, OrderId, Symbol } from '../../../src/shared/domain/ids';
import { asFillId, asOrderId, createSequentialIds } from '../../../src/shared/domain/ids';
import type { OptionInstrument } from '../../../src/shared/domain/instrument';
import { optionSymbol } from '../../../src/shared/domain/instrument';
import type {
  BookLevel,
  DepthEvent,
  QuoteEvent,
  Side,
  TradeEvent,
} from '../../../src/shared/domain/marketEvents';
import type { Fill, Order, OrderRequest, OrderStatus } from '../../../src/shared/domain/orders';
import type { Price } from '../../../src/shared/domain/price';
import { asPrice } from '../../../src/shared/domain/price';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { ManualClock } from '../../../src/shared/domain/time';
import { parseIsoDate, parseTimeOfDay } from '../../../src/shared/domain/instruments/civilDate';
import { zonedToUtcUs } from '../../../src/shared/domain/instruments/timeZones';
import type { BrokerCapabilities } from '../../../src/main/trading/broker/broker';
import type { OrderJournal } from '../../../src/main/trading/oms/orderJournal';
import { MemoryOrderJournal } from '../../../src/main/trading/oms/orderJournal';
import type { OrderManagerOptions } from '../../../src/main/trading/oms/orderManager';
import { OrderManager } from '../../../src/main/trading/oms/orderManager';
import type { PaperBrokerConfig } from '../../../src/main/trading/broker/paper/paperConfig';
import { PaperBroker } from '../../../src/main/trading/broker/paper/paperBroker';

/** NIFTY weekly call: tick 0.05 (5 units), lot 65, freeze 1755 (27 lots; a fixture value, the real one lives in resources/instruments). */
export function makeNseOption(overrides: Partial<OptionInstrument> = {}): OptionInstrument {
  return {
    symbol: optionSymbol('NIFTY', '2026-11-24', 24000, 'CE'),
    kind: 'option',
    exchange: 'NFO',
    profile: 'nse',
    priceDecimals: 2,
    tickUnits: 5,
    lotSize: 65,
    multiplier: 1,
    freezeQuantity: 1755,
    currency: 'INR',
    underlying: 'NIFTY' as Symbol,
    expiry: '2026-11-24',
    strike: 24000,
    right: 'CE',
    ...overrides,
  };
}

/** TSLA weekly call: penny tick, 1 contract = 100 shares, no freeze limit. */
export function makeUsOption(overrides: Partial<OptionInstrument> = {}): OptionInstrument {
  return {
    symbol: optionSymbol('TSLA', '2026-11-20', 250, 'CE'),
    kind: 'option',
    exchange: 'OPRA',
    profile: 'us',
    priceDecimals: 2,
    tickUnits: 1,
    lotSize: 1,
    multiplier: 100,
    freezeQuantity: 0,
    currency: 'USD',
    underlying: 'TSLA' as Symbol,
    expiry: '2026-11-20',
    strike: 250,
    right: 'CE',
    ...overrides,
  };
}

/** A wall-clock time in an exchange zone as µs: ist('2026-11-20', '10:00'). */
export function ist(date: string, time: string, extraUs = 0): TimestampUs {
  return (zonedToUtcUs('Asia/Kolkata', parseIsoDate(date), parseTimeOfDay(time)) + extraUs) as TimestampUs;
}

export function et(date: string, time: string, extraUs = 0): TimestampUs {
  return (zonedToUtcUs('America/New_York', parseIsoDate(date), parseTimeOfDay(time)) +
    extraUs) as TimestampUs;
}

export const p = (units: number): Price => asPrice(units);

export function makeOrderRequest(overrides: Partial<OrderRequest> = {}): OrderRequest {
  return {
    symbol: makeNseOption().symbol,
    side: 'buy',
    type: 'limit',
    quantity: 65,
    limitPrice: p(10000),
    timeInForce: 'DAY',
    source: 'manual',
    ...overrides,
  };
}

export function makeOrder(status: OrderStatus = 'new', overrides: Partial<Order> = {}): Order {
  return {
    ...makeOrderRequest(),
    orderId: asOrderId('order-1'),
    status,
    filledQuantity: 0,
    filledNotional: 0,
    tsCreated: 1 as TimestampUs,
    tsUpdated: 1 as TimestampUs,
    ...overrides,
  };
}

export function makeAcceptedOrder(overrides: Partial<Order> = {}): Order {
  return makeOrder('accepted', overrides);
}

export function makeFill(overrides: Partial<Fill> = {}): Fill {
  return {
    fillId: asFillId('fill-1'),
    orderId: asOrderId('order-1'),
    symbol: makeNseOption().symbol,
    side: 'buy',
    quantity: 65,
    price: p(10000),
    tsEvent: 2 as TimestampUs,
    source: 'manual',
    charges: 0,
    liquidity: 'taker',
    ...overrides,
  };
}

const levels = (rows: ReadonlyArray<readonly [number, number]>): BookLevel[] =>
  rows.map(([price, size]) => ({ price: p(price), size }));

export function makeDepth(
  symbol: Symbol,
  tsEvent: number,
  bids: ReadonlyArray<readonly [number, number]>,
  asks: ReadonlyArray<readonly [number, number]>,
): DepthEvent {
  return { type: 'depth', symbol, tsEvent: tsEvent as TimestampUs, bids: levels(bids), asks: levels(asks) };
}

export function makeQuote(
  symbol: Symbol,
  tsEvent: number,
  bid: number,
  bidSize: number,
  ask: number,
  askSize: number,
): QuoteEvent {
  return {
    type: 'quote',
    symbol,
    tsEvent: tsEvent as TimestampUs,
    bidPrice: p(bid),
    bidSize,
    askPrice: p(ask),
    askSize,
  };
}

export function makeTrade(
  symbol: Symbol,
  tsEvent: number,
  price: number,
  size: number,
  aggressor: Side | 'unknown' = 'unknown',
): TradeEvent {
  return { type: 'trade', symbol, tsEvent: tsEvent as TimestampUs, price: p(price), size, aggressor };
}

/**
 * The OMS wired to a real paper broker, as the core worker wires them: broker events go to the
 * OMS, broker-initiated orders are adopted, funds come from the paper account.
 */
export interface Desk {
  readonly clock: ManualClock;
  readonly ids: IdGenerator;
  readonly oms: OrderManager;
  readonly broker: PaperBroker;
  readonly journal: MemoryOrderJournal;
  /** Moves time: the broker processes work due by then. */
  at(tsUs: number): void;
  /** Feeds one market event to the broker, then to the OMS. */
  feed(event: DepthEvent | QuoteEvent | TradeEvent): void;
  order(orderId: OrderId): Order;
}

function bothJournals(first: OrderJournal, second: OrderJournal): OrderJournal {
  return {
    orderCreated(order) {
      first.orderCreated(order);
      second.orderCreated(order);
    },
    orderEvent(order, event, instrument) {
      first.orderEvent(order, event, instrument);
      second.orderEvent(order, event, instrument);
    },
  };
}

export function makeDesk(
  options: {
    readonly start?: number;
    readonly instruments?: readonly OptionInstrument[];
    readonly broker?: Partial<PaperBrokerConfig>;
    readonly capabilities?: BrokerCapabilities;
    readonly oms?: Partial<Pick<OrderManagerOptions, 'limits'>>;
    readonly withFunds?: boolean;
    /** A second journal the OMS writes to besides the in-memory one (e.g. the core's ledger journal). */
    readonly alsoJournal?: OrderJournal;
  } = {},
): Desk {
  const clock = new ManualClock((options.start ?? ist('2026-11-20', '10:00')) as TimestampUs);
  const ids = createSequentialIds();
  const instruments = new Map<string, OptionInstrument>();
  for (const instrument of options.instruments ?? [makeNseOption(), makeUsOption()])
    instruments.set(instrument.symbol, instrument);
  const lookup = (symbol: Symbol) => instruments.get(symbol);
  const journal = new MemoryOrderJournal();
  let oms: OrderManager | null = null;
  const broker = new PaperBroker({
    clock,
    ids,
    instruments: lookup,
    events: {
      orderEvent: (event) => oms?.onOrderEvent(event),
      brokerOrder: (order) => oms?.adoptBrokerOrder(order),
    },
    config: {
      latency: { orderToAckUs: 0, ackToFillUs: 0, cancelUs: 0, jitterUs: 0 },
      ...(options.capabilities ? { capabilities: options.capabilities } : {}),
      ...options.broker,
    },
  });
  oms = new OrderManager({
    clock: broker.eventClock(),
    ids,
    instruments: lookup,
    broker,
    journal: options.alsoJournal ? bothJournals(journal, options.alsoJournal) : journal,
    limits: options.oms?.limits,
    funds: options.withFunds === false ? undefined : broker,
  });
  const desk: Desk = {
    clock,
    ids,
    oms,
    broker,
    journal,
    at(tsUs) {
      if (tsUs > clock.nowUs()) clock.set(tsUs as TimestampUs);
      broker.advanceTo(tsUs);
    },
    feed(event) {
      if (event.tsEvent > clock.nowUs()) clock.set(event.tsEvent);
      broker.onMarketEvent(event);
      (oms as OrderManager).onMarketEvent(event);
    },
    order(orderId) {
      const order = (oms as OrderManager).order(orderId);
      if (!order) throw new Error(`no order ${orderId}`);
      return order;
    },
  };
  return desk;
}
