import type { Symbol } from '../../shared/domain/ids';
import type { OptionInstrument } from '../../shared/domain/instrument';
import type { MarketCalendar, TradingSession } from '../../shared/domain/instruments/calendar';
import type { Expiry } from '../../shared/domain/instruments/expiry';
import { expiryCloseUs, listExpiries, yearsUntil } from '../../shared/domain/instruments/expiry';
import type { OptionSeries } from '../../shared/domain/instruments/master';
import { makeOptionInstrument, strikesAround } from '../../shared/domain/instruments/optionSymbols';
import type { BookLevel, DepthEvent, MarketEvent, QuoteEvent, Side } from '../../shared/domain/marketEvents';
import { DEPTH_LEVELS } from '../../shared/domain/marketEvents';
import type { Price } from '../../shared/domain/price';
import type { SeededRandom } from '../../shared/domain/random';
import type { TimestampUs } from '../../shared/domain/time';
import type { ChainQuote, ChainRow, ChainSnapshot } from '../../shared/options/chain/snapshot';
import type { Greeks } from '../../shared/options/pricing';
import { priceOption } from '../../shared/options/pricing';
import type { UnderlyingSimParameters } from './parameters';
import { REGIME_BEHAVIOUR } from './regimes';
import type { MarketEventSink, UnderlyingMarket } from './underlyingMarket';
import { atmVolatility, smileVolatility, standardisedMoneyness } from './volSurface';

/** Option spreads widen by this fraction per standard deviation of moneyness (thin wings). */
const WING_SPREAD = 0.25;
/** Later expiries quote wider than the nearest (less flow). */
const LATER_EXPIRY_SPREAD = 1.3;
/** Later expiries attract this share of the nearest expiry's flow and open interest. */
const LATER_EXPIRY_ACTIVITY = 0.4;
/** Probability per requote that displayed sizes change although the prices did not. */
const SIZE_REFRESH_PROBABILITY = 0.1;
/** Share of option prints that open new positions (OI rises) rather than close them. */
const OPENING_SHARE = 0.55;
/** Implied volatility follows the regime with this time constant, seconds. */
const IV_LEVEL_TIME_CONSTANT_SECONDS = 600;
const US_PER_SECOND = 1_000_000;

export interface OptionChainOptions {
  readonly underlying: UnderlyingMarket;
  readonly series: OptionSeries;
  readonly calendar: MarketCalendar;
  readonly parameters: UnderlyingSimParameters;
  readonly rate: number;
  readonly random: SeededRandom;
  readonly strikesAroundAtm: number;
  readonly expiryCount: number;
  readonly requoteIntervalUs: number;
  readonly emitDepth: boolean;
}

/** What carries over from one session to the next for a contract that is still listed. */
export interface ContractCarry {
  readonly openInterest: number;
  readonly closePrice: number;
}

/** Model values of one contract at the last requote (decimal units; vega/rho per 1.00, theta per year). */
export interface OptionContractGreeks extends Greeks {
  readonly symbol: Symbol;
  readonly iv: number;
  /** The quoted theoretical value (American contracts: at least intrinsic). */
  readonly fair: number;
  /** Spot the contract was priced against. */
  readonly spot: number;
  readonly years: number;
  readonly quotedAtUs: TimestampUs;
}

/**
 * The option chain of one underlying: contracts for the next `expiryCount` expiries and
 * `strikesAroundAtm` strikes either side of the money (fixed for the session, re-centred each
 * morning, as exchanges list strikes around the previous close).
 *
 * Every `requoteIntervalUs` all contracts are repriced with `priceOption` (BSM with dividend yield)
 * at the IV of the surface in volSurface.ts; bid and ask sit around that fair value, rounded outwards
 * onto the tick grid (so bid ≤ fair ≤ ask, bid ≥ one tick, ask > bid), with a spread of
 * max(1 tick, base ticks · (1 + 0.25·|z|) + relative · value) × the regime's spread factor, wider for
 * later expiries. A contract emits a quote (and depth) only when its prices or sizes change.
 * Prints arrive as a Poisson stream across the chain, weighted towards the money and the nearest
 * expiry; each print adds volume and opens (55 %) or closes open interest.
 */
export class OptionChainMarket {
  readonly underlying: UnderlyingMarket;
  readonly series: OptionSeries;
  private readonly calendar: MarketCalendar;
  private readonly parameters: UnderlyingSimParameters;
  private readonly rate: number;
  private readonly random: SeededRandom;
  private readonly strikesAroundAtm: number;
  private readonly expiryCount: number;
  private readonly requoteIntervalUs: number;
  private readonly emitDepth: boolean;
  private readonly tick: number;
  private readonly priceScale: number;
  private readonly underlyingScale: number;

  expiries: Expiry[] = [];
  private expiryClose: number[] = [];
  strikes: number[] = [];
  instruments: OptionInstrument[] = [];
  private bySymbol = new Map<string, number>();

  private strike = new Float64Array(0);
  private isCall = new Uint8Array(0);
  private expiryIndex = new Int32Array(0);
  private bid = new Float64Array(0);
  private ask = new Float64Array(0);
  private bidSize = new Float64Array(0);
  private askSize = new Float64Array(0);
  private liquidity = new Float64Array(0);
  private cumulativeWeight = new Float64Array(0);
  private openInterest = new Float64Array(0);
  private openInterestAtOpen = new Float64Array(0);
  private volume = new Float64Array(0);
  private lastPrice = new Float64Array(0);
  private previousClose = new Float64Array(0);
  /** Model values at the last requote (greeksOf builds the object on demand, so requotes allocate little). */
  private modelIv = new Float64Array(0);
  private modelValue = new Float64Array(0);
  private modelPrice = new Float64Array(0);
  private modelDelta = new Float64Array(0);
  private modelGamma = new Float64Array(0);
  private modelVega = new Float64Array(0);
  private modelTheta = new Float64Array(0);
  private modelRho = new Float64Array(0);
  private modelYears = new Float64Array(0);
  /** 1 when events of the contract are built and emitted (see setInterest). */
  private interest = new Uint8Array(0);
  private interestFilter: ((symbol: string) => boolean) | null = null;

  private ivLevel = 1;
  private ivLevelUs = 0;
  spotAtQuote = 0;
  quotedAtUs = 0;
  nextRequoteUs = Infinity;
  nextTradeUs = Infinity;
  trades = 0;

  constructor(options: OptionChainOptions) {
    this.underlying = options.underlying;
    this.series = options.series;
    this.calendar = options.calendar;
    this.parameters = options.parameters;
    this.rate = options.rate;
    this.random = options.random;
    this.strikesAroundAtm = options.strikesAroundAtm;
    this.expiryCount = options.expiryCount;
    this.requoteIntervalUs = options.requoteIntervalUs;
    this.emitDepth = options.emitDepth;
    this.tick = options.series.tickUnits;
    this.priceScale = 10 ** options.series.priceDecimals;
    this.underlyingScale = 10 ** options.underlying.instrument.priceDecimals;
  }

  get contractCount(): number {
    return this.instruments.length;
  }

  /** Lists the session's contracts; call after the underlying has opened its session. */
  openSession(session: TradingSession, fromUs: number, carry: ReadonlyMap<string, ContractCarry>): void {
    this.expiries = listExpiries(this.series, this.calendar, session.day, this.expiryCount);
    this.expiryClose = this.expiries.map((expiry) => expiryCloseUs(this.calendar, expiry.day));
    const spot = this.underlying.fairUnits / this.underlyingScale;
    this.strikes = strikesAround(this.series, spot, this.strikesAroundAtm);
    const count = this.expiries.length * this.strikes.length * 2;
    this.strike = new Float64Array(count);
    this.isCall = new Uint8Array(count);
    this.expiryIndex = new Int32Array(count);
    this.bid = new Float64Array(count);
    this.ask = new Float64Array(count);
    this.bidSize = new Float64Array(count);
    this.askSize = new Float64Array(count);
    this.liquidity = new Float64Array(count);
    this.cumulativeWeight = new Float64Array(count);
    this.openInterest = new Float64Array(count);
    this.openInterestAtOpen = new Float64Array(count);
    this.volume = new Float64Array(count);
    this.lastPrice = new Float64Array(count);
    this.previousClose = new Float64Array(count);
    this.modelIv = new Float64Array(count).fill(NaN);
    this.modelValue = new Float64Array(count);
    this.modelPrice = new Float64Array(count);
    this.modelDelta = new Float64Array(count);
    this.modelGamma = new Float64Array(count);
    this.modelVega = new Float64Array(count);
    this.modelTheta = new Float64Array(count);
    this.modelRho = new Float64Array(count);
    this.modelYears = new Float64Array(count);
    this.interest = new Uint8Array(count);
    this.instruments = [];
    this.bySymbol = new Map();
    let contract = 0;
    this.expiries.forEach((expiry, expiryIndex) => {
      for (const strike of this.strikes) {
        for (const right of ['CE', 'PE'] as const) {
          const instrument = makeOptionInstrument(this.series, expiry, strike, right);
          this.instruments.push(instrument);
          this.bySymbol.set(instrument.symbol, contract);
          this.strike[contract] = strike;
          this.isCall[contract] = right === 'CE' ? 1 : 0;
          this.expiryIndex[contract] = expiryIndex;
          const carried = carry.get(instrument.symbol);
          this.openInterest[contract] =
            carried?.openInterest ?? this.initialOpenInterest(strike, spot, right, expiryIndex);
          this.openInterestAtOpen[contract] = this.openInterest[contract];
          this.previousClose[contract] = carried?.closePrice ?? 0;
          this.lastPrice[contract] = carried?.closePrice ?? 0;
          contract++;
        }
      }
    });
    this.applyInterest();
    this.ivLevelUs = fromUs;
    this.nextRequoteUs = fromUs;
    this.nextTradeUs = fromUs + this.tradeDelayUs(fromUs);
  }

  closeSession(): Map<string, ContractCarry> {
    this.nextRequoteUs = Infinity;
    this.nextTradeUs = Infinity;
    const carry = new Map<string, ContractCarry>();
    this.instruments.forEach((instrument, contract) => {
      carry.set(instrument.symbol, {
        openInterest: this.openInterest[contract],
        closePrice: this.lastPrice[contract],
      });
    });
    return carry;
  }

  /**
   * Restricts event building to contracts the filter accepts (null = all). Skipped contracts still
   * evolve identically (emission draws no random numbers), so what is subscribed never changes what
   * the market does.
   */
  setInterest(filter: ((symbol: string) => boolean) | null): void {
    this.interestFilter = filter;
    this.applyInterest();
  }

  private applyInterest(): void {
    const filter = this.interestFilter;
    this.instruments.forEach((instrument, contract) => {
      this.interest[contract] = filter === null || filter(instrument.symbol) ? 1 : 0;
    });
  }

  contractIndex(symbol: string): number | undefined {
    return this.bySymbol.get(symbol);
  }

  /** Open interest concentrates near the money, on round strikes and on the OTM side of each right. */
  private initialOpenInterest(strike: number, spot: number, right: 'CE' | 'PE', expiryIndex: number): number {
    const weeklyMove = this.parameters.impliedVolatility * Math.sqrt(7 / 365);
    const distance = Math.log(strike / spot) / weeklyMove;
    const shape = Math.exp(-(distance * distance) / 8);
    const step = this.series.strikeStep;
    const round = isMultiple(strike, step * 10) ? 2 : isMultiple(strike, step * 2) ? 1.25 : 1;
    const outOfTheMoney = right === 'CE' ? strike >= spot : strike <= spot;
    const side = outOfTheMoney ? 1.3 : 0.6;
    const expiryFactor = expiryIndex === 0 ? 1 : LATER_EXPIRY_ACTIVITY;
    const noise = 0.6 + 0.8 * this.random.next();
    return Math.max(
      1,
      Math.round(this.parameters.optionOpenInterest * shape * round * side * expiryFactor * noise),
    );
  }

  private tradeDelayUs(nowUs: number): number {
    const rate =
      this.parameters.optionTradesPerSecond *
      this.underlying.activity(nowUs) *
      REGIME_BEHAVIOUR[this.underlying.regime].activityMultiplier;
    return Math.max(1, Math.round(this.random.exponential(rate) * US_PER_SECOND));
  }

  /** Reprices every contract at `nowUs` and emits quotes (and depth) for those that changed. */
  requote(nowUs: number, sink: MarketEventSink): void {
    this.nextRequoteUs = nowUs + this.requoteIntervalUs;
    const behaviour = REGIME_BEHAVIOUR[this.underlying.regime];
    const smoothing =
      1 - Math.exp(-(nowUs - this.ivLevelUs) / (IV_LEVEL_TIME_CONSTANT_SECONDS * US_PER_SECOND));
    this.ivLevel += (behaviour.impliedVolatilityMultiplier - this.ivLevel) * smoothing;
    this.ivLevelUs = nowUs;
    const spot = this.underlying.fairOnTick / this.underlyingScale;
    this.spotAtQuote = spot;
    this.quotedAtUs = nowUs;
    const dividendYield = this.parameters.dividendYield;
    const american = this.series.exerciseStyle === 'american';
    const smile = {
      baseIv: this.parameters.impliedVolatility,
      skew: this.parameters.skew,
      curvature: this.parameters.smileCurvature,
    };
    let totalWeight = 0;
    for (let contract = 0; contract < this.instruments.length; contract++) {
      const expiryIndex = this.expiryIndex[contract];
      const years = yearsUntil(nowUs, this.expiryClose[expiryIndex]);
      if (years <= 0) {
        this.cumulativeWeight[contract] = totalWeight;
        continue;
      }
      const strike = this.strike[contract];
      const call = this.isCall[contract] === 1;
      const forward = spot * Math.exp((this.rate - dividendYield) * years);
      const atm = atmVolatility(smile, this.ivLevel, years);
      const z = standardisedMoneyness(strike, forward, atm, years);
      const iv = smileVolatility(smile, atm, z);
      const model = priceOption({
        model: 'bs',
        type: call ? 'call' : 'put',
        spot,
        strike,
        years,
        rate: this.rate,
        vol: iv,
        dividendYield,
      });
      // American exercise: never worth less than immediate exercise (BSM is the European value).
      const intrinsic = call ? spot - strike : strike - spot;
      const fair = american && intrinsic > model.price ? intrinsic : model.price;
      this.modelIv[contract] = iv;
      this.modelValue[contract] = fair;
      this.modelPrice[contract] = model.price;
      this.modelDelta[contract] = model.delta;
      this.modelGamma[contract] = model.gamma;
      this.modelVega[contract] = model.vega;
      this.modelTheta[contract] = model.theta;
      this.modelRho[contract] = model.rho;
      this.modelYears[contract] = years;

      const fairUnits = fair * this.priceScale;
      const laterExpiry = expiryIndex > 0 ? LATER_EXPIRY_SPREAD : 1;
      const spreadUnits =
        Math.max(
          this.tick,
          this.tick * this.parameters.optionBaseSpreadTicks * (1 + WING_SPREAD * Math.abs(z)) +
            this.parameters.optionRelativeSpread * fairUnits,
        ) *
        behaviour.spreadMultiplier *
        laterExpiry;
      let bid = Math.floor((fairUnits - spreadUnits / 2) / this.tick) * this.tick;
      let ask = Math.ceil((fairUnits + spreadUnits / 2) / this.tick) * this.tick;
      if (ask <= bid) ask = bid + this.tick;
      if (bid < this.tick) {
        // Nothing quotes below one tick: far OTM options show 0.05 bid / 0.10 ask on NSE.
        bid = this.tick;
        if (ask <= bid) ask = bid + this.tick;
      }
      const liquidity = Math.exp(-(z * z) / 8) + 0.05;
      this.liquidity[contract] = liquidity;
      totalWeight += liquidity * (expiryIndex === 0 ? 1 : LATER_EXPIRY_ACTIVITY);
      this.cumulativeWeight[contract] = totalWeight;
      if (this.previousClose[contract] === 0) {
        // First listing: yesterday's close is the open value moved by a random overnight change.
        const close = Math.max(
          this.tick,
          Math.round((fairUnits * Math.exp(0.1 * this.random.normal())) / this.tick) * this.tick,
        );
        this.previousClose[contract] = close;
        this.lastPrice[contract] = close;
      }
      const pricesChanged = bid !== this.bid[contract] || ask !== this.ask[contract];
      if (!pricesChanged && this.random.next() >= SIZE_REFRESH_PROBABILITY) continue;
      this.bid[contract] = bid;
      this.ask[contract] = ask;
      this.bidSize[contract] = this.displayedSize(liquidity, 0);
      this.askSize[contract] = this.displayedSize(liquidity, 0);
      this.emitContract(contract, nowUs, sink);
    }
  }

  private hashedSize(
    liquidity: number,
    level: number,
    contract: number,
    nowUs: number,
    side: number,
  ): number {
    const u = hashUniform(contract * 16 + level * 2 + side, nowUs);
    const mean = this.parameters.optionQuoteLots * liquidity * (1 + 0.5 * level);
    const lots = mean <= 1 ? 1 : 1 + Math.floor(Math.log(u) / Math.log(1 - 1 / mean));
    return this.series.lotSize * lots;
  }

  private displayedSize(liquidity: number, level: number): number {
    return (
      this.series.lotSize *
      this.random.geometric(this.parameters.optionQuoteLots * liquidity * (1 + 0.5 * level))
    );
  }

  /** One print somewhere in the chain at `nowUs`. */
  trade(nowUs: number, sink: MarketEventSink): void {
    this.nextTradeUs = nowUs + this.tradeDelayUs(nowUs);
    const count = this.instruments.length;
    if (count === 0) return;
    const total = this.cumulativeWeight[count - 1];
    if (!(total > 0) || this.bid[0] === 0) return;
    const target = this.random.next() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.cumulativeWeight[middle] > target) high = middle;
      else low = middle + 1;
    }
    const contract = low;
    if (this.bid[contract] === 0) return;
    const side: Side = this.random.next() < 0.5 ? 'buy' : 'sell';
    const lots = this.random.geometric(2);
    const quantity = lots * this.series.lotSize;
    const price = side === 'buy' ? this.ask[contract] : this.bid[contract];
    this.trades++;
    this.volume[contract] += lots;
    if (this.random.next() < OPENING_SHARE) this.openInterest[contract] += lots;
    else this.openInterest[contract] = Math.max(0, this.openInterest[contract] - lots);
    this.lastPrice[contract] = price;
    if (this.interest[contract] === 1) {
      sink({
        type: 'trade',
        symbol: this.instruments[contract].symbol,
        tsEvent: nowUs as TimestampUs,
        price: price as Price,
        size: quantity,
        aggressor: side,
      });
    }
    // The print takes displayed size; an exhausted quote is replenished at the same price.
    const sizes = side === 'buy' ? this.askSize : this.bidSize;
    sizes[contract] =
      sizes[contract] > quantity
        ? sizes[contract] - quantity
        : this.displayedSize(this.liquidity[contract], 0);
    this.emitContract(contract, nowUs, sink);
  }

  private emitContract(contract: number, nowUs: number, sink: MarketEventSink): void {
    if (this.interest[contract] === 0) return;
    sink(this.quoteEvent(contract, nowUs));
    if (this.emitDepth) sink(this.depthEvent(contract, nowUs));
  }

  quoteEvent(contract: number, nowUs: number): QuoteEvent {
    return {
      type: 'quote',
      symbol: this.instruments[contract].symbol,
      tsEvent: nowUs as TimestampUs,
      bidPrice: this.bid[contract] as Price,
      bidSize: this.bidSize[contract],
      askPrice: this.ask[contract] as Price,
      askSize: this.askSize[contract],
    };
  }

  /**
   * Five levels a tick apart behind the best bid and ask (fewer bids where they would fall below one
   * tick). Sizes behind the best are a hash of (contract, instant, level), not draws from the
   * simulation's stream, so building depth or not never changes the market.
   */
  depthEvent(contract: number, nowUs: number): DepthEvent {
    const bids: BookLevel[] = [];
    const asks: BookLevel[] = [];
    const liquidity = this.liquidity[contract];
    for (let level = 0; level < DEPTH_LEVELS; level++) {
      const bidPrice = this.bid[contract] - level * this.tick;
      if (bidPrice >= this.tick) {
        bids.push({
          price: bidPrice as Price,
          size: level === 0 ? this.bidSize[contract] : this.hashedSize(liquidity, level, contract, nowUs, 0),
        });
      }
      asks.push({
        price: (this.ask[contract] + level * this.tick) as Price,
        size: level === 0 ? this.askSize[contract] : this.hashedSize(liquidity, level, contract, nowUs, 1),
      });
    }
    return {
      type: 'depth',
      symbol: this.instruments[contract].symbol,
      tsEvent: nowUs as TimestampUs,
      bids,
      asks,
    };
  }

  /** Current quote, depth and last print of a contract, for a subscriber that just joined. */
  snapshotEvents(contract: number, nowUs: number): MarketEvent[] {
    if (this.bid[contract] === 0) return [];
    const events: MarketEvent[] = [this.quoteEvent(contract, nowUs), this.depthEvent(contract, nowUs)];
    if (this.volume[contract] > 0) {
      events.push({
        type: 'trade',
        symbol: this.instruments[contract].symbol,
        tsEvent: nowUs as TimestampUs,
        price: this.lastPrice[contract] as Price,
        size: this.series.lotSize,
        aggressor: 'unknown',
      });
    }
    return events;
  }

  greeksOf(contract: number): OptionContractGreeks | null {
    if (Number.isNaN(this.modelIv[contract])) return null;
    const theta = this.modelTheta[contract];
    return {
      symbol: this.instruments[contract].symbol,
      iv: this.modelIv[contract],
      fair: this.modelValue[contract],
      price: this.modelPrice[contract],
      delta: this.modelDelta[contract],
      gamma: this.modelGamma[contract],
      vega: this.modelVega[contract],
      theta,
      thetaPerDay: theta / 365,
      rho: this.modelRho[contract],
      spot: this.spotAtQuote,
      years: this.modelYears[contract],
      quotedAtUs: this.quotedAtUs as TimestampUs,
    };
  }

  /**
   * The chain of one expiry in the analytics' ChainSnapshot shape (decimal prices; OI and volume in
   * contracts, so contractMultiplier = lot size × multiplier units of underlying per contract;
   * bid/ask quantities in order-quantity units like the NSE chain's bidQty).
   */
  snapshot(expiry: string): ChainSnapshot {
    const expiryIndex = this.expiries.findIndex((candidate) => candidate.date === expiry);
    if (expiryIndex < 0) {
      const listed = this.expiries.map((candidate) => candidate.date).join(', ');
      throw new RangeError(`${this.series.underlying} has no listed expiry ${expiry} (listed: ${listed})`);
    }
    const rows: ChainRow[] = [];
    const perExpiry = this.strikes.length * 2;
    for (let strikeIndex = 0; strikeIndex < this.strikes.length; strikeIndex++) {
      const call = expiryIndex * perExpiry + strikeIndex * 2;
      rows.push({
        strike: this.strikes[strikeIndex],
        ce: this.chainQuote(call),
        pe: this.chainQuote(call + 1),
      });
    }
    return {
      underlying: this.series.underlying,
      spot: this.spotAtQuote,
      expiry,
      expiryUs: this.expiryClose[expiryIndex] as TimestampUs,
      timestampUs: this.quotedAtUs as TimestampUs,
      contractMultiplier: this.series.lotSize * this.series.multiplier,
      rows,
    };
  }

  private chainQuote(contract: number): ChainQuote {
    const scale = this.priceScale;
    return {
      oi: this.openInterest[contract],
      oiChange: this.openInterest[contract] - this.openInterestAtOpen[contract],
      volume: this.volume[contract],
      iv: Number.isNaN(this.modelIv[contract]) ? null : this.modelIv[contract],
      ltp: this.lastPrice[contract] / scale,
      ltpChange: (this.lastPrice[contract] - this.previousClose[contract]) / scale,
      bid: this.bid[contract] / scale,
      ask: this.ask[contract] / scale,
      bidQty: this.bidSize[contract],
      askQty: this.askSize[contract],
    };
  }
}

/** Uniform in (0, 1] from two integers (a murmur3-style finaliser over the key and the instant). */
function hashUniform(key: number, nowUs: number): number {
  let h = Math.imul(key ^ 0x9e3779b9, 0x85ebca6b) ^ (nowUs >>> 0) ^ Math.floor(nowUs / 4294967296);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return ((h >>> 0) + 1) / 4294967296;
}

function isMultiple(value: number, step: number): boolean {
  const ratio = value / step;
  return Math.abs(ratio - Math.round(ratio)) < 1e-9;
}
