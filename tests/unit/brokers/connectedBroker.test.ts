import { afterEach, describe, expect, it } from 'vitest';
import { createSequentialIds } from '../../../src/shared/domain/ids';
import type { Instrument } from '../../../src/shared/domain/instrument';
import type { Order } from '../../../src/shared/domain/orders';
import { asPrice } from '../../../src/shared/domain/price';
import { ManualClock } from '../../../src/shared/domain/time';
import { connectedBrokerFactory } from '../../../src/main/brokers/config/connectedBrokerFactory';
import type { ConnectedBroker } from '../../../src/main/brokers/orders/connectedBroker';
import { settingsSchema } from '../../../src/main/platform/settings';
import { LiveCatalog } from '../../../src/main/coreWorker/liveCatalog';
import { TradingDesk } from '../../../src/main/trading/desk/tradingDesk';
import { loadBuiltInPreset } from '../../../src/main/trading/engine/config/presets';
import { MemoryOrderJournal } from '../../../src/main/trading/oms/orderJournal';
import { loadMarketProfile } from '../../../src/main/trading/reference/marketProfiles';
import { optionOf, underlyingOf } from '../../support/brokers/brokerInstruments';
import { FakeAlpaca } from '../../support/brokers/fakeAlpaca';
import { FakeOpenAlgo } from '../../support/brokers/fakeOpenAlgo';
import { until } from '../../support/brokers/until';

const OPENALGO_KEY = 'desk-openalgo-key-88e1a0';
const ALPACA_KEY_ID = 'PKDESKKEY55';
const ALPACA_SECRET = 'desk-alpaca-secret-41d7';
const niftyCall = optionOf('nse', 'NIFTY', '2026-01-06', 26000, 'CE');
const spyCall = optionOf('us', 'SPY', '2026-01-09', 690, 'CE');

let stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.reverse()) await stop();
  stops = [];
});

/** A desk (OMS + engine off) whose broker is a connected real broker, as the core builds it. */
function deskOn(
  broker: Parameters<typeof connectedBrokerFactory>[0],
  secrets: Parameters<typeof connectedBrokerFactory>[1],
  instruments: Instrument[],
  profile: 'nse' | 'us',
): TradingDesk<ConnectedBroker> {
  const clock = new ManualClock();
  const desk = new TradingDesk({
    clock,
    ids: {
      broker: createSequentialIds('B'),
      oms: createSequentialIds(`desk-${Date.now().toString(36)}-`),
      engine: createSequentialIds('E'),
    },
    catalog: new LiveCatalog(instruments),
    calendar: loadMarketProfile(profile).calendar,
    journal: new MemoryOrderJournal(),
    engine: { mode: 'off', underlying: instruments[0].symbol, preset: loadBuiltInPreset('Balanced') },
    engineOrderSource: 'auto',
    broker: connectedBrokerFactory(broker, secrets, instruments, {
      backoff: { initialDelayMs: 30, maxDelayMs: 200 },
    }),
  });
  stops.push(() => desk.broker.close());
  return desk;
}

/** The trader's limit buy, as the ladder sends it. */
const limitBuy = (symbol: Instrument['symbol'], price: number, quantity: number) =>
  ({
    symbol,
    side: 'buy',
    type: 'limit',
    limitPrice: asPrice(price),
    quantity,
    timeInForce: 'DAY',
    source: 'manual',
  }) as const;

const brokerSettings = (fields: Record<string, unknown>) =>
  settingsSchema.parse({ broker: fields }).broker as ReturnType<typeof settingsSchema.parse>['broker'] & {
    kind: 'openalgo' | 'alpaca';
  };

async function openAlgoDesk() {
  const server = await new FakeOpenAlgo(OPENALGO_KEY, [
    { symbol: 'NIFTY', exchange: 'NSE_INDEX', mid: 26010, tick: 0.05, lotSize: 1 },
    { symbol: 'NIFTY06JAN2626000CE', exchange: 'NFO', mid: 120, tick: 0.05, lotSize: 65 },
  ]).start();
  stops.push(() => server.stop());
  const desk = deskOn(
    brokerSettings({ kind: 'openalgo', host: server.restUrl, wsUrl: server.wsUrl }),
    { openalgoApiKey: OPENALGO_KEY },
    [underlyingOf('nse', 'NIFTY'), niftyCall],
    'nse',
  );
  return { server, desk };
}

describe('a real broker as the desk broker', () => {
  it('OpenAlgo: an order placed through the OMS reaches placeorder, fills, and the position is held', async () => {
    const { server, desk } = await openAlgoDesk();
    await until(() => desk.broker.reconciled, 'reconciliation');
    expect(desk.broker.capabilities.modify).toBe(true);
    const outcome = desk.placeManual(limitBuy(niftyCall.symbol, 12005, 65));
    expect(outcome.ok).toBe(true);
    await until(() => desk.oms.positions.all().some((p) => p.quantity === 65), 'the position in the OMS');
    expect(server.requests.filter((request) => request.endpoint === 'placeorder')).toHaveLength(1);
    expect(desk.broker.positions()).toEqual([{ symbol: niftyCall.symbol, source: 'manual', quantity: 65 }]);
    // Funds were read from the broker (100000.00 rupees) and are given in paise.
    expect(desk.broker.availableFunds()).toBe(10_000_000);
  });

  it('OpenAlgo: after a restart the ledger working order is found in the order book; one it lost ends cancelled', async () => {
    const first = await openAlgoDesk();
    first.server.autoFill = false;
    await until(() => first.desk.broker.reconciled, 'reconciliation');
    first.desk.placeManual(limitBuy(niftyCall.symbol, 11800, 65));
    await until(() => first.desk.oms.orders().some((order) => order.status === 'accepted'), 'accepted');
    const working = first.desk.oms.orders()[0];
    await first.desk.broker.close();
    // The workstation restarts: a new desk gets the ledger's working orders (one of them unknown to the broker).
    const second = deskOn(
      brokerSettings({ kind: 'openalgo', host: first.server.restUrl, wsUrl: first.server.wsUrl }),
      { openalgoApiKey: OPENALGO_KEY },
      [underlyingOf('nse', 'NIFTY'), niftyCall],
      'nse',
    );
    const lost: Order = { ...working, orderId: `${working.orderId}-lost` as Order['orderId'], quantity: 130 };
    second.restoreWorkingOrders([working, lost]);
    await until(() => second.broker.reconciled, 'reconciliation after restore');
    await until(() => second.oms.order(lost.orderId)?.status === 'cancelled', 'the lost order cancelled');
    expect(second.broker.workingOrders().map((order) => order.orderId)).toEqual([working.orderId]);
    // Its fill while the workstation was away arrives as an order event.
    first.server.fill([...first.server.orders.keys()][0]);
    await until(() => second.oms.order(working.orderId)?.status === 'filled', 'the fill after restart');
  });

  it('Alpaca: options take market and limit only, so the OMS runs stops itself; the order carries our id', async () => {
    const server = await new FakeAlpaca(ALPACA_KEY_ID, ALPACA_SECRET, [
      { symbol: 'SPY', mid: 690.5, tick: 0.01 },
      { symbol: 'SPY260109C00690000', mid: 2.5, tick: 0.01 },
    ]).start();
    stops.push(() => server.stop());
    const desk = deskOn(
      brokerSettings({ kind: 'alpaca', alpacaTradingUrl: server.baseUrl }),
      { alpacaKeyId: ALPACA_KEY_ID, alpacaSecretKey: ALPACA_SECRET },
      [underlyingOf('us', 'SPY'), spyCall],
      'us',
    );
    await until(() => desk.broker.reconciled, 'reconciliation');
    expect(desk.broker.capabilities.orderTypes).toEqual(['market', 'limit']);
    const outcome = desk.placeManual(limitBuy(spyCall.symbol, 252, 2));
    expect(outcome.ok).toBe(true);
    await until(() => desk.oms.positions.all().some((p) => p.quantity === 2), 'the position');
    const posted = server.requests.filter(
      (request) => request.method === 'POST' && request.path === '/v2/orders',
    );
    expect(posted.map((request) => request.body?.client_order_id)).toEqual([
      outcome.ok ? outcome.orderIds[0] : '',
    ]);
  });
});
