import type { ClientOrderId, IdGenerator, Symbol } from '../../../shared/domain/ids';
import type { Instrument, OptionInstrument, OptionRight } from '../../../shared/domain/instrument';
import type { TradingSession } from '../../../shared/domain/instruments/calendar';
import type { DayNumber } from '../../../shared/domain/instruments/civilDate';
import { parseIsoDate } from '../../../shared/domain/instruments/civilDate';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { OrderRequest } from '../../../shared/domain/orders';
import type { Price } from '../../../shared/domain/price';
import type { Clock, TimestampUs } from '../../../shared/domain/time';
import type { OptionsContext } from '../../../shared/options/context';
import type { EngineParams, PackName, RegimeName } from './config/schema';
import { SIGNAL_NAMES } from './config/schema';
import type { VersionedPreset } from './config/presets';
import { buildIndicatorSnapshot } from './decisions/indicatorSnapshot';
import type { ExitContext, ExitProbe } from './exits';
import { EXIT_RULES } from './exits';
import { greeksTrailFactor } from './exits/greeksTrail';
import type { EntryCandidate, GateContext } from './gates';
import { evaluateGates } from './gates';
import { peakToTroughBreached } from './gates/peakToTrough';
import { ContractState } from './market/contractState';
import { UnderlyingState } from './market/underlyingState';
import { EngineOrder } from './orders/engineOrder';
import { EnginePosition, TRAILING_STAGE_NAMES } from './positions/enginePosition';
import { StrategyRouter } from './regime/strategyRouter';
import { majorToMinor, minorToMajor } from './risk/money';
import { RiskState } from './risk/riskState';
import type { SelectionInput } from './selection/contractSelection';
import { contractDelta, selectContract } from './selection/contractSelection';
import { sizeEntry } from './selection/sizing';
import { SignalBoard } from './signals/signalBoard';
import type { SignalResult } from './signals/signalResult';
import type {
  AlertLevel,
  DecisionOutcome,
  DecisionRecord,
  EngineCommand,
  EngineControlEvent,
  EngineEvent,
  EngineMode,
  ExitSnapshot,
  GateVerdict,
  SignalSnapshot,
  SizingSnapshot,
} from './types';

/** The instruments the engine may trade: the underlying (and index) and the option contracts on it. */
export interface InstrumentCatalog {
  get(symbol: Symbol): Instrument | undefined;
  /** Option contracts on `underlying` currently listed (all expiries the engine may pick from). */
  optionsOf(underlying: Symbol): readonly OptionInstrument[];
}

/** The market calendar the engine reads (a MarketCalendar from src/shared/domain/instruments fits). */
export interface EngineCalendar {
  localDay(tsUs: number): DayNumber;
  session(day: DayNumber): TradingSession | null;
}

export interface EngineConfig {
  readonly mode: EngineMode;
  /** The underlying whose tape drives signals and regime (trades/quotes/depth and/or index ticks). */
  readonly underlying: Symbol;
  /** Index stream for the index-bias gate; defaults to the underlying. */
  readonly indexSymbol?: Symbol;
  readonly preset: VersionedPreset;
  /** Time-based work (bar closes, time exits, entry timeouts) runs at least this often. Default 200 ms. */
  readonly evaluationIntervalMs?: number;
  /** Decision records kept in memory for the auto-trade window. Default 200. */
  readonly recentDecisions?: number;
}

export interface EngineDependencies {
  readonly config: EngineConfig;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly instruments: InstrumentCatalog;
  readonly calendar: EngineCalendar;
  /** Receives every command as it is produced (the same commands are also returned by the call). */
  readonly onCommand?: (command: EngineCommand) => void;
  /**
   * Kill flag shared with other threads (Int32Array over a SharedArrayBuffer, index 0): non-zero pulls
   * the kill switch. It is checked at the start of every event and again immediately before any entry
   * order leaves the engine, so a kill set while the engine is mid-decision stops that entry.
   */
  readonly killFlag?: Int32Array;
}

export interface EnginePositionView {
  readonly symbol: Symbol;
  readonly right: OptionRight;
  readonly ownership: 'auto' | 'handedOver';
  readonly quantity: number;
  readonly averagePrice: number;
  readonly markPrice: number | null;
  readonly unrealisedPnl: number;
  readonly trailingStage: number;
  readonly trailingStageName: string;
  readonly stopPrice: number | null;
  readonly exiting: boolean;
  readonly entryDecisionId: string;
}

export interface EngineStatus {
  readonly mode: EngineMode;
  readonly killed: boolean;
  readonly regime: RegimeName;
  readonly packs: readonly PackName[];
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string };
  readonly positions: readonly EnginePositionView[];
  readonly workingOrders: number;
  readonly risk: {
    readonly dayPnl: number;
    readonly realisedPnl: number;
    readonly peakDayPnl: number;
    readonly tradesToday: number;
    readonly consecutiveLosses: number;
    readonly dayLockedReason: string | null;
    readonly callsEnabled: boolean;
    readonly putsEnabled: boolean;
  };
}

export interface Engine {
  /** Feeds one event; returns the commands it caused (also delivered to `onCommand`). */
  onEvent(event: EngineEvent): readonly EngineCommand[];
  setMode(mode: EngineMode): readonly EngineCommand[];
  /** Flatten all engine positions, cancel working entries, stop entering. Works mid-decision. */
  killSwitch(reason: string): readonly EngineCommand[];
  /** Re-arms after a kill switch (clears the shared flag too). */
  rearm(): readonly EngineCommand[];
  setSideEnabled(right: OptionRight, enabled: boolean): readonly EngineCommand[];
  /** Hands a manual position over to the engine's exits (the engine never touches manual positions otherwise). */
  handOver(symbol: Symbol, position?: { quantity: number; averagePrice: number }): readonly EngineCommand[];
  status(): EngineStatus;
  recentDecisions(): readonly DecisionRecord[];
  /** When the host should call back with a clock tick at the latest (µs). */
  nextWakeUs(): number;
  readonly mode: EngineMode;
}

const NO_COMMANDS: readonly EngineCommand[] = Object.freeze([]) as readonly EngineCommand[];
const SECOND_US = 1_000_000;

/**
 * The automatic scalping engine (issue 4, DESIGN principles 1 and 6): a deterministic state machine.
 * Market data, options context, order events, clock ticks and operator actions go in; orders, alerts
 * and decision records come out. Time comes only from the injected clock, ids only from the injected
 * generator, so the same event sequence yields the same commands. The per-event path (indicators,
 * regime, signals, exits) allocates nothing; a candidate entry or an exit builds its decision record.
 */
export function createEngine(dependencies: EngineDependencies): Engine {
  return new ScalpingEngine(dependencies);
}

class ScalpingEngine implements Engine {
  private readonly params: EngineParams;
  private readonly preset: { readonly name: string; readonly version: number; readonly hash: string };
  private readonly clock: Clock;
  private readonly ids: IdGenerator;
  private readonly catalog: InstrumentCatalog;
  private readonly calendar: EngineCalendar;
  private readonly sink: ((command: EngineCommand) => void) | undefined;
  private readonly killFlag: Int32Array | undefined;
  private readonly evaluationIntervalUs: number;
  private readonly decisionsKept: number;

  private currentMode: EngineMode;
  private killed = false;
  private readonly underlyingSymbol: Symbol;
  private readonly underlyingInstrument: Instrument;
  private readonly underlying: UnderlyingState;
  private readonly index: UnderlyingState;
  private readonly indexSymbol: Symbol;
  private readonly contracts = new Map<string, ContractState>();
  private readonly contractList: ContractState[] = [];
  private readonly router: StrategyRouter;
  private readonly board: SignalBoard;
  private readonly risk: RiskState;
  private optionsContext: OptionsContext | null = null;

  private readonly positions: EnginePosition[] = [];
  private readonly orders = new Map<string, EngineOrder>();
  private readonly workingOrders: EngineOrder[] = [];
  private readonly manualPositions = new Map<string, { quantity: number; notional: number }>();

  private day: DayNumber = -1;
  private session: TradingSession | null = null;
  private nextDayCheckUs = -1;
  private lastTimedUs = -1;
  /** Last candidate time per signal and direction (the candidate throttle). */
  private readonly lastCandidateUs: Float64Array;
  private readonly decisions: DecisionRecord[] = [];

  private output: EngineCommand[] | null = null;
  private depth = 0;
  private readonly probe: ExitProbe = { value: null, threshold: null };
  private readonly exitContext: ExitContext;

  constructor(dependencies: EngineDependencies) {
    const config = dependencies.config;
    this.params = config.preset.params;
    this.preset = { name: config.preset.name, version: config.preset.version, hash: config.preset.hash };
    this.clock = dependencies.clock;
    this.ids = dependencies.ids;
    this.catalog = dependencies.instruments;
    this.calendar = dependencies.calendar;
    this.sink = dependencies.onCommand;
    this.killFlag = dependencies.killFlag;
    this.evaluationIntervalUs = (config.evaluationIntervalMs ?? 200) * 1000;
    this.decisionsKept = config.recentDecisions ?? 200;
    this.currentMode = config.mode;
    this.underlyingSymbol = config.underlying;
    const underlyingInstrument = this.catalog.get(config.underlying);
    if (underlyingInstrument === undefined)
      throw new RangeError(`engine: unknown underlying ${config.underlying}`);
    this.underlyingInstrument = underlyingInstrument;
    this.underlying = new UnderlyingState(this.params, underlyingInstrument.tickUnits);
    this.indexSymbol = config.indexSymbol ?? config.underlying;
    if (this.indexSymbol === this.underlyingSymbol) {
      this.index = this.underlying;
    } else {
      const indexInstrument = this.catalog.get(this.indexSymbol);
      this.index = new UnderlyingState(
        this.params,
        indexInstrument?.tickUnits ?? underlyingInstrument.tickUnits,
      );
    }
    this.refreshContracts();
    this.router = new StrategyRouter(this.params);
    this.board = new SignalBoard(this.underlying, this.params, this.router);
    this.risk = new RiskState(this.params.gates.rejectRate.windowOrders);
    this.risk.callsEnabled = this.params.gates.sideKillSwitch.callsEnabled;
    this.risk.putsEnabled = this.params.gates.sideKillSwitch.putsEnabled;
    this.lastCandidateUs = new Float64Array(SIGNAL_NAMES.length * 2).fill(-Infinity);
    this.exitContext = {
      nowUs: 0,
      params: this.params,
      mark: NaN,
      contract: null,
      underlying: this.underlying,
      underlyingDecimals: underlyingInstrument.priceDecimals,
      optionsContext: null,
      session: null,
      risk: this.risk,
      moneyPerUnit: 1,
      killed: false,
    };
  }

  get mode(): EngineMode {
    return this.currentMode;
  }

  // ------------------------------------------------------------------ event entry point

  onEvent(event: EngineEvent): readonly EngineCommand[] {
    this.depth++;
    try {
      const now = this.clock.nowUs() as number;
      if (this.killFlag !== undefined && !this.killed && Atomics.load(this.killFlag, 0) !== 0) {
        this.doKill(now, 'kill flag raised');
      }
      if (now >= this.nextDayCheckUs) this.checkDay(now);
      this.dispatch(event, now);
      return this.finish();
    } finally {
      this.depth--;
    }
  }

  private finish(): readonly EngineCommand[] {
    if (this.depth > 1) return NO_COMMANDS; // re-entrant call: its commands go out with the outer call
    const output = this.output;
    this.output = null;
    return output ?? NO_COMMANDS;
  }

  private emit(command: EngineCommand): void {
    if (this.output === null) this.output = [];
    this.output.push(command);
    if (this.sink !== undefined) this.sink(command);
  }

  private dispatch(event: EngineEvent, now: number): void {
    switch (event.type) {
      case 'trade':
      case 'quote':
      case 'depth':
      case 'index':
      case 'bar':
        this.onMarketEvent(event, now);
        return;
      case 'clock':
        this.onTimed(now);
        this.evaluateExits(now);
        this.evaluateEntry(now);
        return;
      case 'optionsContext':
        this.optionsContext = event.context;
        this.evaluateExits(now);
        return;
      case 'contractStats': {
        const contract = this.contracts.get(event.symbol);
        if (contract !== undefined) contract.onStats(event);
        return;
      }
      case 'orderBound':
        this.onOrderBound(event.clientOrderId, event.orderId);
        return;
      case 'OrderSubmitted':
      case 'OrderAccepted':
      case 'OrderRejected':
      case 'OrderFilled':
      case 'OrderCancelled':
      case 'OrderExpired':
      case 'OrderModified':
        this.onOrderEvent(event, now);
        this.evaluateExits(now);
        return;
      default:
        this.onControl(event, now);
    }
  }

  private onMarketEvent(event: MarketEvent, now: number): void {
    const symbol = event.symbol as string;
    let drivesSignals = false;
    let bookOnly = false;
    if (symbol === this.underlyingSymbol || symbol === this.indexSymbol) {
      const state = symbol === this.underlyingSymbol ? this.underlying : this.index;
      switch (event.type) {
        case 'trade':
          state.onTrade(event);
          break;
        case 'index':
          state.onIndexValue(event.tsEvent, event.value);
          break;
        case 'quote':
          state.onQuote(event);
          break;
        case 'depth':
          state.onDepth(event);
          break;
        default:
          return; // bars: the engine builds its own from the tape
      }
      drivesSignals = state === this.underlying;
      bookOnly = event.type === 'quote' || event.type === 'depth';
    } else {
      const contract = this.contracts.get(symbol);
      if (contract === undefined) return;
      if (event.type === 'quote') contract.onQuote(event);
      else if (event.type === 'depth') contract.onDepth(event);
      else if (event.type === 'trade') contract.onTrade(event);
    }
    if (now - this.lastTimedUs >= this.evaluationIntervalUs) this.onTimed(now);
    if (this.positions.length > 0) this.evaluateExits(now);
    if (drivesSignals) this.evaluateEntry(now, bookOnly);
  }

  // ------------------------------------------------------------------ time

  private checkDay(now: number): void {
    const day = this.calendar.localDay(now);
    this.nextDayCheckUs = this.dayEndUs(day, now);
    if (day === this.day) return;
    const firstDay = this.day < 0;
    this.day = day;
    this.session = this.calendar.session(day);
    this.risk.startDay(day);
    this.lastCandidateUs.fill(-Infinity);
    if (!firstDay) {
      this.underlying.resetSession();
      if (this.index !== this.underlying) this.index.resetSession();
      if (this.session !== null) this.pruneExpiredContracts(this.session.date);
      this.refreshContracts();
    }
  }

  /**
   * First instant of the next exchange-local day, found once per day by bisection on the calendar's
   * localDay (the calendar owns the time zone and its daylight-saving rules), so the per-event check
   * is a single comparison.
   */
  private dayEndUs(day: DayNumber, now: number): number {
    let low = now;
    let high = now + 26 * 3600 * SECOND_US;
    while (high - low > 1) {
      const middle = Math.floor((low + high) / 2);
      if (this.calendar.localDay(middle) > day) high = middle;
      else low = middle;
    }
    return high;
  }

  /** Time-based work: bar closes without prints, entry timeouts, exit retries. */
  private onTimed(now: number): void {
    this.lastTimedUs = now;
    this.underlying.advanceTime(now);
    if (this.index !== this.underlying) this.index.advanceTime(now);
    const entry = this.params.entry;
    const timeoutUs = entry.timeoutMs * 1000;
    for (let i = 0; i < this.workingOrders.length; i++) {
      const order = this.workingOrders[i];
      if (order.purpose !== 'entry' || order.cancelRequested) continue;
      // IOC entries end by themselves; the timeout still covers an acknowledgement that never comes.
      if (now - order.placedUs >= timeoutUs) {
        order.cancelRequested = true;
        this.emit({
          type: 'cancelOrder',
          tsEvent: now as TimestampUs,
          orderId: order.clientOrderId,
          decisionId: order.decisionId,
          reason: 'entry timeout',
        });
      } else if (
        order.timeInForce === 'DAY' &&
        entry.chaseTicks > 0 &&
        order.chases < entry.maxChases &&
        order.limitPrice === order.limitPrice
      ) {
        this.chaseEntry(order, now);
      }
    }
  }

  /** Re-prices a working DAY limit entry the market ran away from (entry.chaseTicks). */
  private chaseEntry(order: EngineOrder, now: number): void {
    const contract = this.contracts.get(order.symbol);
    if (contract === undefined || !contract.hasQuote) return;
    const tick = contract.instrument.tickUnits;
    if (contract.ask < order.limitPrice + this.params.entry.chaseTicks * tick) return;
    const limit = Math.ceil(contract.ask / tick) * tick + this.params.entry.offsetTicks * tick;
    if (limit / 10 ** contract.instrument.priceDecimals > this.params.selection.maxPremium) return;
    order.limitPrice = limit;
    order.chases++;
    this.emit({
      type: 'modifyOrder',
      tsEvent: now as TimestampUs,
      orderId: order.clientOrderId,
      decisionId: order.decisionId,
      changes: { limitPrice: limit as Price },
    });
  }

  nextWakeUs(): number {
    return (
      (this.lastTimedUs < 0 ? (this.clock.nowUs() as number) : this.lastTimedUs) + this.evaluationIntervalUs
    );
  }

  // ------------------------------------------------------------------ entries

  private entriesAllowed(): boolean {
    return !this.killed && this.currentMode !== 'off';
  }

  private evaluateEntry(now: number, bookOnly = false): void {
    if (!this.entriesAllowed()) return;
    const regime = this.underlying.regime.regime;
    const best = this.board.evaluate(now, regime, bookOnly);
    if (best === null) return;
    const key = SIGNAL_NAMES.indexOf(best.name) * 2 + (best.direction === 'bullish' ? 0 : 1);
    if (now - this.lastCandidateUs[key] < this.params.signals.candidateIntervalMs * 1000) return;
    this.lastCandidateUs[key] = now;
    this.decideEntry(now, best, regime);
  }

  private decideEntry(now: number, best: SignalResult, regime: RegimeName): void {
    const params = this.params;
    const decisionId = this.ids.next('decision');
    const signal = best.toSnapshot();
    const considered: SignalSnapshot[] = [];
    for (let i = 0; i < this.board.firedCount; i++) considered.push(this.board.fired[i].toSnapshot());
    const right: OptionRight = best.direction === 'bullish' ? 'CE' : 'PE';
    const pack = this.router.packFor(regime, best.name) as PackName;
    const stopMultiplier = this.router.stopMultiplier(pack);

    const selection = selectContract(this.selectionInput(right, now));
    const contract = selection.contract;
    let sizing: SizingSnapshot | null = null;
    if (contract !== null) {
      sizing = sizeEntry({
        params: params.sizing,
        instrument: contract.instrument,
        premium: contract.ask,
        stopPercent: params.exits.hardStop.stopLossPercent * stopMultiplier,
        ivPercentile: this.optionsContext?.ivPercentile ?? null,
        pcr: this.optionsContext?.pcr ?? null,
        direction: best.direction,
        packMultiplier: this.router.sizeMultiplier(pack),
      });
    }
    const candidate: EntryCandidate = {
      direction: best.direction,
      right,
      score: best.confidence,
      signal: best.name,
      regime,
      pack,
      lots: sizing?.lots ?? 0,
    };
    const gates: GateVerdict[] = [
      contract === null
        ? {
            name: 'contractSelection',
            value: null,
            threshold: params.selection.targetDelta,
            verdict: 'block',
            detail: `no ${right} contract among ${selection.considered} considered: ${JSON.stringify(selection.rejected)}`,
          }
        : {
            name: 'contractSelection',
            value: contract.instrument.symbol,
            threshold: params.selection.targetDelta,
            verdict: 'pass',
          },
    ];
    if (sizing !== null) {
      gates.push({
        name: 'sizing',
        value: sizing.lots,
        threshold: 1,
        verdict: sizing.lots >= 1 ? 'pass' : 'block',
      });
    }
    const gateContext = this.gateContext(now, contract);
    const verdicts = evaluateGates(candidate, gateContext);
    for (const verdict of verdicts) gates.push(verdict);
    const blockedBy: string[] = [];
    for (const verdict of gates) if (verdict.verdict === 'block') blockedBy.push(verdict.name);
    this.lockDayIfNeeded(now);

    let outcome: DecisionOutcome =
      blockedBy.length > 0 ? 'blocked' : this.currentMode === 'shadow' ? 'shadow' : 'placed';
    const orders: string[] = [];
    if (outcome === 'placed' && contract !== null && sizing !== null) {
      // Last look before an order leaves: a kill pulled mid-decision (another thread's flag) wins.
      if (this.killed || (this.killFlag !== undefined && Atomics.load(this.killFlag, 0) !== 0)) {
        if (!this.killed) this.doKill(now, 'kill flag raised');
        outcome = 'blocked';
        blockedBy.push('killSwitch');
        gates.push({
          name: 'killSwitch',
          value: 'killed',
          threshold: null,
          verdict: 'block',
          detail: 'kill switch pulled during the decision',
        });
      } else {
        const clientOrderId = this.ids.next('order');
        const order = new EngineOrder(
          clientOrderId,
          decisionId,
          'entry',
          contract.instrument.symbol,
          right,
          sizing.quantity,
          now,
          params.entry.timeInForce,
          best.name,
          regime,
          pack,
          stopMultiplier,
        );
        const request = this.entryRequest(contract, sizing.quantity, decisionId, clientOrderId);
        order.limitPrice = request.limitPrice ?? NaN;
        order.mode = this.currentMode === 'live' ? 'live' : 'paper';
        this.track(order);
        this.risk.recordEntry(now, regime);
        orders.push(clientOrderId);
        this.emit({
          type: 'placeOrder',
          tsEvent: now as TimestampUs,
          clientOrderId: clientOrderId as ClientOrderId,
          decisionId,
          purpose: 'entry',
          mode: this.currentMode,
          request,
        });
      }
    }
    this.record({
      decisionId,
      kind: 'entry',
      tsEvent: now as TimestampUs,
      mode: this.currentMode,
      underlying: this.underlyingSymbol,
      symbol: contract?.instrument.symbol ?? null,
      right,
      outcome,
      signal,
      signalsConsidered: considered,
      score: best.confidence,
      regime,
      packs: this.router.packs(regime),
      gates,
      blockedBy,
      selection: selection.snapshot,
      sizing,
      exit: null,
      indicators: buildIndicatorSnapshot(now, params, this.underlying, this.index, contract),
      optionsContext: this.optionsContext,
      preset: this.preset,
      orders,
    });
  }

  private selectionInput(right: OptionRight, now: number): SelectionInput {
    const session = this.session;
    const closeUs = session === null ? NaN : (session.squareOffUs ?? session.closeUs);
    return {
      right,
      nowUs: now,
      today: session?.date ?? '',
      minutesToClose: session === null ? Infinity : (closeUs - now) / 60_000_000,
      spot: this.underlying.lastPrice / 10 ** this.underlyingInstrument.priceDecimals,
      contracts: this.contractList,
      params: this.params.selection,
      atmIv: this.optionsContext?.atmIV ?? NaN,
      expiryCloseUs: (expiry: string) => this.expiryCloseUs(expiry),
    };
  }

  private expiryCloseUs(expiry: string): number {
    // Expiry dates are exchange-local; the contract expires at that day's close.
    const session = this.session;
    if (session !== null && session.date === expiry) return session.closeUs;
    const day = parseIsoDate(expiry);
    const expirySession = this.calendar.session(day);
    return expirySession === null ? day * 86_400_000_000 : expirySession.closeUs;
  }

  private gateContext(now: number, contract: ContractState | null): GateContext {
    let lotsOnSymbol = 0;
    if (contract !== null) {
      for (const position of this.positions) {
        if (position.symbol === contract.instrument.symbol)
          lotsOnSymbol += position.quantity / contract.instrument.lotSize;
      }
    }
    let pendingEntries = 0;
    for (const order of this.workingOrders) if (order.purpose === 'entry') pendingEntries++;
    return {
      nowUs: now,
      params: this.params,
      session: this.session,
      underlying: this.underlying,
      underlyingDecimals: this.underlyingInstrument.priceDecimals,
      index: this.index,
      indexIsUnderlying: this.index === this.underlying,
      contract,
      optionsContext: this.optionsContext,
      risk: this.risk,
      openPositions: this.positions.length,
      pendingEntries,
      lotsOnSymbol,
    };
  }

  private entryRequest(
    contract: ContractState,
    quantity: number,
    decisionId: string,
    clientOrderId: string,
  ): OrderRequest {
    const entry = this.params.entry;
    const tick = contract.instrument.tickUnits;
    if (entry.orderType === 'market') {
      return {
        symbol: contract.instrument.symbol,
        side: 'buy',
        type: 'market',
        quantity,
        timeInForce: entry.timeInForce,
        source: 'auto',
        clientOrderId: clientOrderId as ClientOrderId,
        tag: decisionId,
      };
    }
    const limit = Math.ceil(contract.ask / tick) * tick + entry.offsetTicks * tick;
    return {
      symbol: contract.instrument.symbol,
      side: 'buy',
      type: 'limit',
      quantity,
      limitPrice: limit as Price,
      timeInForce: entry.timeInForce,
      source: 'auto',
      clientOrderId: clientOrderId as ClientOrderId,
      tag: decisionId,
    };
  }

  // ------------------------------------------------------------------ exits

  private evaluateExits(now: number): void {
    const positions = this.positions;
    if (positions.length === 0) {
      this.risk.updateDayPnl(0);
      return;
    }
    const context = this.exitContext;
    context.nowUs = now;
    context.optionsContext = this.optionsContext;
    context.session = this.session;
    context.killed = this.killed;
    this.markPositions();
    this.lockDayIfNeeded(now);
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i];
      if (position.exitOrderId !== null) continue;
      if (
        position.lastExitAttemptUs >= 0 &&
        now - position.lastExitAttemptUs < this.params.exits.retryMs * 1000
      )
        continue;
      const contract = this.contracts.get(position.symbol) ?? null;
      context.contract = contract;
      context.mark = contract === null ? NaN : contract.mark(this.params.exits.markPrice);
      context.moneyPerUnit = position.moneyPerUnit;
      if (
        this.params.exits.greeksTrail.enabled &&
        now - position.trailFactorUs >= SECOND_US &&
        contract !== null
      ) {
        this.refreshTrailFactor(position, contract, now);
      }
      for (let r = 0; r < EXIT_RULES.length; r++) {
        const rule = EXIT_RULES[r];
        if (rule.check(position, context, this.probe)) {
          this.exitPosition(now, position, rule.name, contract, context.mark);
          break;
        }
      }
    }
  }

  /** Marks every engine position (peak for the trailing stop) and refreshes the day's P&L with them. */
  private markPositions(): void {
    const positions = this.positions;
    let unrealised = 0;
    for (let i = 0; i < positions.length; i++) {
      const position = positions[i];
      const contract = this.contracts.get(position.symbol);
      const mark = contract === undefined ? NaN : contract.mark(this.params.exits.markPrice);
      if (mark > position.peakPrice) position.peakPrice = mark;
      if (mark === mark)
        unrealised += (mark - position.averagePrice) * position.quantity * position.moneyPerUnit;
    }
    this.risk.updateDayPnl(unrealised);
  }

  private refreshTrailFactor(position: EnginePosition, contract: ContractState, now: number): void {
    position.trailFactorUs = now;
    let delta = contract.delta;
    if (!Number.isFinite(delta) && this.underlying.lastPrice > 0)
      delta = contractDelta(contract, this.selectionInput(position.right, now));
    position.trailFactor = greeksTrailFactor(
      delta,
      this.optionsContext?.ivPercentile ?? null,
      this.params.exits.greeksTrail,
    );
  }

  private lockDayIfNeeded(now: number): void {
    const risk = this.risk;
    if (risk.dayLockedReason !== null) return;
    if (this.params.gates.dailyLossLimit.enabled || this.params.exits.dailyLoss.enabled) {
      if (risk.dayPnl <= -majorToMinor(this.params.risk.dailyLossLimit)) {
        risk.dayLockedReason = 'dailyLossLimit';
        this.alert(
          now,
          'critical',
          'dailyLossLimit',
          `daily loss limit reached (${minorToMajor(risk.dayPnl)}): no more entries today, engine positions closed`,
        );
        return;
      }
    }
    if (
      this.params.gates.peakToTrough.enabled &&
      peakToTroughBreached(risk, this.params.gates.peakToTrough)
    ) {
      risk.dayLockedReason = 'peakToTrough';
      this.alert(
        now,
        'warning',
        'peakToTrough',
        `gave back ${this.params.gates.peakToTrough.maxGivebackPercent}% of the day's peak: no more entries today`,
      );
    }
  }

  private exitPosition(
    now: number,
    position: EnginePosition,
    rule: string,
    contract: ContractState | null,
    mark: number,
  ): void {
    const decisionId = this.ids.next('decision');
    const orders: string[] = [];
    position.exitRule = rule;
    position.exitDecisionId = decisionId;
    position.lastExitAttemptUs = now;
    // Positions only exist from real fills, so their exits are always real orders, routed where the
    // position was opened, whatever the mode is now (switching to shadow or off never strands one).
    const clientOrderId = this.ids.next('order');
    const order = new EngineOrder(
      clientOrderId,
      decisionId,
      'exit',
      position.symbol,
      position.right,
      position.quantity,
      now,
      'IOC',
      position.signal,
      position.regime,
      null,
      position.stopMultiplier,
    );
    this.track(order);
    position.exitOrderId = clientOrderId;
    orders.push(clientOrderId);
    this.emit({
      type: 'placeOrder',
      tsEvent: now as TimestampUs,
      clientOrderId: clientOrderId as ClientOrderId,
      decisionId,
      purpose: 'exit',
      mode: position.routeMode,
      request: this.exitRequest(position, contract, decisionId, clientOrderId),
    });
    const exit: ExitSnapshot = {
      rule,
      value: this.probe.value,
      threshold:
        typeof this.probe.threshold === 'number'
          ? Math.round(this.probe.threshold * 10_000) / 10_000
          : this.probe.threshold,
      trailingStage: position.trailingStage,
      stopPrice: Number.isFinite(position.trailingStopPrice)
        ? Math.round(position.trailingStopPrice * 100) / 100
        : null,
      entryPrice: position.averagePrice,
      markPrice: Number.isFinite(mark) ? mark : null,
      quantity: position.quantity,
      unrealisedPnl: Number.isFinite(mark)
        ? minorToMajor((mark - position.averagePrice) * position.quantity * position.moneyPerUnit)
        : 0,
      heldMs: (now - position.entryUs) / 1000,
    };
    this.record({
      decisionId,
      kind: 'exit',
      tsEvent: now as TimestampUs,
      mode: this.currentMode,
      underlying: this.underlyingSymbol,
      symbol: position.symbol,
      right: position.right,
      outcome: 'exit',
      signal: null,
      signalsConsidered: [],
      score: 0,
      regime: this.underlying.regime.regime,
      packs: this.router.packs(this.underlying.regime.regime),
      gates: [],
      blockedBy: [],
      selection: null,
      sizing: null,
      exit,
      indicators: buildIndicatorSnapshot(now, this.params, this.underlying, this.index, contract),
      optionsContext: this.optionsContext,
      preset: this.preset,
      orders,
    });
  }

  private exitRequest(
    position: EnginePosition,
    contract: ContractState | null,
    decisionId: string,
    clientOrderId: string,
  ): OrderRequest {
    const exits = this.params.exits;
    const base = {
      symbol: position.symbol,
      side: 'sell' as const,
      quantity: position.quantity,
      reduceOnly: true,
      // A handed-over position is still the trader's (manual) position: its exit must reduce that
      // position, not the engine's own in the same contract.
      source: position.ownership === 'handedOver' ? ('manual' as const) : ('auto' as const),
      clientOrderId: clientOrderId as ClientOrderId,
      tag: decisionId,
    };
    const tick = position.instrument.tickUnits;
    if (exits.orderType === 'market' || contract === null || !(contract.bid > 0)) {
      return { ...base, type: 'market', timeInForce: 'IOC' };
    }
    const limit = Math.max(tick, Math.floor(contract.bid / tick) * tick - exits.offsetTicks * tick);
    return { ...base, type: 'limit', limitPrice: limit as Price, timeInForce: 'IOC' };
  }

  // ------------------------------------------------------------------ orders

  private track(order: EngineOrder): void {
    this.orders.set(order.clientOrderId, order);
    this.workingOrders.push(order);
  }

  private onOrderBound(clientOrderId: string, orderId: string): void {
    const order = this.orders.get(clientOrderId);
    if (order === undefined) return;
    order.bind();
    this.orders.set(orderId, order);
  }

  private onOrderEvent(event: OrderEvent, now: number): void {
    const order = this.orders.get(event.orderId);
    if (order === undefined) {
      if (event.type === 'OrderFilled' && event.fill.source === 'manual') this.trackManualFill(event);
      return;
    }
    switch (event.type) {
      case 'OrderAccepted':
        if (!order.accepted) {
          order.accepted = true;
          this.risk.recordOrderOutcome(false);
        }
        return;
      case 'OrderFilled':
        this.onFill(order, event, now);
        return;
      case 'OrderRejected':
        this.risk.recordOrderOutcome(true);
        this.checkRejectRate(now);
        this.alert(
          now,
          'warning',
          'orderRejected',
          `${order.purpose} order ${order.clientOrderId} on ${order.symbol} rejected: ${event.reason}`,
        );
        this.onSliceTerminal(order, event.orderId, now);
        return;
      case 'OrderCancelled':
      case 'OrderExpired':
        this.onSliceTerminal(order, event.orderId, now);
        return;
      default:
        return;
    }
  }

  private checkRejectRate(now: number): void {
    const params = this.params.gates.rejectRate;
    if (!params.enabled || this.risk.recentRejects() < params.maxRejects) return;
    this.risk.rejectPauseUntilUs = now + params.pauseMinutes * 60_000_000;
    this.risk.clearOutcomes();
    this.alert(
      now,
      'critical',
      'rejectRatePause',
      `${params.maxRejects} rejects in the last ${params.windowOrders} orders: entries paused for ${params.pauseMinutes} min`,
    );
  }

  private onFill(order: EngineOrder, event: Extract<OrderEvent, { type: 'OrderFilled' }>, now: number): void {
    const fill = event.fill;
    order.filledQuantity += fill.quantity;
    order.filledNotional += fill.quantity * fill.price;
    if (order.purpose === 'entry') {
      let position = this.positions.find(
        (candidate) => candidate.symbol === order.symbol && candidate.ownership === 'auto',
      );
      if (position === undefined) {
        const contract = this.contracts.get(order.symbol);
        if (contract === undefined) return;
        position = new EnginePosition(
          order.symbol,
          contract.instrument,
          'auto',
          order.decisionId,
          order.signal,
          order.regime,
          order.stopMultiplier,
        );
        position.routeMode = order.mode;
        this.captureEntryContext(position, contract);
        this.positions.push(position);
      }
      position.addFill(fill.quantity, fill.price, fill.tsEvent);
      position.charges += fill.charges;
      position.realisedPnl -= fill.charges;
    } else {
      const position = this.positions.find((candidate) => candidate.exitOrderId === order.clientOrderId);
      if (position !== undefined) this.reducePosition(position, fill.quantity, fill.price, fill.charges, now);
    }
    if (order.filledQuantity >= order.quantity) this.completeOrder(order, now);
  }

  private captureEntryContext(position: EnginePosition, contract: ContractState): void {
    position.underlyingAtEntry = this.underlying.lastPrice / 10 ** this.underlyingInstrument.priceDecimals;
    position.spreadTicksAtEntry = contract.hasQuote ? contract.spreadTicks() : NaN;
    const options = this.optionsContext;
    if (options !== null) {
      position.oiChangeCallAtEntry = options.oiChangeCE;
      position.oiChangePutAtEntry = options.oiChangePE;
      position.atmIvAtEntry = options.atmIV;
    }
  }

  private reducePosition(
    position: EnginePosition,
    quantity: number,
    price: number,
    charges: number,
    now: number,
  ): void {
    const closed = Math.min(quantity, position.quantity);
    position.realisedPnl += (price - position.averagePrice) * closed * position.moneyPerUnit - charges;
    position.charges += charges;
    position.quantity -= closed;
    if (position.quantity > 0) return;
    const index = this.positions.indexOf(position);
    if (index >= 0) this.positions.splice(index, 1);
    this.risk.recordClosedTrade(now, position.right, position.realisedPnl);
    // Other positions stay open: the day's P&L is realised plus their marks, not realised alone.
    this.markPositions();
    this.lockDayIfNeeded(now);
  }

  private onSliceTerminal(order: EngineOrder, _orderId: string, now: number): void {
    order.openSlices--;
    if (order.openSlices > 0 && order.filledQuantity < order.quantity) return;
    this.completeOrder(order, now);
  }

  private completeOrder(order: EngineOrder, now: number): void {
    const index = this.workingOrders.indexOf(order);
    if (index < 0) return;
    this.workingOrders.splice(index, 1);
    for (const [key, value] of this.orders) if (value === order) this.orders.delete(key);
    if (order.purpose === 'entry') {
      if (order.filledQuantity === 0) this.risk.refundEntry(order.regime);
      return;
    }
    const position = this.positions.find((candidate) => candidate.exitOrderId === order.clientOrderId);
    if (position !== undefined) {
      // Exit not (fully) filled: the position stays managed and the exit is retried after retryMs.
      position.exitOrderId = null;
      position.lastExitAttemptUs = now;
    }
  }

  private trackManualFill(event: Extract<OrderEvent, { type: 'OrderFilled' }>): void {
    const fill = event.fill;
    const current = this.manualPositions.get(fill.symbol) ?? { quantity: 0, notional: 0 };
    const signed = fill.side === 'buy' ? fill.quantity : -fill.quantity;
    if (Math.sign(current.quantity + signed) !== Math.sign(current.quantity) && current.quantity !== 0) {
      current.quantity += signed;
      current.notional = current.quantity * fill.price;
    } else if (Math.abs(current.quantity + signed) > Math.abs(current.quantity)) {
      current.quantity += signed;
      current.notional += signed * fill.price;
    } else {
      const average = current.quantity === 0 ? 0 : current.notional / current.quantity;
      current.quantity += signed;
      current.notional = current.quantity * average;
    }
    if (current.quantity === 0) this.manualPositions.delete(fill.symbol);
    else this.manualPositions.set(fill.symbol, current);
  }

  // ------------------------------------------------------------------ control

  private onControl(event: EngineControlEvent, now: number): void {
    switch (event.type) {
      case 'setMode': {
        const previous = this.currentMode;
        this.currentMode = event.mode;
        this.alert(now, 'info', 'modeChanged', `mode ${previous} → ${event.mode}`);
        return;
      }
      case 'killSwitch':
        if (!this.killed) this.doKill(now, event.reason);
        return;
      case 'rearm':
        this.killed = false;
        if (this.killFlag !== undefined) Atomics.store(this.killFlag, 0, 0);
        this.alert(now, 'info', 'rearmed', 'kill switch released: the engine may enter again');
        return;
      case 'setSideEnabled':
        if (event.right === 'CE') this.risk.callsEnabled = event.enabled;
        else this.risk.putsEnabled = event.enabled;
        this.alert(
          now,
          event.enabled ? 'info' : 'warning',
          'sideKillSwitch',
          `${event.right} entries ${event.enabled ? 'enabled' : 'stopped'}`,
        );
        return;
      case 'handOver':
        this.takeOver(now, event.symbol, event.position);
        return;
    }
  }

  private doKill(now: number, reason: string): void {
    this.killed = true;
    this.alert(
      now,
      'critical',
      'killSwitch',
      `kill switch: ${reason} — cancelling entries, flattening engine positions, engine stopped`,
    );
    for (let i = 0; i < this.workingOrders.length; i++) {
      const order = this.workingOrders[i];
      // Working exits are already flattening; cancelling them would race a second exit.
      if (order.purpose !== 'entry' || order.cancelRequested) continue;
      order.cancelRequested = true;
      this.emit({
        type: 'cancelOrder',
        tsEvent: now as TimestampUs,
        orderId: order.clientOrderId,
        decisionId: order.decisionId,
        reason: 'kill switch',
      });
    }
    for (const position of this.positions) position.lastExitAttemptUs = -1;
    this.evaluateExits(now);
  }

  private takeOver(now: number, symbol: Symbol, given?: { quantity: number; averagePrice: number }): void {
    const contract = this.contracts.get(symbol);
    const manual = this.manualPositions.get(symbol);
    const quantity = given?.quantity ?? manual?.quantity ?? 0;
    const averagePrice =
      given?.averagePrice ??
      (manual !== undefined && manual.quantity !== 0 ? manual.notional / manual.quantity : 0);
    if (this.currentMode !== 'paper' && this.currentMode !== 'live') {
      this.alert(
        now,
        'warning',
        'handOverRefused',
        `cannot take over ${symbol} in ${this.currentMode} mode: its exits would send no orders`,
      );
      return;
    }
    if (contract === undefined || quantity <= 0 || !(averagePrice > 0)) {
      this.alert(
        now,
        'warning',
        'handOverRefused',
        `cannot take over ${symbol}: the engine manages long option positions on ${this.underlyingSymbol} only`,
      );
      return;
    }
    if (this.positions.some((position) => position.symbol === symbol && position.ownership === 'handedOver'))
      return;
    const position = new EnginePosition(
      symbol,
      contract.instrument,
      'handedOver',
      this.ids.next('handover'),
      null,
      this.underlying.regime.regime,
      1,
    );
    position.routeMode = this.currentMode;
    position.addFill(quantity, averagePrice, now);
    const mark = contract.mark(this.params.exits.markPrice);
    if (mark > position.peakPrice) position.peakPrice = mark;
    this.captureEntryContext(position, contract);
    this.positions.push(position);
    this.manualPositions.delete(symbol);
    this.alert(
      now,
      'info',
      'handOver',
      `${symbol} (${quantity} @ ${averagePrice}) handed over to the engine's exits`,
    );
    this.evaluateExits(now);
  }

  private alert(now: number, level: AlertLevel, code: string, message: string): void {
    this.emit({ type: 'alert', tsEvent: now as TimestampUs, level, code, message });
  }

  private record(record: DecisionRecord): void {
    this.decisions.push(record);
    if (this.decisions.length > this.decisionsKept) this.decisions.shift();
    this.emit({ type: 'decision', record });
  }

  /** Drops contracts that expired before `today` and are not held, so a long replay does not accumulate them. */
  private pruneExpiredContracts(today: string): void {
    for (let i = this.contractList.length - 1; i >= 0; i--) {
      const contract = this.contractList[i];
      const symbol = contract.instrument.symbol;
      if (
        contract.instrument.expiry >= today ||
        this.positions.some((position) => position.symbol === symbol)
      )
        continue;
      this.contractList.splice(i, 1);
      this.contracts.delete(symbol);
    }
  }

  private refreshContracts(): void {
    for (const instrument of this.catalog.optionsOf(this.underlyingSymbol)) {
      if (this.contracts.has(instrument.symbol)) continue;
      const state = new ContractState(instrument, this.params.indicators.spreadPercentileSamples);
      this.contracts.set(instrument.symbol, state);
      this.contractList.push(state);
    }
  }

  // ------------------------------------------------------------------ operator shorthands

  private control(event: EngineControlEvent): readonly EngineCommand[] {
    return this.onEvent(event);
  }

  setMode(mode: EngineMode): readonly EngineCommand[] {
    return this.control({ type: 'setMode', tsEvent: this.clock.nowUs(), mode });
  }

  killSwitch(reason: string): readonly EngineCommand[] {
    return this.control({ type: 'killSwitch', tsEvent: this.clock.nowUs(), reason });
  }

  rearm(): readonly EngineCommand[] {
    return this.control({ type: 'rearm', tsEvent: this.clock.nowUs() });
  }

  setSideEnabled(right: OptionRight, enabled: boolean): readonly EngineCommand[] {
    return this.control({ type: 'setSideEnabled', tsEvent: this.clock.nowUs(), right, enabled });
  }

  handOver(symbol: Symbol, position?: { quantity: number; averagePrice: number }): readonly EngineCommand[] {
    return this.control({ type: 'handOver', tsEvent: this.clock.nowUs(), symbol, position });
  }

  recentDecisions(): readonly DecisionRecord[] {
    return this.decisions.slice();
  }

  status(): EngineStatus {
    const markKind = this.params.exits.markPrice;
    const regime = this.underlying.regime.regime;
    return {
      mode: this.currentMode,
      killed: this.killed,
      regime,
      packs: this.router.packs(regime),
      preset: this.preset,
      workingOrders: this.workingOrders.length,
      positions: this.positions.map((position) => {
        const contract = this.contracts.get(position.symbol);
        const mark = contract === undefined ? NaN : contract.mark(markKind);
        return {
          symbol: position.symbol,
          right: position.right,
          ownership: position.ownership,
          quantity: position.quantity,
          averagePrice: position.averagePrice,
          markPrice: Number.isFinite(mark) ? mark : null,
          unrealisedPnl: Number.isFinite(mark)
            ? minorToMajor((mark - position.averagePrice) * position.quantity * position.moneyPerUnit)
            : 0,
          trailingStage: position.trailingStage,
          trailingStageName: TRAILING_STAGE_NAMES[position.trailingStage],
          stopPrice: Number.isFinite(position.trailingStopPrice) ? position.trailingStopPrice : null,
          exiting: position.exitOrderId !== null,
          entryDecisionId: position.entryDecisionId,
        };
      }),
      risk: {
        dayPnl: minorToMajor(this.risk.dayPnl),
        realisedPnl: minorToMajor(this.risk.realisedPnl),
        peakDayPnl: minorToMajor(this.risk.peakDayPnl),
        tradesToday: this.risk.tradesToday,
        consecutiveLosses: this.risk.consecutiveLosses,
        dayLockedReason: this.risk.dayLockedReason,
        callsEnabled: this.risk.callsEnabled,
        putsEnabled: this.risk.putsEnabled,
      },
    };
  }
}
