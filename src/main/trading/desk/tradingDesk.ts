import type { IdGenerator, Symbol } from '../../../shared/domain/ids';
import { asOrderId } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Order, OrderRequest, OrderSource } from '../../../shared/domain/orders';
import type { ManualClock, TimestampUs } from '../../../shared/domain/time';
import type { Broker, BrokerFactory } from '../broker/broker';
import type { VersionedPreset } from '../engine/config/presets';
import type { Engine, EngineCalendar, InstrumentCatalog } from '../engine/engine';
import { createEngine } from '../engine/engine';
import type { EngineCommand, EngineEvent, EngineMode } from '../engine/types';
import type { OrderJournal } from '../oms/orderJournal';
import type { OmsUpdate, PlaceOrderOutcome } from '../oms/omsTypes';
import { OrderManager } from '../oms/orderManager';

export interface TradingDeskOptions<B extends Broker = Broker> {
  /** The desk sets it from event time: the market's clock, never the wall's (live = replay). */
  readonly clock: ManualClock;
  /** Id generators, one per component so each one's ids stay reproducible on its own. */
  readonly ids: { readonly broker: IdGenerator; readonly oms: IdGenerator; readonly engine: IdGenerator };
  readonly catalog: InstrumentCatalog;
  readonly calendar: EngineCalendar;
  readonly journal: OrderJournal;
  readonly engine: {
    readonly mode: EngineMode;
    readonly underlying: Symbol;
    readonly indexSymbol?: Symbol;
    readonly preset: VersionedPreset;
    readonly killFlag?: Int32Array;
  };
  /** Where the engine's own orders are booked: 'auto' live and paper, 'replay' in a replay account. */
  readonly engineOrderSource: OrderSource;
  /** Builds the broker the desk trades on (`paperBroker(config)` for paper, replay and tests). */
  readonly broker: BrokerFactory<B>;
  /** Sees every engine command as it is produced (decision records to the ledger, parity checks). */
  readonly onCommand?: (command: EngineCommand) => void;
  /** Sees every order event after the OMS applied it. */
  readonly onOrderEvent?: (event: OrderEvent, order: Order | undefined) => void;
  readonly onOmsUpdate?: (update: OmsUpdate) => void;
}

/**
 * One trading desk: the engine, the order manager and a broker wired together exactly once,
 * for the live core, replays and tests alike (live = replay: one engine for live, paper and
 * replay). Market events go to the broker, the OMS and the engine in that order; broker events go
 * through the OMS transition table and then to the engine; engine commands go to the OMS. Between
 * events the engine gets the clock ticks it asks for (`nextWakeUs`), so time exits fire on time.
 */
export class TradingDesk<B extends Broker = Broker> {
  readonly broker: B;
  readonly oms: OrderManager;
  /** Replaced only by `useEnginePreset`, while the engine holds and has done nothing today. */
  engine: Engine;
  /** Engine client order id → the OMS order ids (slices) it became. */
  private readonly omsOrders = new Map<string, string[]>();
  /** OMS order id → the decision that placed it. */
  readonly orderDecisions = new Map<string, string>();
  /** Why market data is unusable now, null while it is live (`setMarketDataOutage`). */
  private marketDataOutage: string | null = null;

  constructor(private readonly options: TradingDeskOptions<B>) {
    const lookup = (symbol: Symbol): Instrument | undefined => options.catalog.get(symbol);
    this.broker = options.broker({
      clock: options.clock,
      ids: options.ids.broker,
      instruments: lookup,
      events: {
        orderEvent: (event) => this.onBrokerEvent(event),
        brokerOrder: (order) => this.oms.adoptBrokerOrder(order),
      },
    });
    this.oms = new OrderManager({
      clock: options.clock,
      ids: options.ids.oms,
      instruments: lookup,
      broker: this.broker,
      journal: options.journal,
      funds: this.broker,
    });
    if (options.onOmsUpdate) this.oms.subscribe(options.onOmsUpdate);
    this.engine = this.buildEngine(options.engine.mode, options.engine.preset);
  }

  private buildEngine(mode: EngineMode, preset: VersionedPreset): Engine {
    const options = this.options;
    return createEngine({
      config: {
        mode,
        underlying: options.engine.underlying,
        indexSymbol: options.engine.indexSymbol,
        preset,
      },
      clock: options.clock,
      ids: options.ids.engine,
      instruments: options.catalog,
      calendar: options.calendar,
      killFlag: options.engine.killFlag,
    });
  }

  /**
   * Runs the engine on another preset version (a trader's saved edit). A fresh engine starts with empty
   * day risk and cold indicators, so the swap is refused unless the engine has no position, no working
   * order and no trade today: an edit must never reset a day's loss limit or consecutive-loss count.
   * Returns why it was refused, or null when the new preset is in use.
   */
  useEnginePreset(preset: VersionedPreset): string | null {
    const status = this.engine.status();
    if (status.positions.length > 0) return 'the engine holds a position';
    if (status.workingOrders > 0) return 'the engine has working orders';
    if (status.risk.tradesToday > 0) return 'the engine has traded today (its day risk must not reset)';
    if (status.killed) return 'the kill switch is pulled';
    this.engine = this.buildEngine(this.engine.mode, preset);
    return null;
  }

  /** A market event: due clock ticks first, then broker, OMS and engine. */
  onMarketEvent(event: MarketEvent): void {
    this.advanceTo(event.tsEvent);
    this.broker.onMarketEvent(event);
    this.oms.onMarketEvent(event);
    this.route(this.engine.onEvent(event));
  }

  /** Options context, contract stats, operator controls: engine-only events. */
  onEngineEvent(event: EngineEvent): void {
    this.advanceTo(event.tsEvent);
    this.route(this.engine.onEvent(event));
  }

  /**
   * The market data's state (`outage` says why it is unusable, null when live): the broker hears every
   * change, the engine (whose freshness gate blocks entries meanwhile) each turn between out and live.
   * Live, the core calls this on each feed status; a replay, at each recorded state.
   */
  setMarketDataOutage(outage: string | null, tsUs: number): void {
    this.broker.setMarketDataOutage?.(outage);
    if ((outage === null) === (this.marketDataOutage === null)) return;
    this.marketDataOutage = outage;
    this.onEngineEvent({ type: 'marketDataState', tsEvent: tsUs as TimestampUs, outage });
  }

  /** Moves market time forward, delivering the clock ticks the engine asked for on the way. */
  advanceTo(tsUs: number): void {
    const clock = this.options.clock;
    const target = Math.max(tsUs, clock.nowUs());
    let wake = this.engine.nextWakeUs();
    while (wake <= target && wake > clock.nowUs()) {
      this.setTime(wake);
      this.route(this.engine.onEvent({ type: 'clock', tsEvent: wake as TimestampUs }));
      const next = this.engine.nextWakeUs();
      if (next <= wake) break;
      wake = next;
    }
    this.setTime(target);
  }

  /**
   * Start-up: working orders reloaded from the ledger go back into the OMS and, those that had
   * reached it, to the broker. Returns how many the broker holds again.
   */
  restoreWorkingOrders(orders: readonly Order[]): number {
    const atBroker = this.oms.restoreOrders(orders);
    this.broker.restoreWorkingOrders(atBroker);
    return atBroker.length;
  }

  /** The trader's own order (ladder, chart): straight to the OMS; the engine never touches it. */
  placeManual(request: OrderRequest): PlaceOrderOutcome {
    return this.oms.placeOrder(request);
  }

  /** Operator actions on the engine (mode, kill switch): their commands are routed like any other. */
  control(act: (engine: Engine) => readonly EngineCommand[]): void {
    this.route(act(this.engine));
  }

  /**
   * The trader takes back what the engine holds in `symbol` (a `handBack` control event, routed like
   * any other). When the engine lets go, its own position moves from the engine's account to the
   * trader's (`OrderManager.transferPosition`, booked at the broker too); a handed-over position is the
   * trader's already. Returns the engine's commands: a `handBackRefused` alert says why it kept it.
   */
  handBack(symbol: Symbol): readonly EngineCommand[] {
    let commands: readonly EngineCommand[] = [];
    this.control((engine) => (commands = engine.handBack(symbol)));
    if (commands.some((command) => command.type === 'alert' && command.code === 'handBack')) {
      const fills = this.oms.transferPosition(symbol, this.options.engineOrderSource, 'manual', 'handBack');
      if (fills.length > 0) this.broker.bookTransfer?.(fills);
    }
    return commands;
  }

  private setTime(tsUs: number): void {
    if (tsUs > this.options.clock.nowUs()) this.options.clock.set(tsUs as TimestampUs);
    this.broker.advanceTo(tsUs);
  }

  /** Broker → OMS → engine. */
  private onBrokerEvent(event: OrderEvent): void {
    const order = this.oms.onOrderEvent(event);
    this.options.onOrderEvent?.(event, order);
    this.route(this.engine.onEvent(event));
  }

  private route(commands: readonly EngineCommand[]): void {
    for (const command of commands) {
      this.options.onCommand?.(command);
      switch (command.type) {
        case 'placeOrder': {
          // The engine's own orders go to the configured account (auto, or replay); exits of a position
          // the trader handed over keep 'manual' so they reduce that position.
          const source =
            command.request.source === 'auto' ? this.options.engineOrderSource : command.request.source;
          const request: OrderRequest = { ...command.request, source };
          const outcome = this.oms.placeOrder(request);
          if (outcome.ok) {
            this.omsOrders.set(command.clientOrderId, outcome.orderIds);
            for (const orderId of outcome.orderIds) {
              this.orderDecisions.set(orderId, command.decisionId);
              this.route(
                this.engine.onEvent({
                  type: 'orderBound',
                  tsEvent: this.options.clock.nowUs(),
                  clientOrderId: command.clientOrderId,
                  orderId,
                }),
              );
            }
          } else {
            // Refused before reaching the broker (a pre-trade check): the engine hears it as a rejection.
            this.route(
              this.engine.onEvent({
                type: 'OrderRejected',
                orderId: asOrderId(command.clientOrderId),
                tsEvent: this.options.clock.nowUs(),
                reason: `${outcome.code}: ${outcome.reason}`,
              }),
            );
          }
          break;
        }
        case 'cancelOrder':
          for (const orderId of this.omsOrders.get(command.orderId) ?? [command.orderId])
            this.oms.cancelOrder(asOrderId(orderId), command.reason);
          break;
        case 'modifyOrder':
          for (const orderId of this.omsOrders.get(command.orderId) ?? [command.orderId])
            this.oms.modifyOrder(asOrderId(orderId), command.changes);
          break;
        case 'decision':
        case 'alert':
          break;
      }
    }
  }
}
