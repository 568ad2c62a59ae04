import { describe, expect, it } from 'vitest';
import type { PaperBrokerConfig } from '../../../src/main/trading/broker/paper/paperConfig';
import { paperBroker } from '../../../src/main/trading/broker/paper/paperBroker';
import { TradingDesk } from '../../../src/main/trading/desk/tradingDesk';
import type { InstrumentCatalog } from '../../../src/main/trading/engine/engine';
import type {
  DecisionRecord,
  EngineCommand,
  PlaceOrderCommand,
} from '../../../src/main/trading/engine/types';
import { MemoryOrderJournal } from '../../../src/main/trading/oms/orderJournal';
import { createExchangeSimulation } from '../../../src/main/exchange/simulation';
import type { ExchangeSimulation } from '../../../src/main/exchange/simulation';
import type { Symbol } from '../../../src/shared/domain/ids';
import { createSequentialIds } from '../../../src/shared/domain/ids';
import type { OptionInstrument } from '../../../src/shared/domain/instrument';
import { isOption } from '../../../src/shared/domain/instrument';
import type { OrderEvent } from '../../../src/shared/domain/orderEvents';
import type { OrderSource } from '../../../src/shared/domain/orders';
import { ManualClock } from '../../../src/shared/domain/time';
import { makePreset } from '../engine/support/factories';
import type { TimestampUs } from '../../../src/shared/domain/time';
import { optionsEventsFromChain } from '../../../src/main/trading/desk/optionsEvents';
import type { MutableParams } from '../engine/support/factories';

const STEP_US = 200_000;
const SECOND_US = 1_000_000;
const MAX_HOLD_SECONDS = 20;

/**
 * An engine that enters often and exits by the clock: no options context or OI is fed here, so the
 * gates and the selection that need them are off; positions are closed by the time exit after
 * MAX_HOLD_SECONDS (stops and targets far away), so exits are driven by the desk's clock ticks.
 */
const eagerTrading = (p: MutableParams): void => {
  p.router.adaptive = false;
  p.router.static = ['momentum', 'meanReversion', 'orderFlow'];
  p.gates.minScore.minScore = 40;
  p.gates.hotZone.enabled = false;
  p.gates.cooldown.enabled = false;
  p.gates.sideReentry.cooldownMs = 0;
  p.gates.consecutiveLosses.enabled = false;
  p.gates.noTradeZone.enabled = false;
  p.gates.indexBias.enabled = false;
  p.gates.optionsContext.enabled = false;
  p.gates.warmUp.enabled = false;
  p.gates.peakToTrough.enabled = false;
  p.gates.liquidity.enabled = false;
  p.gates.regimeBudget.enabled = false;
  p.gates.marketHours.noEntryAfterOpenMinutes = 0;
  p.gates.tradesPerDay.max = 20;
  p.selection.minOpenInterest = 1;
  p.selection.maxDaysToExpiry = 30;
  p.selection.maxSpreadPercent = 5;
  p.sizing.fixedLots = 1;
  p.exits.hardStop.stopLossPercent = 60;
  p.exits.takeProfit.takeProfitPercent = 80;
  p.exits.timeExit.maxHoldSeconds = MAX_HOLD_SECONDS;
  p.exits.momentumReversal.enabled = false;
  p.signals.candidateIntervalMs = 200;
};

interface DeskRig {
  readonly simulation: ExchangeSimulation;
  readonly clock: ManualClock;
  readonly desk: TradingDesk;
  readonly commands: EngineCommand[];
  readonly orderEvents: OrderEvent[];
}

function makeRig(
  options: {
    readonly seed?: number;
    readonly engineOrderSource?: OrderSource;
    readonly broker?: Partial<PaperBrokerConfig>;
  } = {},
): DeskRig {
  const simulation = createExchangeSimulation({
    profile: 'nse',
    symbols: ['NIFTY'],
    seed: options.seed ?? 11,
    startDate: '2026-02-03',
  });
  const clock = new ManualClock(simulation.nowUs());
  // Listed contracts change only at a session open; these runs stay inside one session.
  const instruments = new Map(simulation.instruments().map((instrument) => [instrument.symbol, instrument]));
  const catalog: InstrumentCatalog = {
    get: (symbol) => instruments.get(symbol),
    optionsOf: (underlying) =>
      [...instruments.values()].filter(
        (instrument): instrument is OptionInstrument =>
          isOption(instrument) && instrument.underlying === underlying,
      ),
  };
  const commands: EngineCommand[] = [];
  const orderEvents: OrderEvent[] = [];
  const desk = new TradingDesk({
    clock,
    ids: {
      broker: createSequentialIds('broker-'),
      oms: createSequentialIds('oms-'),
      engine: createSequentialIds('engine-'),
    },
    catalog,
    calendar: simulation.calendar,
    journal: new MemoryOrderJournal(),
    engine: { mode: 'paper', underlying: 'NIFTY' as Symbol, preset: makePreset(eagerTrading, 'Scalper') },
    engineOrderSource: options.engineOrderSource ?? 'auto',
    broker: paperBroker({ seed: 3, ...options.broker }),
    onCommand: (command) => commands.push(command),
    onOrderEvent: (event) => orderEvents.push(event),
  });
  return { simulation, clock, desk, commands, orderEvents };
}

/** Plays the simulated market into the desk for `seconds`, moving time on in 200 ms steps. */
function runMarket(rig: DeskRig, seconds: number): void {
  const endUs = (rig.simulation.nowUs() as number) + seconds * SECOND_US;
  for (let now = rig.simulation.nowUs() as number; now < endUs;) {
    now = Math.min(now + STEP_US, endUs);
    rig.simulation.advance(now, (event) => rig.desk.onMarketEvent(event));
    rig.desk.advanceTo(now);
    // The chain context and contract statistics (OI, IV) the live core pushes, once a second.
    if (now % SECOND_US < STEP_US) {
      const { context, stats } = optionsEventsFromChain(
        rig.simulation.chainSnapshot('NIFTY'),
        rig.simulation.instruments(),
        now as TimestampUs,
      );
      for (const event of [context, ...stats]) rig.desk.onEngineEvent(event);
    }
  }
}

const decisions = (rig: DeskRig, kind: 'entry' | 'exit'): DecisionRecord[] =>
  rig.commands.flatMap((command) =>
    command.type === 'decision' && command.record.kind === kind ? [command.record] : [],
  );

const engineOrders = (rig: DeskRig): PlaceOrderCommand[] =>
  rig.commands.flatMap((command) => (command.type === 'placeOrder' ? [command] : []));

const alerts = (rig: DeskRig, code: string): string[] =>
  rig.commands.flatMap((command) =>
    command.type === 'alert' && command.code === code ? [command.message] : [],
  );

describe('TradingDesk on the built-in exchange simulation', () => {
  it('fills a manual market order and the paper engine never closes it, even while trading that contract', () => {
    const rig = makeRig();
    runMarket(rig, 3);
    // The contract the engine is trading right now: the strongest place for a mix-up.
    const symbol = engineOrders(rig)[0]?.request.symbol;
    if (symbol === undefined) throw new Error('the engine placed no order in the first 3 s');
    const outcome = rig.desk.placeManual({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: 65,
      timeInForce: 'IOC',
      source: 'manual',
    });
    expect(outcome.ok).toBe(true);
    runMarket(rig, 120);

    const manualOrders = rig.desk.oms.orders().filter((order) => order.source === 'manual');
    expect(manualOrders.map((order) => [order.status, order.filledQuantity])).toEqual([['filled', 65]]);
    expect(rig.desk.oms.positions.quantity(symbol, 'manual')).toBe(65);
    // The engine did run its exits on that contract meanwhile, on its own position only.
    const engineSells = rig.desk.oms
      .orders()
      .filter((order) => order.symbol === symbol && order.side === 'sell' && order.filledQuantity > 0);
    expect(engineSells.length).toBeGreaterThan(0);
    expect(engineSells.every((order) => order.source === 'auto')).toBe(true);
    expect(rig.desk.engine.status().positions.every((position) => position.ownership === 'auto')).toBe(true);
  });

  it('books every engine order, and so its fills and position, under the configured engineOrderSource', () => {
    const rig = makeRig({ engineOrderSource: 'replay' });
    runMarket(rig, 30);

    const orders = rig.desk.oms.orders();
    expect(orders.some((order) => order.side === 'buy' && order.filledQuantity > 0)).toBe(true);
    expect(orders.some((order) => order.side === 'sell' && order.filledQuantity > 0)).toBe(true);
    expect(new Set(orders.map((order) => order.source))).toEqual(new Set(['replay']));
    const fills = rig.orderEvents.flatMap((event) => (event.type === 'OrderFilled' ? [event.fill] : []));
    expect(new Set(fills.map((fill) => fill.source))).toEqual(new Set(['replay']));
    // The exits were checked against the replay position (reduce-only), so none was refused.
    expect(alerts(rig, 'orderRejected')).toEqual([]);
    expect(rig.desk.oms.positions.all().every((position) => position.source === 'replay')).toBe(true);
  });

  it('a feed reported stale blocks new entries at the data-freshness gate and paper fills until it is live again', () => {
    const rig = makeRig();
    const outage = 'is stale (openalgo market data: no data or heartbeat for 30000 ms)';
    rig.desk.setMarketDataOutage(outage, rig.clock.nowUs());
    // Another word for the same outage reaches the broker, not the engine (one event per turn).
    rig.desk.setMarketDataOutage('is disconnected (connection closed)', rig.clock.nowUs());
    runMarket(rig, 1);
    const contract = rig.simulation.instruments().find(isOption);
    if (!contract) throw new Error('the simulation lists no option');
    expect(
      rig.desk.placeManual({
        symbol: contract.symbol,
        side: 'buy',
        type: 'market',
        quantity: contract.lotSize,
        timeInForce: 'IOC',
        source: 'manual',
      }).ok,
    ).toBe(true);
    runMarket(rig, 9);
    expect(rig.orderEvents.filter((event) => event.type === 'OrderFilled')).toEqual([]);
    expect(rig.orderEvents.some((event) => event.type === 'OrderRejected')).toBe(true);
    expect(engineOrders(rig)).toEqual([]);
    const blocked = decisions(rig, 'entry');
    expect(blocked.length).toBeGreaterThan(0);
    for (const decision of blocked) {
      expect(decision.blockedBy).toContain('dataFreshness');
      const gate = decision.gates.find((verdict) => verdict.name === 'dataFreshness');
      expect(gate?.checks?.find((check) => check.name === 'marketData')).toMatchObject({
        value: outage,
        pass: false,
      });
    }
    rig.desk.setMarketDataOutage(null, rig.clock.nowUs());
    runMarket(rig, 10);
    expect(engineOrders(rig).length).toBeGreaterThan(0);
    expect(rig.orderEvents.some((event) => event.type === 'OrderFilled')).toBe(true);
  });

  it('advanceTo delivers the clock ticks the engine asked for, in time, before the later events', () => {
    const rig = makeRig();
    runMarket(rig, 3);
    const entryFill = rig.orderEvents.find((event) => event.type === 'OrderFilled');
    if (entryFill?.type !== 'OrderFilled') throw new Error('no entry filled in the first 3 s');
    const exitsBefore = decisions(rig, 'exit').length;

    // No market event for a minute: only the desk's clock ticks can run the time exit.
    const targetUs = (rig.clock.nowUs() as number) + 60 * SECOND_US;
    rig.desk.advanceTo(targetUs);

    const timeExit = decisions(rig, 'exit').slice(exitsBefore)[0];
    expect(timeExit?.exit?.rule).toBe('timeExit');
    const heldUs = (timeExit?.tsEvent ?? 0) - entryFill.fill.tsEvent;
    // The first tick (every 200 ms) at or after the hold limit, not the end of the jump.
    expect(heldUs).toBeGreaterThanOrEqual(MAX_HOLD_SECONDS * SECOND_US);
    expect(heldUs).toBeLessThanOrEqual(MAX_HOLD_SECONDS * SECOND_US + STEP_US);
    const exitFill = rig.orderEvents.find(
      (event) => event.type === 'OrderFilled' && event.fill.side === 'sell',
    );
    expect(exitFill?.tsEvent).toBeGreaterThan(timeExit?.tsEvent ?? Infinity);
    expect(exitFill?.tsEvent).toBeLessThan(targetUs);
    expect(rig.clock.nowUs()).toBe(targetUs);
    expect(rig.desk.engine.nextWakeUs()).toBeGreaterThan(targetUs);
  });

  it('hands a pre-trade rejection of an engine order to the engine as OrderRejected', () => {
    // ₹1 of capital: the OMS's buying-power check refuses the engine's first entry.
    const rig = makeRig({ broker: { capital: { INR: 100 } } });
    runMarket(rig, 3);

    const entry = engineOrders(rig)[0];
    expect(entry?.purpose).toBe('entry');
    const refused = rig.desk.oms.orders()[0];
    expect([refused?.source, refused?.status]).toEqual(['auto', 'rejected']);
    expect(refused?.rejectReason).toMatch(/^insufficientFunds: /);
    // It never reached the broker, yet the engine heard of it and holds no working order.
    expect(rig.orderEvents).toEqual([]);
    expect(alerts(rig, 'orderRejected')[0]).toContain(`entry order ${entry?.clientOrderId}`);
    expect(alerts(rig, 'orderRejected')[0]).toContain('insufficientFunds');
    expect(rig.desk.engine.status().workingOrders).toBe(0);
  });

  it('closes a manual position handed over to the engine through the manual account, even beside the engine own position', () => {
    const rig = makeRig();
    runMarket(rig, 3);
    const symbol = engineOrders(rig)[0]?.request.symbol;
    if (symbol === undefined) throw new Error('the engine placed no order in the first 3 s');
    rig.desk.placeManual({
      symbol,
      side: 'buy',
      type: 'market',
      quantity: 65,
      timeInForce: 'IOC',
      source: 'manual',
    });
    runMarket(rig, 2);
    expect(rig.desk.oms.positions.quantity(symbol, 'manual')).toBe(65);

    rig.desk.control((engine) => engine.handOver(symbol));
    runMarket(rig, MAX_HOLD_SECONDS + 10);

    // The time exit closed the handed-over position with a manual-account sell.
    expect(rig.desk.oms.positions.quantity(symbol, 'manual')).toBe(0);
    const manualSells = rig.desk.oms
      .orders()
      .filter((order) => order.source === 'manual' && order.side === 'sell' && order.filledQuantity > 0);
    expect(manualSells.map((order) => order.filledQuantity)).toEqual([65]);
    expect(rig.desk.oms.positions.quantity(symbol, 'auto')).toBeGreaterThanOrEqual(0);
  });

  it('hands the engine own position back: booked to the manual account at its cost, and no engine exit follows', () => {
    const rig = makeRig();
    let held: { symbol: string; quantity: number } | undefined;
    for (let step = 0; step < 50 && held === undefined; step++) {
      runMarket(rig, 0.2);
      const status = rig.desk.engine.status();
      const open = status.positions.find((position) => !position.exiting);
      if (open && status.workingOrders === 0) held = open;
    }
    if (held === undefined) throw new Error('the engine held no settled position in the first 10 s');
    const symbol = held.symbol as Symbol;
    const cost = rig.desk.oms.positions.state(symbol, 'auto')?.lots;

    rig.desk.handBack(symbol);
    expect(alerts(rig, 'handBack')).toHaveLength(1);
    expect(rig.desk.engine.status().positions.some((position) => position.symbol === symbol)).toBe(false);
    expect(rig.desk.oms.positions.quantity(symbol, 'auto')).toBe(0);
    expect(rig.desk.oms.positions.quantity(symbol, 'manual')).toBe(held.quantity);
    // The trader keeps the cost: the same lots, nothing realised by the move, no charges.
    expect(rig.desk.oms.positions.state(symbol, 'manual')?.lots).toEqual(cost);
    expect(rig.desk.oms.positions.get(symbol, 'manual')).toMatchObject({ realisedPnl: 0, charges: 0 });
    // The paper broker's per-source book moved too, so a manual reduce-only sell may close it.
    expect(rig.desk.broker.positions().filter((position) => position.symbol === symbol)).toEqual([
      { symbol, source: 'manual', quantity: held.quantity },
    ]);

    // No new entries (shadow); the engine's exits keep running for anything it still holds.
    rig.desk.control((engine) => engine.setMode('shadow'));
    const commandsBefore = rig.commands.length;
    runMarket(rig, MAX_HOLD_SECONDS + 10);
    const later = rig.commands
      .slice(commandsBefore)
      .filter((command) => command.type === 'placeOrder' && command.request.symbol === symbol);
    expect(later).toEqual([]);
    expect(rig.desk.oms.positions.quantity(symbol, 'manual')).toBe(held.quantity);

    // And the trader can close it from the manual account.
    const flatten = rig.desk.placeManual({
      symbol,
      side: 'sell',
      type: 'market',
      quantity: held.quantity,
      timeInForce: 'IOC',
      reduceOnly: true,
      source: 'manual',
    });
    expect(flatten.ok).toBe(true);
    runMarket(rig, 2);
    expect(rig.desk.oms.positions.quantity(symbol, 'manual')).toBe(0);
  });
});
