import type { PaperBroker } from '../../../../src/main/trading/broker/paper/paperBroker';
import { paperBroker } from '../../../../src/main/trading/broker/paper/paperBroker';
import { TradingDesk } from '../../../../src/main/trading/desk/tradingDesk';
import type { VersionedPreset } from '../../../../src/main/trading/engine/config/presets';
import type { Engine, InstrumentCatalog } from '../../../../src/main/trading/engine/engine';
import type {
  DecisionRecord,
  EngineCommand,
  PlaceOrderCommand,
} from '../../../../src/main/trading/engine/types';
import { MemoryOrderJournal } from '../../../../src/main/trading/oms/orderJournal';
import type { OmsUpdate } from '../../../../src/main/trading/oms/omsTypes';
import type { OrderManager } from '../../../../src/main/trading/oms/orderManager';
import type { ExchangeConfig } from '../../../../src/main/exchange/config';
import { createExchangeSimulation } from '../../../../src/main/exchange/simulation';
import type { ExchangeSimulation } from '../../../../src/main/exchange/simulation';
import type { Symbol } from '../../../../src/shared/domain/ids';
import { createSequentialIds } from '../../../../src/shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../../../src/shared/domain/instrument';
import { isOption } from '../../../../src/shared/domain/instrument';
import type { Fill } from '../../../../src/shared/domain/orders';
import type { OrderEvent } from '../../../../src/shared/domain/orderEvents';
import type { TimestampUs } from '../../../../src/shared/domain/time';
import { ManualClock } from '../../../../src/shared/domain/time';
import { buildOptionsContext } from '../../../../src/shared/options/buildContext';

/**
 * The engine on the built-in simulated exchange in paper mode, wired by the same TradingDesk the
 * live core and the replay use (engine → OMS → paper broker → order events → OMS → engine). The
 * session only drives it: the simulation's market events go to `desk.onMarketEvent`, market time
 * moves in 200 ms steps through `desk.advanceTo` (which hands the engine its clock ticks), and the
 * options context and per-contract OI go in every 30 s, from the simulation's own chain.
 */

export interface PaperSessionOptions {
  readonly preset: VersionedPreset;
  readonly exchange: Partial<ExchangeConfig> & { readonly seed: number };
  readonly brokerSeed?: number;
  /** Called after every step with the session (for invariant checks). */
  readonly onStep?: (session: PaperSession) => void;
}

/** One step of market time; also the engine's default evaluation interval, so each step ends on a tick. */
const STEP_US = 200_000;
const CONTEXT_INTERVAL_US = 30_000_000;

export class PaperSession {
  readonly simulation: ExchangeSimulation;
  readonly clock: ManualClock;
  readonly desk: TradingDesk<PaperBroker>;
  readonly broker: PaperBroker;
  readonly oms: OrderManager;
  readonly engine: Engine;
  readonly commands: EngineCommand[] = [];
  readonly fills: Fill[] = [];
  readonly orderEvents: OrderEvent[] = [];
  /** Engine orders the OMS refused before they reached the broker: "purpose: code: reason". */
  readonly rejectedAtOms: string[] = [];
  private readonly instruments = new Map<string, Instrument>();
  private instrumentsVersion = -1;
  /** The engine order being placed: a pre-trade rejection happens synchronously inside its placement. */
  private placing: PlaceOrderCommand | null = null;
  /** OMS orders that reached the broker; a rejection of any other order was the OMS's own. */
  private readonly submitted = new Set<string>();
  private nextContextUs: number;
  private readonly onStep: ((session: PaperSession) => void) | undefined;

  constructor(options: PaperSessionOptions) {
    this.simulation = createExchangeSimulation({ profile: 'nse', symbols: ['NIFTY'], ...options.exchange });
    this.refreshInstruments();
    this.clock = new ManualClock(this.simulation.nowUs());
    const catalog: InstrumentCatalog = {
      get: (symbol) => {
        this.refreshInstruments();
        return this.instruments.get(symbol);
      },
      optionsOf: (underlying) => {
        this.refreshInstruments();
        return [...this.instruments.values()].filter(
          (instrument): instrument is OptionInstrument =>
            isOption(instrument) && instrument.underlying === underlying,
        );
      },
    };
    this.desk = new TradingDesk({
      clock: this.clock,
      ids: {
        broker: createSequentialIds('paper-'),
        oms: createSequentialIds('oms-'),
        engine: createSequentialIds(),
      },
      catalog,
      calendar: this.simulation.calendar,
      journal: new MemoryOrderJournal(),
      engine: { mode: 'paper', underlying: 'NIFTY' as Symbol, preset: options.preset },
      engineOrderSource: 'auto',
      broker: paperBroker({ seed: options.brokerSeed ?? 1 }),
      onCommand: (command) => {
        this.commands.push(command);
        this.placing = command.type === 'placeOrder' ? command : null;
      },
      onOrderEvent: (event) => {
        this.orderEvents.push(event);
        if (event.type === 'OrderFilled') this.fills.push(event.fill);
      },
      onOmsUpdate: (update) => this.watchRejections(update),
    });
    this.broker = this.desk.broker;
    this.oms = this.desk.oms;
    this.engine = this.desk.engine;
    this.onStep = options.onStep;
    this.nextContextUs = this.simulation.nowUs();
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
      this.simulation.advance(now, (event) => {
        this.refreshInstruments();
        this.desk.onMarketEvent(event);
      });
      // Fills due by the step's end, then the engine's tick at it (nextWakeUs falls on the step).
      this.desk.advanceTo(now);
      if (now >= this.nextContextUs && this.simulation.isOpen()) {
        this.nextContextUs = now + CONTEXT_INTERVAL_US;
        this.pushOptionsContext(now);
      }
      // The engine evaluates at least once per step (a step shorter than its interval, the last
      // one of an uneven run, would otherwise end without a tick).
      if (this.engine.nextWakeUs() < now + STEP_US)
        this.desk.onEngineEvent({ type: 'clock', tsEvent: now as TimestampUs });
      this.onStep?.(this);
    }
  }

  private refreshInstruments(): void {
    if (this.simulation.instrumentsVersion === this.instrumentsVersion) return;
    this.instrumentsVersion = this.simulation.instrumentsVersion;
    for (const instrument of this.simulation.instruments())
      this.instruments.set(instrument.symbol, instrument);
  }

  private pushOptionsContext(now: number): void {
    const snapshot = this.simulation.chainSnapshot('NIFTY');
    this.desk.onEngineEvent({
      type: 'optionsContext',
      tsEvent: now as TimestampUs,
      context: buildOptionsContext(snapshot, { nowUs: now as TimestampUs }),
    });
    for (const instrument of this.instruments.values()) {
      if (!isOption(instrument) || instrument.expiry !== snapshot.expiry) continue;
      const row = snapshot.rows.find((candidate) => candidate.strike === instrument.strike);
      const quote = instrument.right === 'CE' ? row?.ce : row?.pe;
      if (quote)
        this.desk.onEngineEvent({
          type: 'contractStats',
          tsEvent: now as TimestampUs,
          symbol: instrument.symbol,
          openInterest: quote.oi * snapshot.contractMultiplier,
          oiChange: quote.oiChange,
          iv: quote.iv ?? undefined,
        });
    }
  }

  /**
   * The desk hands a pre-trade rejection to the engine as OrderRejected without an order event; the
   * OMS still records it (new → rejected, never submitted), which is how it is told apart here.
   */
  private watchRejections(update: OmsUpdate): void {
    if (update.type !== 'order' || update.event === null) return;
    const { order, event } = update;
    if (event.type === 'OrderSubmitted') this.submitted.add(order.orderId);
    else if (
      event.type === 'OrderRejected' &&
      order.source === 'auto' &&
      !this.submitted.has(order.orderId) &&
      this.placing !== null
    )
      this.rejectedAtOms.push(`${this.placing.purpose}: ${event.reason}`);
  }
}
