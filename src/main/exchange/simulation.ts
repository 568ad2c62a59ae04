import type { Instrument, MarketProfile } from '../../shared/domain/instrument';
import type { MarketCalendar, TradingSession } from '../../shared/domain/instruments/calendar';
import { parseIsoDate } from '../../shared/domain/instruments/civilDate';
import type { InstrumentMaster } from '../../shared/domain/instruments/master';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import { hashString32, SeededRandom } from '../../shared/domain/random';
import type { TimestampUs } from '../../shared/domain/time';
import type { ChainSnapshot } from '../../shared/options/chain/snapshot';
import type { ExchangeConfig, ResolvedExchangeConfig } from './config';
import { resolveExchangeConfig } from './config';
import type { ContractCarry, OptionContractGreeks } from './optionChain';
import { OptionChainMarket } from './optionChain';
import { loadMarketProfile } from '../trading/reference/marketProfiles';
import type { Regime } from './regimes';
import { REGIMES } from './regimes';
import type { MarketEventSink } from './underlyingMarket';
import { UnderlyingMarket } from './underlyingMarket';

export interface RegimeStatistics {
  /** Times each regime was entered (the opening regime counts). */
  readonly entries: Readonly<Record<Regime, number>>;
  /** Simulated seconds spent in each regime during sessions. */
  readonly seconds: Readonly<Record<Regime, number>>;
}

/**
 * The built-in exchange's simulation core: pure and deterministic. Time moves only through
 * `advance(toUs, sink)`, which runs every scheduled action (order flow per underlying, index ticks,
 * option requotes and prints per chain) up to `toUs` in time order and hands each MarketEvent to the
 * sink. Between sessions nothing happens; at the next open the chain is re-listed (expired contracts
 * drop out, strikes re-centre, open interest carries over) and the underlying gaps overnight.
 * Wall-clock pacing belongs to the server (server.ts), never here.
 *
 * Each underlying has its own random streams (seed ⊕ hash(symbol)), so adding or removing a symbol
 * leaves the others' sessions unchanged.
 */
export class ExchangeSimulation {
  readonly config: ResolvedExchangeConfig;
  readonly profile: MarketProfile;
  readonly master: InstrumentMaster;
  readonly calendar: MarketCalendar;
  private readonly underlyings: UnderlyingMarket[];
  private readonly chains: OptionChainMarket[];
  private readonly indexNextUs: Float64Array;
  private readonly emitIndexTicks: boolean;
  private current: number;
  private currentSession: TradingSession;
  private open = false;
  private sessionsOpened = 0;
  private carry = new Map<string, ContractCarry>();
  /** Increments whenever the listed instruments change (each session open). */
  instrumentsVersion = 0;

  constructor(config: ExchangeConfig) {
    this.config = resolveExchangeConfig(config);
    const data = loadMarketProfile(this.config.profile);
    this.profile = this.config.profile;
    this.master = data.master;
    this.calendar = data.calendar;
    const sessionSeconds = this.calendar.regularSessionSeconds;
    this.underlyings = [];
    this.chains = [];
    for (const definition of this.config.underlyings) {
      const symbol = definition.instrument.symbol;
      const parameters = this.config.parameters.get(symbol);
      if (parameters === undefined) throw new Error(`no parameters for ${symbol}`);
      const underlying = new UnderlyingMarket({
        instrument: definition.instrument,
        parameters,
        regimeModel: this.config.regimeModel,
        random: new SeededRandom((this.config.seed ^ hashString32(symbol)) >>> 0),
        sessionSeconds,
        emitDepth: this.config.emitDepth,
      });
      this.underlyings.push(underlying);
      this.chains.push(
        new OptionChainMarket({
          underlying,
          series: definition.options,
          calendar: this.calendar,
          parameters,
          rate: this.config.riskFreeRate,
          random: new SeededRandom((this.config.seed ^ hashString32(`${symbol}:options`)) >>> 0),
          strikesAroundAtm: this.config.strikesAroundAtm,
          expiryCount: this.config.expiriesPerUnderlying,
          requoteIntervalUs: this.config.optionRequoteIntervalUs,
          emitDepth: this.config.emitDepth,
        }),
      );
    }
    this.indexNextUs = new Float64Array(this.underlyings.length).fill(Infinity);
    this.emitIndexTicks = this.underlyings.some((underlying) => underlying.instrument.kind === 'index');
    const startDay = this.calendar.tradingDayOnOrAfter(parseIsoDate(this.config.startDate));
    const startSession = this.calendar.session(startDay);
    if (startSession === null) throw new Error(`no session on ${this.config.startDate}`);
    const requestedStart = this.config.startUs ?? startSession.openUs;
    this.currentSession = this.calendar.currentOrNextSession(requestedStart);
    // The simulation starts inside a session (at its open at the earliest), so instruments are listed at once.
    this.current = Math.max(requestedStart, this.currentSession.openUs);
    this.openSession(this.current);
  }

  nowUs(): TimestampUs {
    return this.current as TimestampUs;
  }

  /** The session in progress, or the next one when the market is closed. */
  session(): TradingSession {
    return this.currentSession;
  }

  isOpen(): boolean {
    return this.open;
  }

  /**
   * Runs the market up to `toUs` (inclusive), emitting every event in time order. Events at the same
   * instant keep the order in which they were generated. Throws if time would move backwards.
   */
  advance(toUs: number, sink: MarketEventSink): void {
    if (!(toUs >= this.current))
      throw new RangeError(`cannot advance to ${toUs}: the simulation is already at ${this.current}`);
    const underlyings = this.underlyings;
    const chains = this.chains;
    const count = underlyings.length;
    for (;;) {
      if (!this.open) {
        if (toUs < this.currentSession.openUs) {
          this.current = toUs;
          return;
        }
        this.openSession(this.currentSession.openUs);
      }
      // Next scheduled action: 0 = order flow, 1 = index tick, 2 = option requote, 3 = option print.
      let next = Infinity;
      let kind = -1;
      let index = -1;
      for (let i = 0; i < count; i++) {
        const underlying = underlyings[i];
        if (underlying.nextFlowUs < next) {
          next = underlying.nextFlowUs;
          kind = 0;
          index = i;
        }
        if (this.indexNextUs[i] < next) {
          next = this.indexNextUs[i];
          kind = 1;
          index = i;
        }
        const chain = chains[i];
        if (chain.nextRequoteUs < next) {
          next = chain.nextRequoteUs;
          kind = 2;
          index = i;
        }
        if (chain.nextTradeUs < next) {
          next = chain.nextTradeUs;
          kind = 3;
          index = i;
        }
      }
      const closeUs = this.currentSession.closeUs;
      if (next >= closeUs || next > toUs) {
        if (toUs >= closeUs) {
          this.closeSession();
          this.current = closeUs;
          continue;
        }
        this.current = toUs;
        return;
      }
      this.current = next;
      switch (kind) {
        case 0:
          underlyings[index].processFlow(next, sink);
          break;
        case 1: {
          const underlying = underlyings[index];
          if (underlying.interested)
            sink({
              type: 'index',
              symbol: underlying.symbol,
              tsEvent: next as TimestampUs,
              value: underlying.fairOnTick,
            });
          this.indexNextUs[index] = next + this.config.indexTickIntervalUs;
          break;
        }
        case 2:
          chains[index].requote(next, sink);
          break;
        case 3:
          chains[index].trade(next, sink);
          break;
      }
    }
  }

  /** Convenience for tests and tools: advance and collect the events in an array. */
  advanceCollect(toUs: number): MarketEvent[] {
    const events: MarketEvent[] = [];
    this.advance(toUs, (event) => events.push(event));
    return events;
  }

  private openSession(fromUs: number): void {
    const first = this.sessionsOpened === 0;
    const session = this.currentSession;
    for (let i = 0; i < this.underlyings.length; i++) {
      this.underlyings[i].openSession(session.openUs, session.closeUs, fromUs, first);
      this.chains[i].openSession(session, fromUs, this.carry);
      this.indexNextUs[i] =
        this.emitIndexTicks && this.underlyings[i].instrument.kind === 'index' ? fromUs : Infinity;
    }
    this.open = true;
    this.sessionsOpened++;
    this.instrumentsVersion++;
    this.current = fromUs;
  }

  private closeSession(): void {
    const carry = new Map<string, ContractCarry>();
    for (let i = 0; i < this.underlyings.length; i++) {
      this.underlyings[i].closeSession();
      for (const [symbol, value] of this.chains[i].closeSession()) carry.set(symbol, value);
      this.indexNextUs[i] = Infinity;
    }
    this.carry = carry;
    this.open = false;
    const nextSession = this.calendar.session(this.calendar.nextTradingDay(this.currentSession.day));
    if (nextSession === null) throw new Error('calendar returned a trading day without a session');
    this.currentSession = nextSession;
  }

  /**
   * Builds and emits events only for symbols the filter accepts (null: all, the default). The market
   * evolves identically either way, so a subscriber sees the same events whatever else is subscribed;
   * the server sets this to the union of its clients' subscriptions to skip building unwanted events.
   */
  setInterest(filter: ((symbol: string) => boolean) | null): void {
    for (let i = 0; i < this.underlyings.length; i++) {
      this.underlyings[i].interested = filter === null || filter(this.underlyings[i].symbol);
      this.chains[i].setInterest(filter);
    }
  }

  /** Underlyings first, then every listed option contract of the current (or last) session. */
  instruments(): Instrument[] {
    const result: Instrument[] = this.underlyings.map((underlying) => underlying.instrument);
    for (const chain of this.chains) result.push(...chain.instruments);
    return result;
  }

  underlyingSymbols(): string[] {
    return this.underlyings.map((underlying) => underlying.symbol);
  }

  hasSymbol(symbol: string): boolean {
    return this.locate(symbol) !== null;
  }

  /** Events that bring a new subscriber up to date: quote, depth and last print (and index value). */
  snapshotEvents(symbol: string): MarketEvent[] {
    const located = this.locate(symbol);
    if (located === null) return [];
    if (located.contract === null) {
      const underlying = this.underlyings[located.index];
      const events = underlying.snapshotEvents(this.current);
      if (underlying.instrument.kind === 'index') {
        events.push({
          type: 'index',
          symbol: underlying.symbol,
          tsEvent: this.current as TimestampUs,
          value: underlying.fairOnTick,
        });
      }
      return events;
    }
    return this.chains[located.index].snapshotEvents(located.contract, this.current);
  }

  expiries(underlying: string): string[] {
    return this.chainOf(underlying).expiries.map((expiry) => expiry.date);
  }

  /** A chain snapshot of one expiry (default: the nearest) in the analytics' ChainSnapshot shape. */
  chainSnapshot(underlying: string, expiry?: string): ChainSnapshot {
    const chain = this.chainOf(underlying);
    const date = expiry ?? chain.expiries[0]?.date;
    if (date === undefined) throw new RangeError(`${underlying} has no listed expiries`);
    return chain.snapshot(date);
  }

  /** Model IV and greeks of an option contract at its last requote, or null. */
  greeks(symbol: string): OptionContractGreeks | null {
    const located = this.locate(symbol);
    if (located === null || located.contract === null) return null;
    return this.chains[located.index].greeksOf(located.contract);
  }

  regime(underlying: string): Regime {
    return this.underlyingOf(underlying).regime;
  }

  regimeStatistics(underlying: string): RegimeStatistics {
    const market = this.underlyingOf(underlying);
    const entries = {} as Record<Regime, number>;
    const seconds = {} as Record<Regime, number>;
    REGIMES.forEach((regime, index) => {
      entries[regime] = market.regimeEntries[index];
      seconds[regime] = market.regimeMicros[index] / 1_000_000;
    });
    return { entries, seconds };
  }

  /** Counters for benchmarks and the docs: prints and sweeps on the underlying, prints in the chain. */
  activity(underlying: string): { trades: number; sweeps: number; volume: number; optionTrades: number } {
    const index = this.underlyingIndex(underlying);
    const market = this.underlyings[index];
    return {
      trades: market.trades,
      sweeps: market.sweeps,
      volume: market.volume,
      optionTrades: this.chains[index].trades,
    };
  }

  private underlyingIndex(symbol: string): number {
    const index = this.underlyings.findIndex((underlying) => underlying.symbol === symbol);
    if (index < 0)
      throw new RangeError(
        `"${symbol}" is not a simulated underlying (simulated: ${this.underlyingSymbols().join(', ')})`,
      );
    return index;
  }

  private underlyingOf(symbol: string): UnderlyingMarket {
    return this.underlyings[this.underlyingIndex(symbol)];
  }

  private chainOf(symbol: string): OptionChainMarket {
    return this.chains[this.underlyingIndex(symbol)];
  }

  private locate(symbol: string): { index: number; contract: number | null } | null {
    for (let index = 0; index < this.underlyings.length; index++) {
      if (this.underlyings[index].symbol === symbol) return { index, contract: null };
      const contract = this.chains[index].contractIndex(symbol);
      if (contract !== undefined) return { index, contract };
    }
    return null;
  }
}

export function createExchangeSimulation(config: ExchangeConfig): ExchangeSimulation {
  return new ExchangeSimulation(config);
}
