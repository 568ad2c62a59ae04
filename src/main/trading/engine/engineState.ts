import type { IdGenerator, Symbol } from '../../../shared/domain/ids';
import type { Instrument } from '../../../shared/domain/instrument';
import type { TradingSession } from '../../../shared/domain/instruments/calendar';
import type { DayNumber } from '../../../shared/domain/instruments/civilDate';
import type { Clock, TimestampUs } from '../../../shared/domain/time';
import type { OptionsContext } from '../../../shared/options/context';
import type { EngineParams } from './config/schema';
import { DEFAULT_UNDERLYING_MOVE_SCALE, SIGNAL_NAMES } from './config/schema';
import type { EngineCalendar, EngineDependencies, InstrumentCatalog } from './engineContract';
import type { ExitContext, ExitProbe } from './exits';
import { ContractState } from './market/contractState';
import { IvHistory } from './options/ivHistory';
import { UnderlyingState } from './market/underlyingState';
import type { EngineOrder } from './orders/engineOrder';
import type { EnginePosition } from './positions/enginePosition';
import { Adaptation } from './regime/adaptation';
import { StrategyRouter } from './regime/strategyRouter';
import { RiskState } from './risk/riskState';
import { SignalBoard } from './signals/signalBoard';
import type { AlertLevel, DecisionRecord, EngineCommand, EngineMode } from './types';

/**
 * Everything the engine knows, in one object. The engine's jobs (dispatch, entry pipeline, exit loop,
 * order tracking, status) are plain functions over this state, so splitting them across files adds no
 * allocation and no extra hop per tick: each reads the same fields `this` would. Only the engine
 * itself (engine.ts) is handed out, typed as the narrow `Engine` interface.
 */
export class EngineState {
  readonly params: EngineParams;
  readonly preset: { readonly name: string; readonly version: number; readonly hash: string };
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly catalog: InstrumentCatalog;
  readonly calendar: EngineCalendar;
  readonly sink: ((command: EngineCommand) => void) | undefined;
  readonly killFlag: Int32Array | undefined;
  readonly evaluationIntervalUs: number;
  readonly decisionsKept: number;

  currentMode: EngineMode;
  killed = false;
  readonly underlyingSymbol: Symbol;
  readonly underlyingInstrument: Instrument;
  readonly underlying: UnderlyingState;
  readonly index: UnderlyingState;
  readonly indexSymbol: Symbol;
  /** Every tradeable contract by symbol (the option contracts, or the underlying itself). */
  readonly contracts = new Map<string, ContractState<Instrument>>();
  /** The option contracts selection chooses from (empty when trading the underlying). */
  readonly contractList: ContractState[] = [];
  /** Trading the underlying (`selection.trade`): its quote, book and prints, as a tradeable contract. */
  readonly underlyingContract: ContractState<Instrument> | null;
  /** Underlying trading settings (the preset's, else the defaults). */
  readonly underlyingTrading: { readonly moveScale: number; readonly lotQuantity: number };
  readonly router: StrategyRouter;
  readonly board: SignalBoard;
  readonly risk: RiskState;
  optionsContext: OptionsContext | null = null;
  /** Why the host's market data cannot be trusted now (a stale or reconnecting feed), or null. */
  marketDataOutage: string | null = null;
  /** ATM IV history: fills the options context's IV percentile (options/ivHistory.ts). */
  readonly ivHistory: IvHistory;
  /** Bounded auto-adaptation of the score bar per regime (regime/adaptation.ts); null when off. */
  readonly adaptation: Adaptation | null;

  readonly positions: EnginePosition[] = [];
  readonly orders = new Map<string, EngineOrder>();
  readonly workingOrders: EngineOrder[] = [];
  readonly manualPositions = new Map<string, { quantity: number; notional: number }>();

  day: DayNumber = -1;
  session: TradingSession | null = null;
  nextDayCheckUs = -1;
  lastTimedUs = -1;
  /** Last candidate time per signal and direction (the candidate throttle). */
  readonly lastCandidateUs: Float64Array;
  readonly decisions: DecisionRecord[] = [];

  output: EngineCommand[] | null = null;
  depth = 0;
  readonly probe: ExitProbe = { value: null, threshold: null };
  readonly exitContext: ExitContext;

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
    this.ivHistory = new IvHistory(config.ivHistory);
    this.adaptation = Adaptation.enabledFor(this.params) ? new Adaptation(this.params) : null;
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
    const underlyingSettings = this.params.selection.underlying;
    this.underlyingTrading = {
      moveScale: underlyingSettings?.moveScale ?? DEFAULT_UNDERLYING_MOVE_SCALE,
      lotQuantity: underlyingSettings?.lotQuantity ?? underlyingInstrument.lotSize,
    };
    if (this.params.selection.trade === 'underlying') {
      const lotQuantity = this.underlyingTrading.lotQuantity;
      if (lotQuantity % underlyingInstrument.lotSize !== 0)
        throw new RangeError(
          `engine: selection.underlying.lotQuantity ${lotQuantity} is not a multiple of ${underlyingInstrument.symbol}'s lot size ${underlyingInstrument.lotSize}`,
        );
      // The engine's lot of the underlying: limits and sizing count these; orders stay whole exchange lots.
      const engineInstrument: Instrument = { ...underlyingInstrument, lotSize: lotQuantity };
      this.underlyingContract = new ContractState<Instrument>(
        engineInstrument,
        this.params.indicators.spreadPercentileSamples,
      );
      this.contracts.set(underlyingInstrument.symbol, this.underlyingContract);
    } else {
      this.underlyingContract = null;
      this.refreshContracts();
    }
    this.router = new StrategyRouter(this.params);
    this.board = new SignalBoard(this.underlying, this.params, this.router);
    this.risk = new RiskState(
      this.params.gates.rejectRate.windowOrders,
      this.params.gates.slippage.windowFills,
    );
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

  emit(command: EngineCommand): void {
    if (this.output === null) this.output = [];
    this.output.push(command);
    if (this.sink !== undefined) this.sink(command);
  }

  alert(now: number, level: AlertLevel, code: string, message: string): void {
    this.emit({ type: 'alert', tsEvent: now as TimestampUs, level, code, message });
  }

  record(record: DecisionRecord): void {
    this.decisions.push(record);
    if (this.decisions.length > this.decisionsKept) this.decisions.shift();
    this.emit({ type: 'decision', record });
  }

  /** Drops contracts that expired before `today` and are not held, so a long replay does not accumulate them. */
  pruneExpiredContracts(today: string): void {
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

  refreshContracts(): void {
    if (this.underlyingContract !== null) return;
    for (const instrument of this.catalog.optionsOf(this.underlyingSymbol)) {
      if (this.contracts.has(instrument.symbol)) continue;
      const state = new ContractState(instrument, this.params.indicators.spreadPercentileSamples);
      this.contracts.set(instrument.symbol, state);
      this.contractList.push(state);
    }
  }
}
