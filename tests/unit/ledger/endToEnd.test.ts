import { describe, expect, it } from 'vitest';
import type { Symbol } from '../../../src/shared/domain/ids';
import { createSequentialIds } from '../../../src/shared/domain/ids';
import type { OptionInstrument } from '../../../src/shared/domain/instrument';
import { ManualClock } from '../../../src/shared/domain/time';
import { PaperBroker } from '../../../src/main/trading/broker/paper/paperBroker';
import { OrderManager } from '../../../src/main/trading/oms/orderManager';
import { LedgerOrderJournal } from '../../../src/main/ledger/ledgerOrderJournal';
import { ist, makeDepth, makeDesk, makeNseOption, makeOrderRequest, makeTrade, p } from '../oms/factories';
import { closeQuietly, openLedger, tempDataDir } from './ledgerFixtures';

describe('OMS, paper broker and ledger together', () => {
  it('journals every order event durably and reconciles with the broker after a restart', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    ledger.startSession({ sessionId: 'paper-1', mode: 'paper', profile: 'nse' });
    const option: OptionInstrument = makeNseOption();
    const lookup = (symbol: Symbol) => (symbol === option.symbol ? option : undefined);
    const clock = new ManualClock(ist('2026-11-20', '10:00'));
    const ids = createSequentialIds();
    let oms: OrderManager | null = null;
    const broker = new PaperBroker({
      clock,
      ids,
      instruments: lookup,
      events: {
        orderEvent: (event) => oms?.onOrderEvent(event),
        brokerOrder: (order) => oms?.adoptBrokerOrder(order),
      },
    });
    oms = new OrderManager({
      clock: broker.eventClock(),
      ids,
      instruments: lookup,
      broker,
      journal: new LedgerOrderJournal(ledger, 'paper-1'),
      funds: broker,
    });
    const feed = (event: Parameters<PaperBroker['onMarketEvent']>[0]) => {
      clock.set(event.tsEvent);
      broker.onMarketEvent(event);
      oms?.onMarketEvent(event);
    };

    const start = clock.nowUs();
    feed(makeDepth(option.symbol, start, [[9995, 650]], [[10005, 650]]));
    oms.placeBracket({
      entry: makeOrderRequest({ quantity: 130, limitPrice: p(10005) }),
      takeProfit: p(10500),
      stopLoss: { stopPrice: p(9700) },
    });
    feed(makeTrade(option.symbol, start + 100_000, 10005, 65));
    feed(makeDepth(option.symbol, start + 200_000, [[10495, 650]], [[10505, 650]]));
    feed(makeTrade(option.symbol, start + 300_000, 10500, 500));
    broker.advanceTo(start + 400_000);

    expect(oms.positions.quantity(option.symbol, 'manual')).toBe(0);
    const events = oms.orders().flatMap((order) => ledger.orderEvents(order.orderId).map((row) => row.type));
    expect(events.filter((type) => type === 'OrderFilled')).toHaveLength(2);
    // With the broker's event clock, every order's journal runs forward in time.
    for (const order of oms.orders()) {
      const times = ledger.orderEvents(order.orderId).map((row) => row.event.tsEvent);
      expect(times).toEqual([...times].sort((a, b) => a - b));
    }
    expect(ledger.loadPositions()).toEqual(
      oms.positions.all().map((position) => ({ ...position, unrealisedPnl: 0 })),
    );
    closeQuietly(ledger);

    const restarted = openLedger(dir);
    expect(restarted.reconcile(broker.positions())).toMatchObject({ ok: true, blocksAutoTrading: false });
    const [trade] = restarted.trades();
    // Bought 130 at 100.05, sold 130 at 105.00: gross 4.95 × 130 = 64350 paise, less both orders' charges.
    expect(trade.grossPnl).toBe(64_350);
    expect(trade.charges).toBe(oms.positions.get(option.symbol, 'manual')?.charges);
    expect(restarted.verify().ok).toBe(true);
  });

  it('books a position handed back from the engine to the manual account durably, at its cost, consistent after a restart', () => {
    const dir = tempDataDir();
    const ledger = openLedger(dir);
    ledger.startSession({ sessionId: 'paper-2', mode: 'paper', profile: 'nse' });
    const option = makeNseOption();
    const { oms, broker, clock, at, feed } = makeDesk({
      instruments: [option],
      alsoJournal: new LedgerOrderJournal(ledger, 'paper-2'),
    });
    const start = clock.nowUs();
    // Two engine entries at two prices: two lots in the auto account.
    feed(makeDepth(option.symbol, start, [[9995, 650]], [[10005, 650]]));
    oms.placeOrder(makeOrderRequest({ type: 'market', limitPrice: undefined, source: 'auto' }));
    at(start + 100_000);
    feed(makeDepth(option.symbol, start + 200_000, [[10095, 650]], [[10105, 650]]));
    oms.placeOrder(makeOrderRequest({ type: 'market', limitPrice: undefined, source: 'auto' }));
    at(start + 300_000);
    const auto = oms.positions.state(option.symbol, 'auto');
    expect(auto?.lots).toHaveLength(2);
    const cash = broker.availableFunds('INR');

    const fills = oms.transferPosition(option.symbol, 'auto', 'manual', 'handBack');
    broker.bookTransfer(fills);
    expect(fills.map((fill) => [fill.source, fill.side, fill.charges])).toEqual([
      ['auto', 'sell', 0],
      ['auto', 'sell', 0],
      ['manual', 'buy', 0],
      ['manual', 'buy', 0],
    ]);
    expect(oms.positions.quantity(option.symbol, 'auto')).toBe(0);
    expect(oms.positions.state(option.symbol, 'manual')?.lots).toEqual(auto?.lots);
    expect(oms.positions.get(option.symbol, 'auto')?.realisedPnl).toBe(0);
    expect(broker.positions()).toEqual([{ symbol: option.symbol, source: 'manual', quantity: 130 }]);
    expect(broker.availableFunds('INR')).toBe(cash);
    expect(ledger.loadPositions()).toEqual(
      oms.positions.all().map((position) => ({ ...position, unrealisedPnl: 0 })),
    );
    closeQuietly(ledger);

    const restarted = openLedger(dir);
    expect(restarted.reconcile(broker.positions())).toMatchObject({ ok: true, blocksAutoTrading: false });
    expect(restarted.verify().ok).toBe(true);
    expect(
      restarted
        .positionStates()
        .filter((state) => state.lots.length > 0)
        .map((state) => state.source),
    ).toEqual(['manual']);
  });
});
