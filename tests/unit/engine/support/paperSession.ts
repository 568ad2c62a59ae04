import type { VersionedPreset } from '../../../../src/main/core/engine/config/presets';
import type { Engine, InstrumentCatalog } from '../../../../src/main/core/engine/engine';
import { createEngine } from '../../../../src/main/core/engine/engine';
import type { DecisionRecord, EngineCommand, EngineEvent } from '../../../../src/main/core/engine/types';
import { PaperBroker } from '../../../../src/main/core/broker/paper/paperBroker';
import { MemoryOrderJournal } from '../../../../src/main/core/oms/orderJournal';
import { OrderManager } from '../../../../src/main/core/oms/orderManager';
import type { ExchangeConfig } from '../../../../src/main/exchange/config';
import { createExchangeSimulation } from '../../../../src/main/exchange/simulation';
import type { ExchangeSimulation } from '../../../../src/main/exchange/simulation';
import type { ClientOrderId, OrderId, Symbol } from '../../../../src/shared/domain/ids';
import { createSequentialIds } from '../../../../src/shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../../../src/shared/domain/instrument';
import { isOption } from '../../../../src/shared/domain/instrument';
import type { MarketEvent } from '../../../../src/shared/domain/marketEvents';
import type { Fill } from '../../../../src/shared/domain/orders';
import type { OrderEvent } from '../../../../src/shared/domain/orderEvents';
import type { TimestampUs } from '../../../../src/shared/domain/time';
import { ManualClock } from '../../../../src/shared/domain/time';
import { buildOptionsContext } from '../../../../src/shared/options/buildContext';

/**
 * The engine on the built-in simulated exchange in paper mode, wired as the core worker wires it:
 * market events go to the paper broker, the OMS and the engine; engine commands go to the OMS
 * (placeOrder → orderBound for each OMS id, a pre-trade reject → OrderRejected); the paper broker's
 * order events go through the OMS transition table and then to the engine. A clock tick every
 * 200 ms, the options context and per-contract OI every 30 s, from the simulation's own chain.
 */

export interface PaperSessionOptions {
  readonly preset: VersionedPreset;
  readonly exchange: Partial<ExchangeConfig> & { readonly seed: number };
  readonly brokerSeed?: number;
  /** Called after every step with the session (for invariant checks). */
  readonly onStep?: (session: PaperSession) => void;
}

const STEP_US = 200_000;
const CONTEXT_INTERVAL_US = 30_000_000;

export class PaperSession {
  readonly simulation: ExchangeSimulation;
  readonly clock: ManualClock;
  readonly broker: PaperBroker;
  readonly oms: OrderManager;
  readonly engine: Engine;
  readonly commands: EngineCommand[] = [];
  readonly fills: Fill[] = [];
  readonly orderEvents: OrderEvent[] = [];
  readonly rejectedAtOms: string[] = [];
  private readonly instruments = new Map<string, Instrument>();
  private readonly omsIdsOf = new Map<string, OrderId[]>();
  private readonly brokerEvents: OrderEvent[] = [];
  private nextContextUs = 0;
  private readonly onStep: ((session: PaperSession) => void) | undefined;

  constructor(options: PaperSessionOptions) {
    this.simulation = createExchangeSimulation({ profile: 'nse', symbols: ['NIFTY'], ...options.exchange });
    this.refreshInstruments();
    this.clock = new ManualClock(this.simulation.nowUs());
    const lookup = (symbol: Symbol): Instrument | undefined => {
      this.refreshInstruments();
      return this.instruments.get(symbol);
    };
    this.broker = new PaperBroker({
      clock: this.clock,
      ids: createSequentialIds('paper-'),
      instruments: lookup,
      onEvent: (event) => this.brokerEvents.push(event),
      onBrokerOrder: (order) => this.oms.adoptBrokerOrder(order),
      config: { seed: options.brokerSeed ?? 1 },
    });
    this.oms = new OrderManager({
      clock: this.clock,
      ids: createSequentialIds('oms-'),
      instruments: lookup,
      broker: this.broker,
      journal: new MemoryOrderJournal(),
      funds: this.broker,
    });
    const catalog: InstrumentCatalog = {
      get: (symbol) => lookup(symbol),
      optionsOf: (underlying) => {
        this.refreshInstruments();
        return [...this.instruments.values()].filter(
          (instrument): instrument is OptionInstrument =>
            isOption(instrument) && instrument.underlying === underlying,
        );
      },
    };
    this.engine = createEngine({
      config: { mode: 'paper', underlying: 'NIFTY' as Symbol, preset: options.preset },
      clock: this.clock,
      ids: createSequentialIds(),
      instruments: catalog,
      calendar: this.simulation.calendar,
    });
    this.onStep = options.onStep;
    this.nextContextUs = this.simulation.nowUs();
  }

  private instrumentsVersion = -1;
  private refreshInstruments(): void {
    if (this.simulation.instrumentsVersion === this.instrumentsVersion) return;
    this.instrumentsVersion = this.simulation.instrumentsVersion;
    for (const instrument of this.simulation.instruments())
      this.instruments.set(instrument.symbol, instrument);
  }

  decisions(kind?: 'entry' | 'exit'): DecisionRecord[] {
    return this.commands.flatMap((command) =>
      command.type === 'decision' && (kind === undefined || command.record.kind === kind)
        ? [command.record]
        : [],
    );
  }

  /** Runs the market for `seconds` of simulated time. */
  run(seconds: number): void {
    const endUs = (this.simulation.nowUs() as number) + seconds * 1_000_000;
    let now = this.simulation.nowUs() as number;
    while (now < endUs) {
      now = Math.min(now + STEP_US, endUs);
      this.simulation.advance(now, (event) => this.onMarket(event));
      this.setClock(now);
      this.broker.advanceTo(now);
      this.drainBroker();
      if (now >= this.nextContextUs && this.simulation.isOpen()) {
        this.nextContextUs = now + CONTEXT_INTERVAL_US;
        this.pushOptionsContext(now);
      }
      this.toEngine({ type: 'clock', tsEvent: now as TimestampUs });
      this.onStep?.(this);
    }
  }

  private setClock(ts: number): void {
    if (ts > this.clock.nowUs()) this.clock.set(ts as TimestampUs);
  }

  private onMarket(event: MarketEvent): void {
    this.setClock(event.tsEvent);
    this.refreshInstruments();
    this.broker.onMarketEvent(event);
    this.oms.onMarketEvent(event);
    this.drainBroker();
    this.toEngine(event);
  }

  private pushOptionsContext(now: number): void {
    const snapshot = this.simulation.chainSnapshot('NIFTY');
    this.toEngine({
      type: 'optionsContext',
      tsEvent: now as TimestampUs,
      context: buildOptionsContext(snapshot, { nowUs: now as TimestampUs }),
    });
    for (const instrument of this.instruments.values()) {
      if (!isOption(instrument) || instrument.expiry !== snapshot.expiry) continue;
      const row = snapshot.rows.find((candidate) => candidate.strike === instrument.strike);
      const quote = instrument.right === 'CE' ? row?.ce : row?.pe;
      if (quote)
        this.toEngine({
          type: 'contractStats',
          tsEvent: now as TimestampUs,
          symbol: instrument.symbol,
          openInterest: quote.oi * snapshot.contractMultiplier,
          oiChange: quote.oiChange,
          iv: quote.iv ?? undefined,
        });
    }
  }

  private drainBroker(): void {
    while (this.brokerEvents.length > 0) {
      const event = this.brokerEvents.shift() as OrderEvent;
      this.oms.onOrderEvent(event);
      this.orderEvents.push(event);
      if (event.type === 'OrderFilled') this.fills.push(event.fill);
      this.toEngine(event);
    }
  }

  private toEngine(event: EngineEvent): void {
    const commands = this.engine.onEvent(event);
    for (const command of commands) this.execute(command);
  }

  private execute(command: EngineCommand): void {
    this.commands.push(command);
    const now = this.clock.nowUs();
    if (command.type === 'placeOrder') {
      const outcome = this.oms.placeOrder(command.request);
      if (outcome.ok) {
        this.omsIdsOf.set(command.clientOrderId, outcome.orderIds);
        for (const orderId of outcome.orderIds)
          this.toEngine({
            type: 'orderBound',
            tsEvent: now,
            clientOrderId: command.clientOrderId as ClientOrderId,
            orderId,
          });
      } else {
        this.rejectedAtOms.push(`${command.purpose}: ${outcome.code} ${outcome.reason}`);
        this.toEngine({
          type: 'OrderRejected',
          orderId: command.clientOrderId as unknown as OrderId,
          tsEvent: now,
          reason: outcome.reason,
        });
      }
    } else if (command.type === 'cancelOrder') {
      for (const orderId of this.omsIdsOf.get(command.orderId) ?? [])
        this.oms.cancelOrder(orderId, command.reason);
    }
  }
}
