import { afterEach, describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../../src/shared/domain/orderEvents';
import type { Order } from '../../../src/shared/domain/orders';
import { asPrice } from '../../../src/shared/domain/price';
import type { OpenAlgoBroker } from '../../../src/main/brokers/openalgo/openAlgoBroker';
import { startOpenAlgoBroker } from '../../../src/main/brokers/openalgo/openAlgoBroker';
import { OpenAlgoSymbolMap } from '../../../src/main/brokers/openalgo/symbols';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';
import { FakeOpenAlgo } from '../../support/brokers/fakeOpenAlgo';
import { rmsRejectReason } from '../../support/brokers/openAlgoFixtures';
import { until } from '../../support/brokers/until';
import { makeBrokerOrder, startRecordedAdapter } from '../../support/brokers/adapterHarness';

const API_KEY = 'test-openalgo-key-5b1f0c';
const call = optionOf('nse', 'NIFTY', '2026-01-06', 26000, 'CE');
const OPTION = 'NIFTY06JAN2626000CE';

let server: FakeOpenAlgo;
let adapter: OpenAlgoBroker | null = null;

function makeOrder(overrides: Partial<Order> = {}): Order {
  return makeBrokerOrder(call.symbol, { quantity: 65, limitPrice: asPrice(12005), ...overrides });
}

async function start(contracts?: { autoFill?: boolean }) {
  server ??= await new FakeOpenAlgo(API_KEY, [
    { symbol: 'NIFTY', exchange: 'NSE_INDEX', mid: 26010, tick: 0.05, lotSize: 1 },
    { symbol: OPTION, exchange: 'NFO', mid: 120, tick: 0.05, lotSize: 65 },
  ]).start();
  server.autoFill = contracts?.autoFill ?? true;
  return startRecordedAdapter(
    (recorded) =>
      startOpenAlgoBroker({
        host: server.restUrl,
        wsUrl: server.wsUrl,
        apiKey: API_KEY,
        symbols: new OpenAlgoSymbolMap([underlyingOf('nse', 'NIFTY'), call]),
        ...recorded,
      }),
    (started) => (adapter = started),
  );
}

afterEach(async () => {
  await adapter?.close();
  adapter = null;
  await server.stop();
  server = undefined as unknown as FakeOpenAlgo;
});

const placeRequests = (): Record<string, unknown>[] =>
  server.requests.filter((request) => request.endpoint === 'placeorder').map((request) => request.body);

describe('OpenAlgo broker adapter', () => {
  it('sends placeorder with the documented fields and turns the order update into a fill', async () => {
    const { events, broker } = await start();
    const order = makeOrder();
    broker.submit(order);
    await until(() => events.some((event) => event.type === 'OrderFilled'), 'the fill');
    expect(placeRequests()).toEqual([
      {
        apikey: API_KEY,
        strategy: `Scalpdesk ${order.orderId}`,
        symbol: OPTION,
        action: 'BUY',
        exchange: 'NFO',
        pricetype: 'LIMIT',
        product: 'MIS',
        quantity: '65',
        price: '120.05',
        trigger_price: '0',
        disclosed_quantity: '0',
      },
    ]);
    expect(events.map((event) => event.type)).toEqual(['OrderAccepted', 'OrderFilled']);
    const fill = events[1];
    expect(fill.type === 'OrderFilled' && fill.fill).toMatchObject({
      quantity: 65,
      price: 12005,
      side: 'buy',
    });
  });

  it('maps a broker reject to a reason the trader can act on', async () => {
    const { events, broker } = await start();
    server.rejectNextOrder(rmsRejectReason);
    broker.submit(makeOrder());
    await until(() => events.some((event) => event.type === 'OrderRejected'), 'the reject');
    const reject = events.find((event) => event.type === 'OrderRejected');
    expect(reject?.type === 'OrderRejected' && reject.reason).toBe(
      `not enough margin at the broker (OpenAlgo: ${rmsRejectReason})`,
    );
  });

  it('queues orders through a 429 (rate limit) and shows the back-pressure instead of failing', async () => {
    const { events, queue, broker } = await start();
    server.rateLimitNextOrders(1);
    broker.submit(makeOrder());
    broker.submit(makeOrder());
    await until(
      () => events.filter((event) => event.type === 'OrderAccepted').length === 2,
      'both orders accepted',
    );
    expect(events.some((event) => event.type === 'OrderRejected')).toBe(false);
    expect(queue.some((state) => state.lane === 'openalgo orders' && state.pausedUntilMs !== undefined)).toBe(
      true,
    );
    expect(queue.some((state) => state.queued > 0)).toBe(true);
  });

  it('resolves a submission whose answer was lost from the order book, never sending it twice', async () => {
    const { events, broker } = await start({ autoFill: false });
    server.swallowNextOrder();
    broker.submit(makeOrder());
    await until(
      () => events.some((event) => event.type === 'OrderAccepted'),
      'acceptance found in the order book',
    );
    expect(placeRequests()).toHaveLength(1);
    expect(server.requests.some((request) => request.endpoint === 'orderbook')).toBe(true);
    const [orderid] = [...server.orders.keys()];
    expect(events.find((event) => event.type === 'OrderAccepted')).toMatchObject({ brokerOrderId: orderid });
  });

  it('after a restart with an open position and a working order, reconciles before it takes orders', async () => {
    const first = await start({ autoFill: false });
    const working = makeOrder();
    first.broker.submit(working);
    await until(() => first.events.some((event) => event.type === 'OrderAccepted'), 'the working order');
    const filled = makeOrder();
    first.broker.submit(filled);
    await until(
      () => first.events.filter((event) => event.type === 'OrderAccepted').length === 2,
      'second acceptance',
    );
    server.fill([...server.orders.keys()][1]);
    await until(() => first.events.some((event) => event.type === 'OrderFilled'), 'the fill');
    // The workstation restarts (a fresh adapter knows nothing) while the broker restarts too.
    await adapter?.close();
    await server.restart();
    const second = await start({ autoFill: false });
    await until(() => second.snapshots.length > 0, 'the reconciliation snapshot');
    expect(second.snapshots[0].positions).toEqual([{ symbol: call.symbol, quantity: 65 }]);
    expect(second.snapshots[0].foreignWorkingOrders).toMatchObject([
      { symbol: call.symbol, status: 'working', quantity: 65 },
    ]);
  });

  it('refuses orders until the broker has been reconciled', async () => {
    server = await new FakeOpenAlgo(API_KEY, [
      { symbol: OPTION, exchange: 'NFO', mid: 120, tick: 0.05, lotSize: 65 },
    ]).start();
    server.setSilent(true);
    const events: OrderEvent[] = [];
    adapter = startOpenAlgoBroker({
      host: server.restUrl,
      wsUrl: server.wsUrl,
      apiKey: API_KEY,
      symbols: new OpenAlgoSymbolMap([call]),
      onEvent: (event) => events.push(event),
    });
    adapter.broker.submit(makeOrder());
    await until(() => events.length === 1, 'the refusal');
    expect(events[0]).toMatchObject({
      type: 'OrderRejected',
      reason: expect.stringMatching(/not reconciled with OpenAlgo yet/),
    });
    expect(placeRequests()).toHaveLength(0);
  });
});
