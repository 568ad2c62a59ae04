import { afterEach, describe, expect, it } from 'vitest';
import type { Order } from '../../../src/shared/domain/orders';
import { asPrice } from '../../../src/shared/domain/price';
import type { AlpacaBroker } from '../../../src/main/brokers/alpaca/alpacaBroker';
import { startAlpacaBroker } from '../../../src/main/brokers/alpaca/alpacaBroker';
import { AlpacaSymbolMap } from '../../../src/main/brokers/alpaca/symbols';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';
import { FakeAlpaca } from '../../support/brokers/fakeAlpaca';
import { until } from '../../support/brokers/until';
import { makeBrokerOrder, startRecordedAdapter } from '../../support/brokers/adapterHarness';

const KEY_ID = 'PKTESTKEYID7Q2';
const SECRET = 'test-alpaca-secret-9c41';
const call = optionOf('us', 'SPY', '2026-01-09', 690, 'CE');
const OCC = 'SPY260109C00690000';

let server: FakeAlpaca;
let serverStarted = false;
let adapter: AlpacaBroker | null = null;

function makeOrder(overrides: Partial<Order> = {}): Order {
  return makeBrokerOrder(call.symbol, { quantity: 2, limitPrice: asPrice(252), ...overrides });
}

async function start(options: { autoFill?: boolean } = {}) {
  if (!serverStarted) {
    server = await new FakeAlpaca(KEY_ID, SECRET, [
      { symbol: 'SPY', mid: 690.5, tick: 0.01 },
      { symbol: OCC, mid: 2.5, tick: 0.01 },
    ]).start();
    serverStarted = true;
  }
  server.autoFill = options.autoFill ?? true;
  return startRecordedAdapter(
    (recorded) =>
      startAlpacaBroker({
        tradingUrl: server.baseUrl,
        tradingStreamUrl: `${server.wsBase}/stream`,
        keyId: KEY_ID,
        secretKey: SECRET,
        symbols: new AlpacaSymbolMap([underlyingOf('us', 'SPY'), call]),
        ...recorded,
      }),
    (started) => (adapter = started),
  );
}

afterEach(async () => {
  await adapter?.close();
  adapter = null;
  if (serverStarted) await server.stop();
  serverStarted = false;
});

const orderPosts = () =>
  server.requests.filter((request) => request.method === 'POST' && request.path === '/v2/orders');

describe('Alpaca broker adapter', () => {
  it('posts the documented order fields with our id as client_order_id; the fill arrives over trade_updates', async () => {
    const { events, broker } = await start();
    const order = makeOrder();
    broker.submit(order);
    await until(() => events.some((event) => event.type === 'OrderFilled'), 'the fill');
    expect(orderPosts().map((request) => request.body)).toEqual([
      {
        symbol: OCC,
        qty: '2',
        side: 'buy',
        type: 'limit',
        time_in_force: 'day',
        limit_price: '2.52',
        client_order_id: order.orderId,
      },
    ]);
    const fill = events.find((event) => event.type === 'OrderFilled');
    expect(fill?.type === 'OrderFilled' && fill.fill).toMatchObject({ quantity: 2, price: 251 });
  });

  it('refuses a stop order on an option before it reaches Alpaca (the OMS emulates stops there)', async () => {
    const { events, broker } = await start();
    expect(broker.capabilities.orderTypes).toEqual(['market', 'limit']);
    broker.submit(makeOrder({ type: 'stop', stopPrice: asPrice(200), limitPrice: undefined }));
    await until(() => events.some((event) => event.type === 'OrderRejected'), 'the refusal');
    expect(orderPosts()).toHaveLength(0);
  });

  it('maps a 403 buying-power reject to a clear reason', async () => {
    const { events, broker } = await start();
    server.rejectNextOrder();
    broker.submit(makeOrder());
    await until(() => events.some((event) => event.type === 'OrderRejected'), 'the reject');
    expect(events.find((event) => event.type === 'OrderRejected')).toMatchObject({
      reason: 'not enough buying power at Alpaca (Alpaca: insufficient buying power)',
    });
  });

  it('waits out a 429 in the queue and then places the order', async () => {
    const { events, queue, broker } = await start();
    server.rateLimitNext(1);
    broker.submit(makeOrder());
    await until(() => events.some((event) => event.type === 'OrderAccepted'), 'acceptance after the 429');
    expect(queue.some((state) => state.pausedUntilMs !== undefined)).toBe(true);
    expect(orderPosts()).toHaveLength(2);
    expect(server.orders.size).toBe(1);
  });

  it('finds an order whose answer was lost by its client_order_id and never posts it again', async () => {
    const { events, broker } = await start({ autoFill: false });
    server.swallowNextOrder();
    const order = makeOrder();
    broker.submit(order);
    await until(
      () => events.some((event) => event.type === 'OrderAccepted'),
      'acceptance from the order list',
    );
    expect(orderPosts()).toHaveLength(1);
    const [placed] = [...server.orders.values()];
    expect(placed.client_order_id).toBe(order.orderId);
  });

  it('reconciles an open position and a working order after both sides restart', async () => {
    const first = await start({ autoFill: false });
    first.broker.submit(makeOrder());
    first.broker.submit(makeOrder());
    await until(
      () => first.events.filter((event) => event.type === 'OrderAccepted').length === 2,
      'two working orders',
    );
    server.fill([...server.orders.keys()][0]);
    await until(() => first.events.some((event) => event.type === 'OrderFilled'), 'the fill');
    await adapter?.close();
    await server.restart();
    const second = await start({ autoFill: false });
    await until(() => second.snapshots.length > 0, 'the snapshot');
    expect(second.snapshots[0].positions).toEqual([{ symbol: call.symbol, quantity: 2 }]);
    expect(second.snapshots[0].foreignWorkingOrders).toHaveLength(1);
    expect(second.snapshots[0].foreignWorkingOrders[0]).toMatchObject({
      symbol: call.symbol,
      status: 'working',
    });
  });
});
