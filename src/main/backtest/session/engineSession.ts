import type { Symbol } from '../../../shared/domain/ids';
import { createSequentialIds } from '../../../shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Fill } from '../../../shared/domain/orders';
import { unknownPresetMessage } from '../../../shared/domain/enginePresets';
import { ManualClock } from '../../../shared/domain/time';
import type { RecordedEvent } from '../../../shared/recording/events';
import type { PaperBrokerConfig } from '../../trading/broker/paper/paperConfig';
import type { InstrumentCatalog } from '../../trading/engine/engine';
import { TradingDesk } from '../../trading/desk/tradingDesk';
import { paperBroker } from '../../trading/broker/paper/paperBroker';
import {
  isBuiltInPresetName,
  loadBuiltInPreset,
  PresetError,
  revisePreset,
  type VersionedPreset,
} from '../../trading/engine/config/presets';
import type { DecisionRecord, EngineCommand, EngineEvent } from '../../trading/engine/types';
import { MemoryOrderJournal } from '../../trading/oms/orderJournal';
import { loadMarketProfile } from '../../trading/reference/marketProfiles';
import { replayMarketTerms } from './historicalCharges';
import { resolveInstrument } from './instrumentResolver';
import { DECISION_SAMPLE_EVERY } from './replaySession';
import type {
  DecisionSummary,
  ReplaySession,
  ReplaySessionFactory,
  ReplaySessionResult,
  ReplaySessionSetup,
} from './replaySession';

export interface EngineSessionOptions {
  /** The underlying the engine watches; default: the recording's meta, else the first index symbol, else the first option's underlying, else the first symbol. */
  readonly underlying?: Symbol;
  readonly indexSymbol?: Symbol;
  /** Paper broker settings over its defaults (the seed always comes from the replay). */
  readonly broker?: Partial<PaperBrokerConfig>;
  /** Sees every engine command (decisions, orders, alerts) as it is produced: the parity check, the replay window. */
  readonly onCommand?: (command: EngineCommand) => void;
  /** Sees the preset the session resolved (after overrides), once, before the first event reaches the engine. */
  readonly onPreset?: (preset: VersionedPreset) => void;
  /** Sees every order event from the paper broker, in order. */
  readonly onOrderEvent?: (event: OrderEvent) => void;
}

/** Deep merge of plain objects: `overrides` wins, arrays and scalars are replaced whole. */
export function mergeParams(base: unknown, overrides: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return overrides;
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) return overrides;
  const result: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides as Record<string, unknown>))
    result[key] = key in result ? mergeParams(result[key], value) : value;
  return result;
}

/**
 * Splits a replay's overrides (`--config`, a sweep point) into the engine's preset params and the
 * paper broker's settings, which live under the key `paperBroker` (latency, slippage, rejection, capital).
 */
export function splitOverrides(overrides: Readonly<Record<string, unknown>>): {
  params: Record<string, unknown>;
  broker: Partial<PaperBrokerConfig>;
} {
  const { paperBroker, ...params } = overrides;
  return { params, broker: (paperBroker ?? {}) as Partial<PaperBrokerConfig> };
}

/** The preset named by the replay with the overrides applied (validated, and versioned if changed). */
export function resolvePreset(name: string, overrides: Readonly<Record<string, unknown>>): VersionedPreset {
  if (!isBuiltInPresetName(name)) throw new PresetError(unknownPresetMessage(name));
  const base = loadBuiltInPreset(name);
  return Object.keys(overrides).length === 0 ? base : revisePreset(base, mergeParams(base.params, overrides));
}

/** An instrument catalog that learns the tape's instruments as they appear (options included). */
class TapeCatalog implements InstrumentCatalog {
  private readonly bySymbol = new Map<string, Instrument>();
  private readonly options = new Map<string, OptionInstrument[]>();

  get(symbol: Symbol): Instrument | undefined {
    return this.bySymbol.get(symbol);
  }

  optionsOf(underlying: Symbol): readonly OptionInstrument[] {
    return this.options.get(underlying) ?? [];
  }

  add(instrument: Instrument): void {
    if (this.bySymbol.has(instrument.symbol)) return;
    this.bySymbol.set(instrument.symbol, instrument);
    if (instrument.kind === 'option') {
      const list = this.options.get(instrument.underlying) ?? [];
      list.push(instrument);
      this.options.set(instrument.underlying, list);
    }
  }
}

/**
 * The engine in paper mode, the order manager and the paper broker on one replayed tape, wired as the
 * live core wires them (engine → OMS → broker → order events → OMS and engine), on a replay account:
 * every order carries source 'replay', so nothing mixes with live or paper positions (issue 6).
 * Time is the tape's: the clock is set to each event's tsEvent, and between events the engine gets
 * clock ticks at the times it asks for (`nextWakeUs`), so time exits fire as they would live.
 */
class EngineSession implements ReplaySession {
  private readonly clock = new ManualClock();
  private readonly catalog = new TapeCatalog();
  private desk: TradingDesk | null = null;
  private preset: VersionedPreset | null = null;
  private readonly fills: Fill[] = [];
  private readonly decisions: DecisionSummary[] = [];
  private readonly decisionRecords: DecisionRecord[] = [];
  private blockedSeen = 0;
  private readonly lastPrices = new Map<string, number>();
  private readonly instrumentCache = new Map<string, Instrument>();

  constructor(
    private readonly setup: ReplaySessionSetup,
    private readonly options: EngineSessionOptions,
  ) {}

  onEvent(event: RecordedEvent): void {
    this.learn(event.symbol);
    if (this.desk === null) this.start(event);
    const desk = this.desk as TradingDesk;
    if (event.type === 'optionsContext' || event.type === 'contractStats') {
      desk.onEngineEvent(event as EngineEvent);
      return;
    }
    if (event.type === 'marketDataState') {
      // As the live core did at this point of the tape: no fills and no entries while data was out.
      desk.setMarketDataOutage(event.outage, event.tsEvent);
      return;
    }
    if (event.type === 'clock') {
      desk.advanceTo(event.tsEvent);
      return;
    }
    this.trackPrice(event);
    desk.onMarketEvent(event);
  }

  finish(): ReplaySessionResult {
    return {
      preset: this.preset
        ? { name: this.preset.name, version: this.preset.version, hash: this.preset.hash }
        : null,
      ordersPlaced: this.desk?.oms.orders().length ?? 0,
      fills: this.fills,
      decisions: this.decisions,
      orderDecisions: this.desk?.orderDecisions ?? new Map<string, string>(),
      lastPrices: this.lastPrices,
      decisionRecords: this.decisionRecords,
    };
  }

  private instrumentOf(symbol: Symbol): Instrument {
    let instrument = this.instrumentCache.get(symbol);
    if (instrument === undefined) {
      instrument = resolveInstrument(symbol, this.setup.instrument(symbol));
      this.instrumentCache.set(symbol, instrument);
    }
    return instrument;
  }

  private learn(symbol: Symbol): void {
    if (this.catalog.get(symbol) === undefined) this.catalog.add(this.instrumentOf(symbol));
  }

  private start(first: RecordedEvent): void {
    const underlying = this.chooseUnderlying(first);
    const underlyingInstrument = this.instrumentOf(underlying);
    this.catalog.add(underlyingInstrument);
    // In symbol order, so the engine's contract list does not depend on the order a recorder met them.
    for (const symbol of this.setup.instruments.map((recorded) => recorded.symbol).sort()) this.learn(symbol);
    const overrides = splitOverrides(this.setup.overrides);
    this.preset = resolvePreset(this.setup.presetName, overrides.params);
    this.options.onPreset?.(this.preset);
    const { calendar } = loadMarketProfile(underlyingInstrument.profile);
    this.clock.set(first.tsEvent);
    this.desk = new TradingDesk({
      clock: this.clock,
      ids: {
        broker: createSequentialIds('replay-broker-'),
        oms: createSequentialIds('replay-'),
        engine: createSequentialIds('replay-engine-'),
      },
      catalog: {
        get: (symbol) => this.catalog.get(symbol) ?? this.instrumentOf(symbol),
        optionsOf: (symbol) => this.catalog.optionsOf(symbol),
      },
      calendar,
      journal: new MemoryOrderJournal(),
      engine: { mode: 'paper', underlying, indexSymbol: this.options.indexSymbol, preset: this.preset },
      engineOrderSource: 'replay',
      broker: paperBroker({
        markets: replayMarketTerms(),
        ...this.options.broker,
        ...(mergeParams(this.options.broker ?? {}, overrides.broker) as Partial<PaperBrokerConfig>),
        seed: this.setup.seed,
      }),
      onCommand: (command) => this.onCommand(command),
      onOrderEvent: (event) => {
        this.options.onOrderEvent?.(event);
        if (event.type === 'OrderFilled') this.fills.push(event.fill);
      },
    });
  }

  private chooseUnderlying(first: RecordedEvent): Symbol {
    if (this.options.underlying) return this.options.underlying;
    const fromMeta = this.setup.meta?.underlying;
    if (typeof fromMeta === 'string' && fromMeta !== '') return fromMeta as Symbol;
    if (first.type === 'index') return first.symbol;
    const instrument = this.instrumentOf(first.symbol);
    return instrument.kind === 'option' || instrument.kind === 'future'
      ? instrument.underlying
      : first.symbol;
  }

  private trackPrice(event: MarketEvent): void {
    if (event.type === 'trade') this.lastPrices.set(event.symbol, event.price);
    else if (event.type === 'quote' && !this.lastPrices.has(event.symbol))
      this.lastPrices.set(event.symbol, Math.round((event.bidPrice + event.askPrice) / 2));
    else if (event.type === 'index') this.lastPrices.set(event.symbol, event.value);
  }

  private onCommand(command: EngineCommand): void {
    this.options.onCommand?.(command);
    if (command.type !== 'decision') return;
    const record = command.record;
    this.keepRecord(record);
    this.decisions.push({
      decisionId: record.decisionId,
      kind: record.kind,
      tsEvent: record.tsEvent,
      outcome: record.outcome,
      signal: record.signal?.name ?? null,
      exitRule: record.exit?.rule ?? null,
      gates: record.gates.map((gate) => ({ name: gate.name, verdict: gate.verdict })),
      blockedBy: record.blockedBy,
      orders: record.orders,
    });
  }

  private keepRecord(record: DecisionRecord): void {
    const policy = this.setup.decisionRecords ?? 'sampled';
    if (policy === 'none') return;
    if (record.outcome !== 'blocked' || policy === 'all') {
      this.decisionRecords.push(record);
      return;
    }
    if (this.blockedSeen++ % DECISION_SAMPLE_EVERY === 0) this.decisionRecords.push(record);
  }
}

export function createEngineSessionFactory(options: EngineSessionOptions = {}): ReplaySessionFactory {
  return (setup) => new EngineSession(setup, options);
}
