import type { Symbol } from '../../../shared/domain/ids';
import { asOrderId, createSequentialIds } from '../../../shared/domain/ids';
import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { OrderEvent } from '../../../shared/domain/orderEvents';
import type { Fill, OrderRequest } from '../../../shared/domain/orders';
import { ManualClock, type TimestampUs } from '../../../shared/domain/time';
import type { RecordedEvent } from '../../../shared/recording/events';
import { PaperBroker } from '../../core/broker/paper/paperBroker';
import type { PaperBrokerConfig } from '../../core/broker/paper/paperConfig';
import type { Engine, InstrumentCatalog } from '../../core/engine/engine';
import { createEngine } from '../../core/engine/engine';
import {
  isBuiltInPresetName,
  loadBuiltInPreset,
  PresetError,
  revisePreset,
  type VersionedPreset,
} from '../../core/engine/config/presets';
import type { EngineCommand, EngineEvent } from '../../core/engine/types';
import { MemoryOrderJournal } from '../../core/oms/orderJournal';
import { OrderManager } from '../../core/oms/orderManager';
import { loadMarketProfile } from '../../exchange/profiles';
import { resolveInstrument } from './instrumentResolver';
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
  if (!isBuiltInPresetName(name))
    throw new PresetError(`unknown preset "${name}" (Sniper, Balanced, Scalper, Auto-Adaptive)`);
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
  private engine: Engine | null = null;
  private broker: PaperBroker | null = null;
  private oms: OrderManager | null = null;
  private preset: VersionedPreset | null = null;
  private readonly fills: Fill[] = [];
  private readonly decisions: DecisionSummary[] = [];
  private readonly orderDecisions = new Map<string, string>();
  /** Engine client order id → the OMS order ids (slices) it became. */
  private readonly omsOrders = new Map<string, string[]>();
  private readonly lastPrices = new Map<string, number>();
  private readonly instrumentCache = new Map<string, Instrument>();

  constructor(
    private readonly setup: ReplaySessionSetup,
    private readonly options: EngineSessionOptions,
  ) {}

  onEvent(event: RecordedEvent): void {
    this.learn(event.symbol);
    if (this.engine === null) this.start(event);
    const engine = this.engine as Engine;
    const ts = Math.max(event.tsEvent, this.clock.nowUs());
    // Clock ticks the engine asked for before this event (time exits, bar closes, entry timeouts).
    let wake = engine.nextWakeUs();
    while (wake <= ts && wake > this.clock.nowUs()) {
      this.advance(wake);
      this.route(engine.onEvent({ type: 'clock', tsEvent: wake as TimestampUs }));
      const next = engine.nextWakeUs();
      if (next <= wake) break;
      wake = next;
    }
    this.advance(ts);
    if (event.type !== 'optionsContext' && event.type !== 'contractStats') {
      this.trackPrice(event);
      (this.broker as PaperBroker).onMarketEvent(event);
      (this.oms as OrderManager).onMarketEvent(event);
    }
    this.route(engine.onEvent(event as EngineEvent));
  }

  finish(): ReplaySessionResult {
    return {
      preset: this.preset
        ? { name: this.preset.name, version: this.preset.version, hash: this.preset.hash }
        : null,
      ordersPlaced: this.oms?.orders().length ?? 0,
      fills: this.fills,
      decisions: this.decisions,
      orderDecisions: this.orderDecisions,
      lastPrices: this.lastPrices,
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
    const { calendar } = loadMarketProfile(underlyingInstrument.profile);
    this.clock.set(first.tsEvent);
    this.broker = new PaperBroker({
      clock: this.clock,
      ids: createSequentialIds('replay-broker-'),
      instruments: (symbol) => this.catalog.get(symbol) ?? this.instrumentOf(symbol),
      onEvent: (event) => this.onOrderEvent(event),
      config: {
        ...this.options.broker,
        ...(mergeParams(this.options.broker ?? {}, overrides.broker) as Partial<PaperBrokerConfig>),
        seed: this.setup.seed,
      },
    });
    this.oms = new OrderManager({
      clock: this.clock,
      ids: createSequentialIds('replay-'),
      instruments: (symbol) => this.catalog.get(symbol) ?? this.instrumentOf(symbol),
      broker: this.broker,
      journal: new MemoryOrderJournal(),
      funds: this.broker,
    });
    this.engine = createEngine({
      config: { mode: 'paper', underlying, indexSymbol: this.options.indexSymbol, preset: this.preset },
      clock: this.clock,
      ids: createSequentialIds('replay-engine-'),
      instruments: this.catalog,
      calendar,
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

  private advance(tsUs: number): void {
    if (tsUs > this.clock.nowUs()) this.clock.set(tsUs as TimestampUs);
    (this.broker as PaperBroker).advanceTo(tsUs);
  }

  private trackPrice(event: MarketEvent): void {
    if (event.type === 'trade') this.lastPrices.set(event.symbol, event.price);
    else if (event.type === 'quote' && !this.lastPrices.has(event.symbol))
      this.lastPrices.set(event.symbol, Math.round((event.bidPrice + event.askPrice) / 2));
    else if (event.type === 'index') this.lastPrices.set(event.symbol, event.value);
  }

  /** Broker → OMS → engine, as the live core does. */
  private onOrderEvent(event: OrderEvent): void {
    (this.oms as OrderManager).onOrderEvent(event);
    this.options.onOrderEvent?.(event);
    if (event.type === 'OrderFilled') this.fills.push(event.fill);
    this.route((this.engine as Engine).onEvent(event));
  }

  private route(commands: readonly EngineCommand[]): void {
    const engine = this.engine as Engine;
    const oms = this.oms as OrderManager;
    for (const command of commands) {
      this.options.onCommand?.(command);
      switch (command.type) {
        case 'placeOrder': {
          const request: OrderRequest = { ...command.request, source: 'replay' };
          const outcome = oms.placeOrder(request);
          if (outcome.ok) {
            this.omsOrders.set(command.clientOrderId, outcome.orderIds);
            for (const orderId of outcome.orderIds) {
              this.orderDecisions.set(orderId, command.decisionId);
              this.route(
                engine.onEvent({
                  type: 'orderBound',
                  tsEvent: this.clock.nowUs(),
                  clientOrderId: command.clientOrderId,
                  orderId,
                }),
              );
            }
          } else {
            // Refused before reaching the broker (a pre-trade check): the engine hears it as a rejection.
            this.route(
              engine.onEvent({
                type: 'OrderRejected',
                orderId: asOrderId(command.clientOrderId),
                tsEvent: this.clock.nowUs(),
                reason: `${outcome.code}: ${outcome.reason}`,
              }),
            );
          }
          break;
        }
        case 'cancelOrder':
          for (const orderId of this.omsOrders.get(command.orderId) ?? [command.orderId])
            oms.cancelOrder(asOrderId(orderId), command.reason);
          break;
        case 'modifyOrder':
          for (const orderId of this.omsOrders.get(command.orderId) ?? [command.orderId])
            oms.modifyOrder(asOrderId(orderId), command.changes);
          break;
        case 'decision': {
          const record = command.record;
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
          break;
        }
        case 'alert':
          break;
      }
    }
  }
}

export function createEngineSessionFactory(options: EngineSessionOptions = {}): ReplaySessionFactory {
  return (setup) => new EngineSession(setup, options);
}
