import type { IdGenerator, Symbol } from '../../../shared/domain/ids';
import type { Instrument, OptionInstrument, OptionRight } from '../../../shared/domain/instrument';
import type { TradingSession } from '../../../shared/domain/instruments/calendar';
import type { DayNumber } from '../../../shared/domain/instruments/civilDate';
import type { Clock } from '../../../shared/domain/time';
import type { PackName, RegimeName } from './config/schema';
import type { VersionedPreset } from './config/presets';
import type { DecisionRecord, EngineCommand, EngineEvent, EngineMode } from './types';

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
  /** ATM IVs (fractions) of earlier recordings, oldest first: seed the IV percentile's history. */
  readonly ivHistory?: readonly number[];
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
  /** When the position opened (µs, market time): the time exit counts from here. */
  readonly entryUs: number;
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
    /** Entries taken today per regime (the regime-budget gate's count). */
    readonly regimeTrades: Readonly<Record<RegimeName, number>>;
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
  /**
   * Gives back what the engine holds in `symbol` (its own entry or a handed-over position): it stops
   * managing it, so no engine exit fires for it later. Refused with a `handBackRefused` alert when it
   * holds nothing there, or an exit or an entry of that symbol is still working.
   */
  handBack(symbol: Symbol): readonly EngineCommand[];
  status(): EngineStatus;
  recentDecisions(): readonly DecisionRecord[];
  /** When the host should call back with a clock tick at the latest (µs). */
  nextWakeUs(): number;
  readonly mode: EngineMode;
}
