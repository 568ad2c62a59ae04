import { ApiError } from '../../shared/api/errors';
import type {
  AttachedGroupView,
  DecisionView,
  EngineModeView,
  EngineStatusView,
  InstrumentView,
  PositionView,
  SystemStatus,
} from '../../shared/api/views';
import type { Symbol } from '../../shared/domain/ids';
import { asSymbol, createSequentialIds } from '../../shared/domain/ids';
import type { Instrument, MarketProfile } from '../../shared/domain/instrument';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { OrderEvent } from '../../shared/domain/orderEvents';
import type { Fill, Order } from '../../shared/domain/orders';
import { asTimestampUs, ManualClock } from '../../shared/domain/time';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';
import { loadMarketProfile } from '../trading/reference/marketProfiles';
import type { JournalRow } from '../ledger/journal';
import type { ReconciliationReport } from '../ledger/reconciliation';
import { TradingDesk } from '../trading/desk/tradingDesk';
import type { VersionedPreset } from '../trading/engine/config/presets';
import { loadBuiltInPreset } from '../trading/engine/config/presets';
import type { AutoPanelView, DecisionRecordView } from '../../shared/api/autoViews';
import { toAutoPanelView, toDecisionRecordView } from './autoPanel';
import type { EngineCommand } from '../trading/engine/types';
import { LedgerJournal } from './ledgerJournal';
import { ManualControls } from './manualControls';
import { PositionOpenTimes } from './positionOpenTimes';
import { LiveCandles } from './liveCandles';
import { LiveCatalog } from './liveCatalog';
import { OptionsContextRefresher } from './optionsContextRefresher';
import type { CoreServiceOptions } from './coreServiceOptions';
import type { DeskBroker } from './deskBroker';
import { livePaperBroker } from './deskBroker';
import { MarketState } from '../trading/market/marketState';
import type { AttachedGroupView as OmsGroupView } from '../trading/oms/attachedOrders';
import { PositionBook } from '../trading/oms/positions';
import {
  toAttachedGroupView,
  toDecisionView,
  toEngineStatusView,
  toInstrumentView,
  toPositionViews,
} from './coreViews';
import { ManualTrading } from './manualTrading';

/** The profile's main index: what the engine follows unless the settings name another underlying. */
const DEFAULT_UNDERLYING: Record<MarketProfile, string> = { nse: 'NIFTY', us: 'SPY' };
/** Journal rows are handed to the ledger at this pace; it group-commits within 50 ms. */
const JOURNAL_BATCH_FRAMES = 3;
/** Fills kept for `orders.listFills`: far more than a scalper's day; the oldest half goes past it. */
const MAX_FILLS_KEPT = 20_000;

/**
 * The core worker's state and behaviour, free of thread plumbing so it can be tested in-process: the
 * market state windows see, one TradingDesk (engine → OMS → paper broker) on market time, and the
 * ledger journal that makes every order event durable before any window sees it.
 */
export class CoreService {
  readonly market: MarketState;
  /** Bars for the chart windows (issue 12). */
  readonly candles: LiveCandles;
  readonly desk: TradingDesk<DeskBroker>;
  /** The trader's orders, brackets and hand-overs. */
  readonly trading: ManualTrading;
  /** Amend, cancel-all and flatten for the windows (issue 11). */
  readonly manual: ManualControls;
  private readonly openTimes = new PositionOpenTimes();
  private readonly clock = new ManualClock();
  private readonly catalog: LiveCatalog;
  private readonly journal: LedgerJournal;
  /** Positions from acknowledged (durable) fills only: what windows are shown. */
  private readonly acknowledged = new PositionBook();
  private readonly underlying: Symbol;
  private journalRows: JournalRow[] = [];
  /** Durable fills since start, oldest first (bounded): a chart opened later still marks them. */
  private fills: Fill[] = [];
  private frames = 0;
  private readonly optionsContext: OptionsContextRefresher;
  private blockedBy: string | null = null;
  /** Set while the ledger failed its start-up check: manual orders are refused too. */
  private tradingRefused: string | null = null;
  private lastEngineStatus = '';
  private lastAutoPanel = '';
  /** The preset version the engine runs (the settings' preset, or a saved edit swapped in). */
  private enginePreset: VersionedPreset;
  /** Per attached group, how many changes the OMS reported: the `revision` windows order views by. */
  private readonly groupRevisions = new Map<string, number>();
  /** What the engine was last told about the feed (null: live). */
  private marketDataOutage: string | null = null;
  /** Reconciliations after a real broker's reads run one after another. */
  private brokerReconciled: Promise<void> = Promise.resolve();

  constructor(private readonly options: CoreServiceOptions) {
    this.catalog = new LiveCatalog(options.instruments);
    this.market = new MarketState(options.instruments);
    this.underlying = asSymbol(options.engine.underlying || DEFAULT_UNDERLYING[options.profile]);
    const calendar = loadMarketProfile(options.profile).calendar;
    this.enginePreset = options.engine.presetVersion ?? loadBuiltInPreset(options.engine.preset);
    this.candles = new LiveCandles({
      instrument: (symbol) => this.catalog.get(symbol),
      publish: (view) => options.outputs.publish('market.onCandles', view),
      timeZone: calendar.timeZone,
      history: options.sessionHistory,
      log: (message) => options.outputs.log('warn', message),
    });
    this.candles.track(this.underlying);
    this.journal = new LedgerJournal({
      ledger: options.ledger,
      onAcknowledged: {
        order: (order) => options.outputs.publish('orders.onOrder', order),
        orderEvent: (order, event, instrument) => this.onDurableOrderEvent(order, event, instrument),
      },
      log: (message) => options.outputs.log('warn', message),
    });
    this.desk = new TradingDesk({
      clock: this.clock,
      ids: {
        broker: createSequentialIds(`${options.idNamespace}B`),
        oms: createSequentialIds(`${options.idNamespace}`),
        engine: createSequentialIds(`${options.idNamespace}E`),
      },
      catalog: this.catalog,
      calendar,
      journal: this.journal,
      engine: {
        mode: options.engine.mode,
        underlying: this.underlying,
        preset: this.enginePreset,
        killFlag: options.killFlag,
      },
      engineOrderSource: 'auto',
      broker: options.broker ?? livePaperBroker(options.brokerCapabilities),
      onCommand: (command) => this.onEngineCommand(command),
    });
    this.trading = new ManualTrading({
      desk: this.desk,
      instrument: (symbol) => this.catalog.get(symbol),
      settled: () => this.journal.settled(),
      engineChanged: () => this.publishEngineStatus(true),
      tradingRefused: () => this.tradingRefused,
    });
    this.optionsContext = new OptionsContextRefresher({
      clock: this.clock,
      underlying: this.underlying,
      instruments: () => this.catalog.all(),
      onEvent: (event) => {
        this.options.record?.(
          event.type === 'optionsContext' ? { ...event, symbol: this.underlying } : event,
        );
        this.desk.onEngineEvent(event);
      },
      log: (message) => options.outputs.log('warn', message),
    });
    this.desk.oms.subscribe((update) => {
      if (update.type === 'group') this.onGroupUpdate(update.group);
    });
    this.manual = new ManualControls({
      desk: this.desk,
      knows: (symbol) => this.catalog.get(symbol) !== undefined,
      tickUnits: (symbol) => this.catalog.get(symbol)?.tickUnits,
      settled: () => this.journal.settled(),
    });
  }

  /**
   * Start-up: positions from the ledger into the OMS, the paper account and the shown book; working
   * orders back into the OMS and the broker's book (never dropped: what the session rules ended is
   * expired with the reason, durably); then reconcile positions and working orders with the broker.
   * A real broker is compared once it has read its own orders and positions, and again after every
   * reconnect; until the first comparison auto-trading is blocked.
   */
  async restore(): Promise<void> {
    const states = await this.options.ledger.loadPositionStates();
    this.desk.oms.positions.load(states);
    this.desk.broker.loadPositions(states);
    this.acknowledged.load(states);
    this.desk.restoreWorkingOrders(await this.options.ledger.loadWorkingOrders());
    // Orders cancelled at restore (never sent) must be durable before the ledger compares.
    await this.journal.settled();
    this.desk.broker.onReconciled(() => {
      this.brokerReconciled = this.brokerReconciled
        .then(() => this.journal.settled())
        .then(() => this.reconcileWithBroker())
        .then(
          (report) => this.applyReconciliation(report),
          (error: Error) => this.options.outputs.log('error', `reconciliation failed: ${error.message}`),
        );
    });
    if (this.desk.broker.reconciled) this.applyReconciliation(await this.reconcileWithBroker());
    else
      this.applyReconciliation({
        blocksAutoTrading: true,
        blocksAllTrading: false,
        detail: `waiting for ${this.options.brokerName ?? 'the broker'} to report its orders and positions`,
      });
  }

  async resolveReconciliation(note: string): Promise<{ resolved: number }> {
    const resolved = await this.options.ledger.resolveReconciliation({ actor: 'trader', note });
    this.applyReconciliation(await this.reconcileWithBroker());
    return { resolved };
  }

  private reconcileWithBroker(): Promise<ReconciliationReport> {
    const broker = this.desk.broker;
    return this.options.ledger.reconcile(
      broker.positions().map((position) => ({ symbol: position.symbol, quantity: position.quantity })),
      broker.workingOrders().map((order) => ({
        orderId: order.orderId,
        quantity: order.quantity,
        filledQuantity: order.filledQuantity,
      })),
    );
  }

  listInstruments(): InstrumentView[] {
    return this.catalog.all().map(toInstrumentView);
  }

  onMarketEvent(event: MarketEvent): void {
    // Market time starts at the first event (not at 1970): the engine's clock ticks run from there.
    if (this.clock.nowUs() === 0) this.clock.set(event.tsEvent);
    this.market.apply(event);
    this.candles.onMarketEvent(event);
    this.options.record?.(event);
    this.desk.onMarketEvent(event);
    if (event.type === 'trade') this.acknowledged.mark(event.symbol, event.price);
  }

  /**
   * The feed's health: the paper broker trades only while market data is live, and the engine's
   * data-freshness gate blocks new entries until it is (exits keep running).
   */
  onFeedStatus(status: SystemStatus['feed']): void {
    const outage =
      status.state === 'connected'
        ? null
        : `is ${status.state}${status.detail === undefined ? '' : ` (${status.detail})`}`;
    if (outage === this.marketDataOutage) return;
    this.marketDataOutage = outage;
    const tsEvent = this.clock.nowUs();
    // On the tape where the engine hears it, so a replay blocks and fills as this session did (before
    // the first event there is no tape yet, and nothing to block).
    if (tsEvent > 0)
      this.options.record?.({ type: 'marketDataState', symbol: this.underlying, tsEvent, outage });
    this.desk.setMarketDataOutage(outage, tsEvent);
  }

  /**
   * Market time when the feed is silent (closed market, a gap): advances the desk so time exits and
   * bar closes still fire. Called by the worker from a wall-clock timer with an estimate of market time.
   */
  advanceIdle(marketNowUs: number): void {
    const tsEvent = Math.floor(marketNowUs);
    if (tsEvent <= this.clock.nowUs()) return;
    // On the tape too: a replay moves its clock at the same place, so its time exits fire as these did.
    this.options.record?.({ type: 'clock', symbol: this.underlying, tsEvent: asTimestampUs(tsEvent) });
    this.desk.advanceTo(tsEvent);
  }

  get marketNowUs(): number {
    return this.clock.nowUs();
  }

  /** Rebuilds the options context when it is due; the chain comes from the feed asynchronously. */
  maybeRefreshOptionsContext(fetchChain: ((underlying: string) => Promise<ChainSnapshot>) | undefined): void {
    this.optionsContext.maybeRefresh(fetchChain);
  }

  /** Once per frame: conflated ladders, live P&L four times a second, engine status on change, journal batches. */
  publishFrame(): void {
    for (const view of this.market.drainDirty()) this.options.outputs.publish('market.onLadder', view);
    this.candles.publishFrame();
    this.frames++;
    if (this.frames % 15 === 0) {
      if (this.acknowledged.all().some((position) => position.quantity !== 0))
        this.options.outputs.publish('positions.onPositions', this.listPositions());
      this.publishEngineStatus();
      this.publishAutoPanel();
    }
    if (this.frames % JOURNAL_BATCH_FRAMES === 0) this.flushJournal();
  }

  listFills(symbol?: string): Fill[] {
    return symbol === undefined ? this.fills.slice() : this.fills.filter((fill) => fill.symbol === symbol);
  }

  listOrders(): Order[] {
    return this.desk.oms.orders();
  }

  listGroups(): AttachedGroupView[] {
    return this.desk.oms.groups().flatMap((group) => this.groupView(group) ?? []);
  }

  listPositions(): PositionView[] {
    return toPositionViews(
      this.acknowledged,
      this.market,
      (symbol) => this.catalog.get(symbol),
      this.openTimes,
    );
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
    if (mode === 'live' && !this.options.brokerName)
      throw new ApiError('REJECTED', 'live mode needs a real broker; only the paper broker is configured');
    if (mode === 'paper' && this.options.brokerName)
      throw new ApiError(
        'REJECTED',
        `paper mode would send the engine's orders to ${this.options.brokerName}; choose live, or set broker.orders "paper" to trade its data on the paper broker`,
      );
    this.desk.control((engine) => engine.setMode(mode));
    return this.publishEngineStatus(true);
  }

  /** Flattens and stops the engine, and sets it off: after a re-arm the trader picks the mode again. */
  killSwitch(reason: string): EngineStatusView {
    this.desk.control((engine) => engine.killSwitch(reason));
    this.desk.control((engine) => engine.setMode('off'));
    return this.publishEngineStatus(true);
  }

  rearm(): EngineStatusView {
    this.desk.control((engine) => engine.rearm());
    return this.publishEngineStatus(true);
  }

  get preset(): VersionedPreset {
    return this.enginePreset;
  }

  /** Runs the engine on a saved preset version; returns why not when the engine is not idle. */
  usePreset(preset: VersionedPreset): string | null {
    const refused = this.desk.useEnginePreset(preset);
    if (refused === null) {
      this.enginePreset = preset;
      this.publishEngineStatus(true);
    }
    return refused;
  }

  autoPanel(): AutoPanelView {
    return toAutoPanelView(
      this.desk.engine.status(),
      this.enginePreset.params,
      this.desk.engine.recentDecisions(),
      {
        nowUs: this.clock.nowUs(),
        currency: this.catalog.get(this.underlying)?.currency ?? '',
      },
    );
  }

  private publishAutoPanel(force = false): void {
    const panel = this.autoPanel();
    // The clock alone moving is no change: countdowns run in the window from `nowUs`.
    const key = JSON.stringify({ ...panel, nowUs: 0 });
    if (force || key !== this.lastAutoPanel) {
      this.lastAutoPanel = key;
      this.options.outputs.publish('engine.onPanel', panel);
    }
  }

  decisionRecord(decisionId: string): DecisionRecordView {
    const record = this.desk.engine.recentDecisions().find((decision) => decision.decisionId === decisionId);
    if (!record)
      throw new ApiError(
        'BAD_REQUEST',
        `decision ${decisionId} is no longer in memory: the ledger's decisions table keeps it`,
        'decisionId',
      );
    return toDecisionRecordView(record);
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

  private onDurableOrderEvent(order: Order, event: OrderEvent, instrument: Instrument): void {
    this.options.outputs.publish('orders.onOrder', order);
    if (event.type !== 'OrderFilled') return;
    const effect = this.acknowledged.applyFill(event.fill, instrument.multiplier);
    this.openTimes.onFill(event.fill, effect.quantityBefore, effect.position.quantity);
    this.fills.push(event.fill);
    if (this.fills.length > MAX_FILLS_KEPT) this.fills = this.fills.slice(-MAX_FILLS_KEPT / 2);
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

  private applyReconciliation(
    report: Pick<ReconciliationReport, 'blocksAutoTrading' | 'blocksAllTrading' | 'detail'>,
  ): void {
    this.blockedBy = report.blocksAutoTrading ? report.detail : null;
    this.tradingRefused = report.blocksAllTrading ? report.detail : null;
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
    // An operator action (mode, kill, hand-over, preset) shows in the auto panel at once, not next frame.
    if (force) this.publishAutoPanel(true);
    return status;
  }
}
