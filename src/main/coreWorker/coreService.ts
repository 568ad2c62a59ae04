import { ApiError } from '../../shared/api/errors';
import type {
  AttachedGroupView,
  DecisionView,
  EngineModeView,
  EngineStatusView,
  InstrumentView,
  PositionView,
} from '../../shared/api/views';
import type { Symbol } from '../../shared/domain/ids';
import { asSymbol, createSequentialIds } from '../../shared/domain/ids';
import type { Instrument, MarketProfile, OptionInstrument } from '../../shared/domain/instrument';
import { isOption } from '../../shared/domain/instrument';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { Order } from '../../shared/domain/orders';
import { asPrice } from '../../shared/domain/price';
import { ManualClock } from '../../shared/domain/time';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';
import type { RecordedEvent } from '../../shared/recording/events';
import { loadMarketProfile } from '../trading/reference/marketProfiles';
import type { JournalRow } from '../ledger/journal';
import type { ReconciliationReport } from '../ledger/reconciliation';
import type { FillMoneyContext } from '../ledger/protocol';
import { optionsEventsFromChain } from '../trading/desk/optionsEvents';
import { TradingDesk } from '../trading/desk/tradingDesk';
import type { BuiltInPresetName } from '../trading/engine/config/presets';
import { loadBuiltInPreset } from '../trading/engine/config/presets';
import type { EngineCommand, EngineMode } from '../trading/engine/types';
import { LedgerJournal } from './ledgerJournal';
import { ALPACA_OPTIONS_CAPABILITIES, FULL_CAPABILITIES } from '../trading/oms/brokerGateway';
import { MarketState } from '../trading/market/marketState';
import type { AttachedGroupView as OmsGroupView } from '../trading/oms/attachedOrders';
import type { PositionState } from '../trading/oms/positions';
import { PositionBook } from '../trading/oms/positions';
import type { PublishStream } from './coreApi';
import {
  toAttachedGroupView,
  toDecisionView,
  toEngineStatusView,
  toInstrumentView,
  toPositionViews,
} from './coreViews';
import { ManualTrading } from './manualTrading';

/** What the core needs from the ledger worker; each call resolves only once the rows are durable. */
export interface CoreLedger {
  recordOrder(order: Order): Promise<void>;
  recordOrderEvent(order: Order, event: OrderEvent, context: FillMoneyContext): Promise<void>;
  loadPositionStates(): Promise<PositionState[]>;
  reconcile(brokerPositions: Array<{ symbol: string; quantity: number }>): Promise<ReconciliationReport>;
  resolveReconciliation(resolution: { actor: string; note: string }): Promise<number>;
  journal(rows: JournalRow[]): Promise<void>;
  /** Resolves when the ledger is attached (again). */
  ready(): Promise<void>;
}

export interface CoreOutputs {
  /**
   * An event on one of the core's API subscriptions (keyed by the contract's wire name, e.g.
   * `orders.onOrder`). Orders, fills and groups are published only once durable in the ledger.
   */
  publish: PublishStream;
  reconciliation(report: { ok: boolean; detail: string }): void;
  log(level: 'info' | 'warn' | 'error', message: string): void;
}

export interface CoreServiceOptions {
  readonly instruments: readonly Instrument[];
  readonly profile: MarketProfile;
  readonly ledger: CoreLedger;
  readonly outputs: CoreOutputs;
  readonly engine: {
    readonly mode: EngineMode;
    readonly preset: BuiltInPresetName;
    readonly underlying: string;
  };
  /** What the paper broker can hold; with less, the OMS emulates brackets/OCO/stops in the core. */
  readonly brokerCapabilities?: 'full' | 'alpaca-options';
  /** Shared with main so the kill switch stops the engine even mid-decision. */
  readonly killFlag?: Int32Array;
  /** Records every event the desk sees (market data, options context) for replay. */
  readonly record?: (event: RecordedEvent) => void;
  /** Id namespace: unique per core start, so ids never repeat across restarts. */
  readonly idNamespace: string;
}

/** The profile's main index: what the engine follows unless the settings name another underlying. */
const DEFAULT_UNDERLYING: Record<MarketProfile, string> = { nse: 'NIFTY', us: 'SPY' };
/** How often (market time) the options context is rebuilt from the chain: the issue asks for 30–60 s. */
const OPTIONS_CONTEXT_INTERVAL_US = 30_000_000;
/** Journal rows are handed to the ledger at this pace; it group-commits within 50 ms. */
const JOURNAL_BATCH_FRAMES = 3;

/**
 * The core worker's state and behaviour, free of thread plumbing so it can be tested in-process: the
 * market state windows see, one TradingDesk (engine → OMS → paper broker) on market time, and the
 * ledger journal that makes every order event durable before any window sees it.
 */
export class CoreService {
  readonly market: MarketState;
  readonly desk: TradingDesk;
  /** The trader's orders, brackets and hand-overs. */
  readonly trading: ManualTrading;
  private readonly clock = new ManualClock();
  private readonly catalog = new Map<string, Instrument>();
  private readonly optionsByUnderlying = new Map<string, OptionInstrument[]>();
  private readonly journal: LedgerJournal;
  /** Positions from acknowledged (durable) fills only: what windows are shown. */
  private readonly acknowledged = new PositionBook();
  private readonly underlying: Symbol;
  private journalRows: JournalRow[] = [];
  private frames = 0;
  private nextOptionsContextUs = 0;
  private chainRequestInFlight = false;
  private blockedBy: string | null = null;
  private lastEngineStatus = '';
  /** Per attached group, how many changes the OMS reported: the `revision` windows order views by. */
  private readonly groupRevisions = new Map<string, number>();

  constructor(private readonly options: CoreServiceOptions) {
    for (const instrument of options.instruments) this.addInstrument(instrument);
    this.market = new MarketState(options.instruments);
    this.underlying = asSymbol(options.engine.underlying || DEFAULT_UNDERLYING[options.profile]);
    const ledger = options.ledger;
    this.journal = new LedgerJournal(
      {
        order: (order) => ledger.recordOrder(order),
        orderEvent: (order, event, instrument) =>
          ledger.recordOrderEvent(order, event, {
            multiplier: instrument.multiplier,
            currency: instrument.currency,
          }),
      },
      {
        order: (order) => options.outputs.publish('orders.onOrder', order),
        orderEvent: (order, event, instrument) => this.onDurableOrderEvent(order, event, instrument),
      },
      () => ledger.ready(),
      (message) => options.outputs.log('warn', message),
    );
    this.desk = new TradingDesk({
      clock: this.clock,
      ids: {
        broker: createSequentialIds(`${options.idNamespace}B`),
        oms: createSequentialIds(`${options.idNamespace}`),
        engine: createSequentialIds(`${options.idNamespace}E`),
      },
      catalog: {
        get: (symbol) => this.catalog.get(symbol),
        optionsOf: (underlying) => this.optionsByUnderlying.get(underlying) ?? [],
      },
      calendar: loadMarketProfile(options.profile).calendar,
      journal: this.journal,
      engine: {
        mode: options.engine.mode,
        underlying: this.underlying,
        preset: loadBuiltInPreset(options.engine.preset),
        killFlag: options.killFlag,
      },
      engineOrderSource: 'auto',
      broker: {
        capabilities:
          options.brokerCapabilities === 'alpaca-options' ? ALPACA_OPTIONS_CAPABILITIES : FULL_CAPABILITIES,
      },
      onCommand: (command) => this.onEngineCommand(command),
    });
    this.trading = new ManualTrading({
      desk: this.desk,
      instrument: (symbol) => this.catalog.get(symbol),
      settled: () => this.journal.settled(),
      engineChanged: () => this.publishEngineStatus(true),
    });
    this.desk.oms.subscribe((update) => {
      if (update.type === 'group') this.onGroupUpdate(update.group);
    });
  }

  /** Start-up: positions from the ledger into the OMS, the paper account and the shown book; then reconcile. */
  async restore(): Promise<void> {
    const states = await this.options.ledger.loadPositionStates();
    this.desk.oms.positions.load(states);
    this.desk.broker.account.positions.load(states);
    this.acknowledged.load(states);
    const report = await this.options.ledger.reconcile(
      this.desk.broker
        .positions()
        .map((position) => ({ symbol: position.symbol, quantity: position.quantity })),
    );
    this.applyReconciliation(report);
  }

  async resolveReconciliation(note: string): Promise<{ resolved: number }> {
    const resolved = await this.options.ledger.resolveReconciliation({ actor: 'trader', note });
    const report = await this.options.ledger.reconcile(
      this.desk.broker
        .positions()
        .map((position) => ({ symbol: position.symbol, quantity: position.quantity })),
    );
    this.applyReconciliation(report);
    return { resolved };
  }

  listInstruments(): InstrumentView[] {
    return [...this.catalog.values()].map(toInstrumentView);
  }

  onMarketEvent(event: MarketEvent): void {
    // Market time starts at the first event (not at 1970): the engine's clock ticks run from there.
    if (this.clock.nowUs() === 0) this.clock.set(event.tsEvent);
    this.market.apply(event);
    this.options.record?.(event);
    this.desk.onMarketEvent(event);
    if (event.type === 'trade') this.acknowledged.mark(event.symbol, event.price);
  }

  /**
   * Market time when the feed is silent (closed market, a gap): advances the desk so time exits and
   * bar closes still fire. Called by the worker from a wall-clock timer with an estimate of market time.
   */
  advanceIdle(marketNowUs: number): void {
    if (marketNowUs > this.clock.nowUs()) this.desk.advanceTo(marketNowUs);
  }

  get marketNowUs(): number {
    return this.clock.nowUs();
  }

  /** Rebuilds the options context when it is due; the chain comes from the feed asynchronously. */
  maybeRefreshOptionsContext(fetchChain: ((underlying: string) => Promise<ChainSnapshot>) | undefined): void {
    const now = this.clock.nowUs();
    if (!fetchChain || this.chainRequestInFlight || now < this.nextOptionsContextUs || now === 0) return;
    this.chainRequestInFlight = true;
    this.nextOptionsContextUs = now + OPTIONS_CONTEXT_INTERVAL_US;
    fetchChain(this.underlying).then(
      (snapshot) => {
        this.chainRequestInFlight = false;
        const at = this.clock.nowUs();
        const { context, stats } = optionsEventsFromChain(snapshot, this.catalog.values(), at);
        for (const event of [context, ...stats]) {
          this.options.record?.(
            event.type === 'optionsContext' ? { ...event, symbol: this.underlying } : event,
          );
          this.desk.onEngineEvent(event);
        }
      },
      (error: Error) => {
        this.chainRequestInFlight = false;
        this.options.outputs.log('warn', `options context not refreshed: ${error.message}`);
      },
    );
  }

  /** Once per frame: conflated ladders, live P&L four times a second, engine status on change, journal batches. */
  publishFrame(): void {
    for (const view of this.market.drainDirty()) this.options.outputs.publish('market.onLadder', view);
    this.frames++;
    if (this.frames % 15 === 0) {
      if (this.acknowledged.all().some((position) => position.quantity !== 0))
        this.options.outputs.publish('positions.onPositions', this.listPositions());
      this.publishEngineStatus();
    }
    if (this.frames % JOURNAL_BATCH_FRAMES === 0) this.flushJournal();
  }

  listOrders(): Order[] {
    return this.desk.oms.orders();
  }

  listGroups(): AttachedGroupView[] {
    return this.desk.oms.groups().flatMap((group) => this.groupView(group) ?? []);
  }

  listPositions(): PositionView[] {
    return toPositionViews(this.acknowledged, this.market, (symbol) => this.catalog.get(symbol));
  }

  engineStatus(): EngineStatusView {
    return toEngineStatusView(this.desk.engine.status(), {
      underlying: this.underlying,
      currency: this.catalog.get(this.underlying)?.currency ?? '',
      blockedBy: this.blockedBy,
    });
  }

  setEngineMode(mode: EngineModeView): EngineStatusView {
    if ((mode === 'paper' || mode === 'live') && this.blockedBy)
      throw new ApiError('REJECTED', `auto-trading is blocked: ${this.blockedBy}`);
    if (mode === 'live')
      throw new ApiError('REJECTED', 'live mode needs a real broker; only the paper broker is configured');
    this.desk.control((engine) => engine.setMode(mode));
    return this.publishEngineStatus(true);
  }

  killSwitch(reason: string): EngineStatusView {
    this.desk.control((engine) => engine.killSwitch(reason));
    return this.publishEngineStatus(true);
  }

  rearm(): EngineStatusView {
    this.desk.control((engine) => engine.rearm());
    return this.publishEngineStatus(true);
  }

  recentDecisions(): DecisionView[] {
    return this.desk.engine.recentDecisions().map(toDecisionView);
  }

  /** Hands the remaining journal rows over (shutdown). */
  flushJournal(): void {
    if (this.journalRows.length === 0) return;
    const rows = this.journalRows;
    this.journalRows = [];
    this.options.ledger.journal(rows).catch((error: Error) => {
      // Keep them for the next attempt (the ledger is restarting); bounded so a long outage cannot exhaust memory.
      this.journalRows = [...rows, ...this.journalRows].slice(-100_000);
      this.options.outputs.log('warn', `journal rows kept for retry: ${error.message}`);
    });
  }

  private addInstrument(instrument: Instrument): void {
    this.catalog.set(instrument.symbol, instrument);
    if (!isOption(instrument)) return;
    const list = this.optionsByUnderlying.get(instrument.underlying) ?? [];
    list.push(instrument);
    // Symbol order, as the replay lists them, so the engine picks the same contract live and in replay.
    list.sort((a, b) => (a.symbol < b.symbol ? -1 : a.symbol > b.symbol ? 1 : 0));
    this.optionsByUnderlying.set(instrument.underlying, list);
  }

  private onDurableOrderEvent(order: Order, event: OrderEvent, instrument: Instrument): void {
    this.options.outputs.publish('orders.onOrder', order);
    if (event.type !== 'OrderFilled') return;
    this.acknowledged.applyFill(event.fill, instrument.multiplier);
    const mark = this.market.lastPrice(event.fill.symbol);
    if (mark !== null) this.acknowledged.mark(event.fill.symbol, asPrice(mark));
    this.options.outputs.publish('orders.onFill', event.fill);
    this.options.outputs.publish('positions.onPositions', this.listPositions());
  }

  /** Groups of the live desk only: a bracket refused before it formed was never listed, so is never shown. */
  private groupView(group: OmsGroupView): AttachedGroupView | undefined {
    const instrument = this.catalog.get(group.symbol);
    const revision = this.groupRevisions.get(group.groupId) ?? 0;
    return instrument ? toAttachedGroupView(group, instrument, revision) : undefined;
  }

  private onGroupUpdate(group: OmsGroupView): void {
    if (!this.desk.oms.group(group.groupId)) return;
    this.groupRevisions.set(group.groupId, (this.groupRevisions.get(group.groupId) ?? 0) + 1);
    const view = this.groupView(group);
    if (view)
      this.journal.afterDurable(`group ${group.groupId}`, () =>
        this.options.outputs.publish('orders.onGroup', view),
      );
  }

  private onEngineCommand(command: EngineCommand): void {
    if (command.type === 'decision') {
      this.journalRows.push({ table: 'decisions', tsEvent: command.record.tsEvent, data: command.record });
      this.options.outputs.publish('engine.onDecision', toDecisionView(command.record));
    } else if (command.type === 'alert') {
      this.journalRows.push({ table: 'alerts', tsEvent: command.tsEvent, data: command });
      this.options.outputs.log(command.level === 'critical' ? 'error' : 'warn', `engine: ${command.message}`);
    }
  }

  private applyReconciliation(report: ReconciliationReport): void {
    this.blockedBy = report.blocksAutoTrading ? report.detail : null;
    if (this.blockedBy && this.desk.engine.mode !== 'off' && this.desk.engine.mode !== 'shadow')
      this.desk.control((engine) => engine.setMode('shadow'));
    this.options.outputs.reconciliation({ ok: !report.blocksAutoTrading, detail: report.detail });
    this.publishEngineStatus(true);
  }

  private publishEngineStatus(force = false): EngineStatusView {
    const status = this.engineStatus();
    const key = JSON.stringify(status);
    if (force || key !== this.lastEngineStatus) {
      this.lastEngineStatus = key;
      this.options.outputs.publish('engine.onStatus', status);
    }
    return status;
  }
}
