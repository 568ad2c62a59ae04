import nseCalendarJson from '../../../../resources/calendars/nse.json';
import type { EngineParams } from '../../../../src/main/trading/engine/config/schema';
import { contentHash } from '../../../../src/main/trading/engine/config/contentHash';
import type { VersionedPreset } from '../../../../src/main/trading/engine/config/presets';
import { loadBuiltInPreset, validateParams } from '../../../../src/main/trading/engine/config/presets';
import { createStaticCatalog } from '../../../../src/main/trading/engine/catalog';
import type { Engine, EngineConfig } from '../../../../src/main/trading/engine/engine';
import { createEngine } from '../../../../src/main/trading/engine/engine';
import type {
  EngineCommand,
  EngineEvent,
  EngineMode,
  PlaceOrderCommand,
} from '../../../../src/main/trading/engine/types';
import type { FillId, OrderId, Symbol } from '../../../../src/shared/domain/ids';
import { createSequentialIds } from '../../../../src/shared/domain/ids';
import type {
  IndexInstrument,
  Instrument,
  OptionInstrument,
  OptionRight,
} from '../../../../src/shared/domain/instrument';
import { parseMarketCalendar, parseIsoDate } from '../../../../src/shared/domain/instruments';
import type { MarketCalendar } from '../../../../src/shared/domain/instruments';
import type {
  BookLevel,
  DepthEvent,
  IndexTickEvent,
  QuoteEvent,
  Side,
  TradeEvent,
} from '../../../../src/shared/domain/marketEvents';
import type { OrderEvent } from '../../../../src/shared/domain/orderEvents';
import type { Price } from '../../../../src/shared/domain/price';
import { SeededRandom } from '../../../../src/shared/domain/random';
import type { TimestampUs } from '../../../../src/shared/domain/time';
import { ManualClock } from '../../../../src/shared/domain/time';
import type { OptionsContext } from '../../../../src/shared/options/context';

/** 2026-06-02 is a Tuesday and an NSE trading day (NIFTY weekly expiry day). */
export const TEST_DATE = '2026-06-02';
export const NEXT_EXPIRY = '2026-06-09';
export const calendar: MarketCalendar = parseMarketCalendar(nseCalendarJson, 'nse');
export const session = calendar.session(parseIsoDate(TEST_DATE))!;
export const SECOND = 1_000_000;
export const MINUTE = 60 * SECOND;
/** 10:00 IST on the test day: well inside the session. */
export const T0 = (session.openUs + 45 * MINUTE) as TimestampUs;

export const NIFTY = 'NIFTY' as Symbol;

export function makeUnderlying(): IndexInstrument {
  return {
    symbol: NIFTY,
    kind: 'index',
    exchange: 'NSE',
    profile: 'nse',
    priceDecimals: 2,
    tickUnits: 5,
    lotSize: 65,
    multiplier: 1,
    freezeQuantity: 1800,
    currency: 'INR',
  };
}

export function optionSymbolOf(strike: number, right: OptionRight, expiry = NEXT_EXPIRY): Symbol {
  return `NIFTY-${expiry}-${strike}-${right}` as Symbol;
}

export function makeOption(strike: number, right: OptionRight, expiry = NEXT_EXPIRY): OptionInstrument {
  return {
    symbol: optionSymbolOf(strike, right, expiry),
    kind: 'option',
    exchange: 'NFO',
    profile: 'nse',
    priceDecimals: 2,
    tickUnits: 5,
    lotSize: 65,
    multiplier: 1,
    freezeQuantity: 1800,
    currency: 'INR',
    underlying: NIFTY,
    expiry,
    strike,
    right,
  };
}

/** Strikes every 50 points around `spot`, calls and puts. */
export function makeChain(spot: number, count = 6, expiry = NEXT_EXPIRY): OptionInstrument[] {
  const atm = Math.round(spot / 50) * 50;
  const chain: OptionInstrument[] = [];
  for (let i = -count; i <= count; i++) {
    chain.push(makeOption(atm + i * 50, 'CE', expiry), makeOption(atm + i * 50, 'PE', expiry));
  }
  return chain;
}

export const us = (value: number): TimestampUs => value as TimestampUs;
export const px = (decimal: number): Price => Math.round(decimal * 100) as Price;

export function makeTrade(
  symbol: Symbol,
  ts: number,
  price: number,
  size = 100,
  aggressor: Side | 'unknown' = 'buy',
): TradeEvent {
  return { type: 'trade', symbol, tsEvent: us(ts), price: price as Price, size, aggressor };
}

export function makeQuote(
  symbol: Symbol,
  ts: number,
  bid: number,
  ask: number,
  bidSize = 650,
  askSize = 650,
): QuoteEvent {
  return {
    type: 'quote',
    symbol,
    tsEvent: us(ts),
    bidPrice: bid as Price,
    bidSize,
    askPrice: ask as Price,
    askSize,
  };
}

export function makeDepth(
  symbol: Symbol,
  ts: number,
  bid: number,
  ask: number,
  bidSizes: readonly number[],
  askSizes: readonly number[],
  tick = 5,
): DepthEvent {
  const bids: BookLevel[] = bidSizes.map((size, i) => ({ price: (bid - i * tick) as Price, size }));
  const asks: BookLevel[] = askSizes.map((size, i) => ({ price: (ask + i * tick) as Price, size }));
  return { type: 'depth', symbol, tsEvent: us(ts), bids, asks };
}

export function makeIndexTick(symbol: Symbol, ts: number, value: number): IndexTickEvent {
  return { type: 'index', symbol, tsEvent: us(ts), value: value as Price };
}

export function makeOptionsContext(ts: number, overrides: Partial<OptionsContext> = {}): OptionsContext {
  return {
    underlying: 'NIFTY',
    expiry: NEXT_EXPIRY,
    spot: 24000,
    pcr: 1,
    pcrVolume: 1,
    maxPainStrike: 24000,
    spotVsMaxPain: 0,
    atmStrike: 24000,
    atmIV: 0.14,
    ivPercentile: 50,
    topGammaStrikes: [],
    gexFlipZones: [],
    netGex: 0,
    oiChangeCE: 0,
    oiChangePE: 0,
    spreadWidth: 0.1,
    lastUpdated: us(ts),
    ...overrides,
  };
}

// ------------------------------------------------------------------ params and presets

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };
export type MutableParams = Mutable<EngineParams>;

/** The Balanced preset's params, deep-copied, changed by `edit`, re-validated and re-hashed. */
export function makePreset(
  edit: (params: MutableParams) => void = () => {},
  base: 'Balanced' | 'Sniper' | 'Scalper' | 'Auto-Adaptive' = 'Balanced',
): VersionedPreset {
  const params = JSON.parse(JSON.stringify(loadBuiltInPreset(base).params)) as MutableParams;
  // The test chains expire a week out (NEXT_EXPIRY); tests about the 0DTE/1DTE choice set it back.
  params.selection.maxDaysToExpiry = 30;
  edit(params);
  const validated = validateParams(params);
  return {
    name: `test-${base}`,
    version: 1,
    hash: contentHash(validated),
    description: 'test',
    params: validated,
  };
}

export function makeParams(edit: (params: MutableParams) => void = () => {}): EngineParams {
  return makePreset(edit).params;
}

/** Switch off every entry gate (tests enable the one they are about). */
export function disableAllGates(params: MutableParams): void {
  for (const gate of Object.values(params.gates)) if (gate !== undefined) gate.enabled = false;
}

/** Switch off every exit rule (tests enable the ones they are about). */
export function disableAllExits(params: MutableParams): void {
  const exits = params.exits;
  for (const key of Object.keys(exits) as (keyof typeof exits)[]) {
    const rule = exits[key];
    if (typeof rule === 'object' && rule !== null && 'enabled' in rule) rule.enabled = false;
  }
}

// ------------------------------------------------------------------ engine harness

export interface HarnessOptions {
  readonly preset?: VersionedPreset;
  readonly mode?: EngineMode;
  readonly chain?: readonly OptionInstrument[];
  readonly startUs?: number;
  readonly killFlag?: Int32Array;
  readonly onCommand?: (command: EngineCommand, harness: EngineHarness) => void;
  readonly indexSymbol?: Symbol;
  readonly extraInstruments?: readonly Instrument[];
}

/**
 * Drives a real engine with a manual clock: `send` sets the clock to the event's time and collects the
 * commands. With `autoFill` the harness answers entry and exit orders like an instant paper broker
 * (accepted, then filled at the current quote), so tests can walk a position through its exits.
 */
export class EngineHarness {
  readonly clock: ManualClock;
  readonly engine: Engine;
  readonly commands: EngineCommand[] = [];
  readonly chain: readonly OptionInstrument[];
  autoFill = false;
  private readonly quotes = new Map<string, { bid: number; ask: number }>();
  private fills = 0;

  constructor(options: HarnessOptions = {}) {
    this.clock = new ManualClock(us(options.startUs ?? T0 - 10 * MINUTE));
    this.chain = options.chain ?? makeChain(24000);
    const config: EngineConfig = {
      mode: options.mode ?? 'paper',
      underlying: NIFTY,
      indexSymbol: options.indexSymbol,
      preset: options.preset ?? makePreset(),
    };
    const onCommand = options.onCommand;
    // Every command reaches the sink exactly once (also those of operator calls such as killSwitch).
    const sink = (command: EngineCommand): void => {
      this.commands.push(command);
      onCommand?.(command, this);
    };
    this.engine = createEngine({
      config,
      clock: this.clock,
      ids: createSequentialIds(),
      instruments: createStaticCatalog([
        makeUnderlying(),
        ...this.chain,
        ...(options.extraInstruments ?? []),
      ]),
      calendar,
      killFlag: options.killFlag,
      onCommand: sink,
    });
    // Open interest for every contract (selection refuses a contract whose OI it does not know).
    for (const instrument of this.chain)
      this.engine.onEvent({
        type: 'contractStats',
        symbol: instrument.symbol,
        tsEvent: this.clock.nowUs(),
        openInterest: 5000,
      });
  }

  send(event: EngineEvent): readonly EngineCommand[] {
    if (event.tsEvent > this.clock.nowUs()) this.clock.set(event.tsEvent);
    if (event.type === 'quote') this.quotes.set(event.symbol, { bid: event.bidPrice, ask: event.askPrice });
    const produced = this.engine.onEvent(event);
    if (this.autoFill) for (const command of produced) if (command.type === 'placeOrder') this.fill(command);
    return produced;
  }

  sendAll(events: readonly EngineEvent[]): void {
    for (const event of events) this.send(event);
  }

  /** Accept and completely fill an engine order at the current quote (ask for buys, bid for sells). */
  fill(command: PlaceOrderCommand, price?: number): void {
    const now = this.clock.nowUs();
    const quote = this.quotes.get(command.request.symbol);
    const fillPrice =
      price ?? (command.request.side === 'buy' ? quote?.ask : quote?.bid) ?? command.request.limitPrice ?? 0;
    const orderId = command.clientOrderId as unknown as OrderId;
    this.send({ type: 'OrderAccepted', orderId, tsEvent: now });
    this.send(
      makeFillEvent(
        orderId,
        command.request.symbol,
        command.request.side,
        command.request.quantity,
        fillPrice,
        now,
        `fill-${++this.fills}`,
      ),
    );
  }

  clockTick(ts: number): readonly EngineCommand[] {
    return this.send({ type: 'clock', tsEvent: us(ts) });
  }

  ofType<T extends EngineCommand['type']>(type: T): Extract<EngineCommand, { type: T }>[] {
    return this.commands.filter(
      (command): command is Extract<EngineCommand, { type: T }> => command.type === type,
    );
  }

  decisions(kind?: 'entry' | 'exit') {
    return this.ofType('decision')
      .map((command) => command.record)
      .filter((record) => kind === undefined || record.kind === kind);
  }

  orders(purpose?: 'entry' | 'exit'): PlaceOrderCommand[] {
    return this.ofType('placeOrder').filter(
      (command) => purpose === undefined || command.purpose === purpose,
    );
  }
}

export function makeFillEvent(
  orderId: OrderId,
  symbol: Symbol,
  side: Side,
  quantity: number,
  price: number,
  ts: number,
  fillId = 'fill-1',
  source: 'auto' | 'manual' = 'auto',
  charges = 0,
): OrderEvent {
  return {
    type: 'OrderFilled',
    orderId,
    tsEvent: us(ts),
    fill: {
      fillId: fillId as FillId,
      orderId,
      symbol,
      side,
      quantity,
      price: price as Price,
      tsEvent: us(ts),
      source,
      charges,
      liquidity: 'taker',
    },
  };
}

// ------------------------------------------------------------------ tapes

export interface TapeOptions {
  readonly startUs: number;
  readonly seconds: number;
  /** Underlying price in rupees. */
  readonly startPrice: number;
  readonly seed?: number;
  /** Extra drift per second in rupees. */
  readonly driftPerSecond?: number;
  /** Half-range of the random walk per 100 ms step, in ticks. */
  readonly noiseTicks?: number;
  /** Buy share of aggressive prints (0.5 = balanced). */
  readonly buyShare?: number;
  /** Top-5 bid sizes relative to ask sizes in the depth snapshots. */
  readonly bookTilt?: number;
  readonly tradeSize?: number;
  readonly chain?: readonly OptionInstrument[];
  /** Option spread in ticks. */
  readonly optionSpreadTicks?: number;
}

export interface Tape {
  readonly events: EngineEvent[];
  readonly endUs: number;
  /** Underlying price (units) at the end. */
  readonly endPrice: number;
}

/** Rough premium (rupees) of a strike for a spot: intrinsic plus a time value that decays away from the money. */
export function roughPremium(spot: number, strike: number, right: OptionRight): number {
  const intrinsic = right === 'CE' ? Math.max(spot - strike, 0) : Math.max(strike - spot, 0);
  return intrinsic + 90 * Math.exp(-Math.abs(spot - strike) / 250);
}

/**
 * A synthetic tape: an underlying print every 100 ms (random walk plus drift), underlying depth every
 * 500 ms, option quotes every second for the chain. Deterministic for the seed.
 */
export function buildTape(options: TapeOptions): Tape {
  const random = new SeededRandom(options.seed ?? 7);
  const events: EngineEvent[] = [];
  const tick = 5;
  let price = Math.round((options.startPrice * 100) / tick) * tick;
  let carry = 0;
  const steps = options.seconds * 10;
  const noise = options.noiseTicks ?? 1;
  const buyShare = options.buyShare ?? 0.5;
  const tilt = options.bookTilt ?? 1;
  const size = options.tradeSize ?? 100;
  const chain = options.chain ?? [];
  const spreadTicks = options.optionSpreadTicks ?? 2;
  for (let step = 0; step < steps; step++) {
    const ts = options.startUs + step * 100_000;
    carry += ((options.driftPerSecond ?? 0) * 100) / 10;
    const driftTicks = Math.trunc(carry / tick);
    carry -= driftTicks * tick;
    price += (random.int(2 * noise + 1) - noise + driftTicks) * tick;
    const aggressor: Side = random.next() < buyShare ? 'buy' : 'sell';
    events.push(makeTrade(NIFTY, ts, price, size + random.int(size), aggressor));
    if (step % 5 === 0) {
      const bidSizes = [1, 2, 3, 4, 5].map((level) => Math.round(level * 100 * tilt));
      const askSizes = [1, 2, 3, 4, 5].map((level) => level * 100);
      events.push(makeDepth(NIFTY, ts + 1, price - tick, price + tick, bidSizes, askSizes));
    }
    if (step % 10 === 0) {
      for (const option of chain) {
        const premium = roughPremium(price / 100, option.strike, option.right);
        const bid = Math.max(tick, Math.round((premium * 100) / tick) * tick);
        events.push(makeQuote(option.symbol, ts + 2, bid, bid + spreadTicks * tick, 1300, 1300));
      }
    }
  }
  return { events, endUs: options.startUs + steps * 100_000, endPrice: price };
}
