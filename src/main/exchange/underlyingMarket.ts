import type { Symbol } from '../../shared/domain/ids';
import type { EquityInstrument, IndexInstrument } from '../../shared/domain/instrument';
import type { BookLevel, DepthEvent, MarketEvent, QuoteEvent, Side } from '../../shared/domain/marketEvents';
import { DEPTH_LEVELS } from '../../shared/domain/marketEvents';
import type { Price } from '../../shared/domain/price';
import type { SeededRandom } from '../../shared/domain/random';
import type { TimestampUs } from '../../shared/domain/time';
import type { UnderlyingSimParameters } from './parameters';
import type { Regime, RegimeModel } from './regimes';
import {
  diffusionVarianceMultiplier,
  drawNextRegime,
  drawRegimeDurationUs,
  REGIME_BEHAVIOUR,
  REGIMES,
} from './regimes';
import { intradayActivity } from './seasonality';

export type MarketEventSink = (event: MarketEvent) => void;

/** Share of order-flow events that are market orders, limit additions and cancellations (the rest). */
const MARKET_ORDER_SHARE = 0.3;
const LIMIT_ADD_SHARE = 0.4;
/** Probability per flow event that market makers step into a spread wider than their target… */
const REFILL_PROBABILITY = 0.85;
/** …and that they quote right at the target rather than somewhere inside the gap. */
const REFILL_AT_TARGET = 0.7;
/**
 * Self-excitation of order flow (a Hawkes process with an exponential kernel): each market order
 * adds BURST_BRANCHING / BURST_DECAY_SECONDS events per second to the arrival rate, decaying with
 * BURST_DECAY_SECONDS, i.e. on average BURST_BRANCHING extra flow events. Only market orders (30 %
 * of flow) excite, so the branching ratio is 0.3 × 1 = 0.3 < 1: bursts always die out, and flow
 * runs at 1 / (1 − 0.3) ≈ 1.4 × the base rate on average.
 */
const BURST_BRANCHING = 1;
const BURST_DECAY_SECONDS = 2;
const TRADING_SESSIONS_PER_YEAR = 252;
const US_PER_SECOND = 1_000_000;

export interface UnderlyingMarketOptions {
  readonly instrument: IndexInstrument | EquityInstrument;
  readonly parameters: UnderlyingSimParameters;
  readonly regimeModel: RegimeModel;
  readonly random: SeededRandom;
  /** Length of a regular session, seconds: volatility is quoted per trading year of 252 such sessions. */
  readonly sessionSeconds: number;
  readonly emitDepth: boolean;
}

/**
 * One simulated underlying: a latent fair price driven by a regime-switching process and a 5-level
 * limit order book that follows it through order flow.
 *
 * Price process (log price x, per second of trading time, σ = annualVolatility / √(252 · session · V),
 * V the long-run variance multiplier of the regime mix, so annualVolatility is the realised level):
 *   trend     dx = ±k·σ/60 dt + σ dW                       (k = trendStrength per hour)
 *   range     Ornstein–Uhlenbeck towards the level at regime entry, half-life rangeHalfLifeSeconds
 *   volatile  dx = 2.2·σ dW
 *   jump      x jumps by ±jumpSize·(0.5 + Exp(1)) on entry, then dx = 3·σ dW
 * with σ scaled by √(intraday activity) (volatility is U-shaped like volume).
 *
 * Book: prices are integer minor units on the tick grid; each side always shows DEPTH_LEVELS levels,
 * strictly ordered, sizes ≥ one lot. When the fair price moves past a quote, the quote is either
 * traded through (a print with the aggressor side) or cancelled; market makers refill a spread
 * wider than the regime's target; limit orders add size, cancellations thin it; market orders
 * (occasionally sweeps through several levels) print one trade per level. Order arrivals are Poisson with a rate that follows the intraday
 * U-curve, the regime's activity, and a self-exciting burst term.
 *
 * Allocation: nothing per event beyond the emitted event objects (book state lives in typed arrays).
 */
export class UnderlyingMarket {
  readonly symbol: Symbol;
  readonly instrument: IndexInstrument | EquityInstrument;
  readonly parameters: UnderlyingSimParameters;
  private readonly random: SeededRandom;
  private readonly regimeModel: RegimeModel;
  private readonly tick: number;
  private readonly lot: number;
  private readonly sigmaPerSqrtSecond: number;
  private readonly emitDepth: boolean;

  private logFair: number;
  private regimeIndex = 1; // range
  private regimeEndUs = 0;
  private direction = 1;
  private anchor: number;
  private lastEvolveUs = 0;
  /** Excess arrival rate from recent market orders, events per second. */
  private burst = 0;
  private burstUs = 0;

  readonly bidPrices = new Float64Array(DEPTH_LEVELS);
  readonly bidSizes = new Float64Array(DEPTH_LEVELS);
  readonly askPrices = new Float64Array(DEPTH_LEVELS);
  readonly askSizes = new Float64Array(DEPTH_LEVELS);
  private lastQuote: QuoteEvent | null = null;
  private lastTradePrice = 0;
  private lastTradeUs = 0;
  private lastTradeSize = 0;
  private lastTradeSide: Side = 'buy';

  /** Session bounds (UTC µs) for the intraday activity curve. */
  private sessionOpenUs = 0;
  private sessionCloseUs = 1;
  nextFlowUs = Infinity;

  /** Statistics for tests and the bench: regime entries and time spent (µs) per regime. */
  readonly regimeEntries = new Float64Array(REGIMES.length);
  readonly regimeMicros = new Float64Array(REGIMES.length);
  volume = 0;
  trades = 0;
  sweeps = 0;

  constructor(options: UnderlyingMarketOptions) {
    this.instrument = options.instrument;
    this.symbol = options.instrument.symbol;
    this.parameters = options.parameters;
    this.random = options.random;
    this.regimeModel = options.regimeModel;
    this.emitDepth = options.emitDepth;
    this.tick = options.instrument.tickUnits;
    this.lot = options.instrument.lotSize;
    this.sigmaPerSqrtSecond =
      options.parameters.annualVolatility /
      Math.sqrt(
        TRADING_SESSIONS_PER_YEAR * options.sessionSeconds * diffusionVarianceMultiplier(options.regimeModel),
      );
    this.logFair = Math.log(options.parameters.initialPrice * 10 ** options.instrument.priceDecimals);
    this.anchor = this.logFair;
  }

  get regime(): Regime {
    return REGIMES[this.regimeIndex];
  }

  /** Latent fair price in minor units (not on the tick grid). */
  get fairUnits(): number {
    return Math.exp(this.logFair);
  }

  /** Fair price rounded onto the tick grid: the index value NSE would print. */
  get fairOnTick(): Price {
    return (Math.round(Math.exp(this.logFair) / this.tick) * this.tick) as Price;
  }

  get midUnits(): number {
    return 0.5 * (this.bidPrices[0] + this.askPrices[0]);
  }

  /**
   * Starts a session: the first call draws the opening regime; later calls apply an overnight gap
   * (a normal move of half a day's volatility) and rebuild the book around the new price.
   */
  openSession(openUs: number, closeUs: number, fromUs: number, first: boolean): void {
    this.sessionOpenUs = openUs;
    this.sessionCloseUs = closeUs;
    if (first) {
      this.enterRegime(this.random.int(REGIMES.length - 1), fromUs); // any regime but a jump at the open
    } else {
      const overnight = 0.5 * this.sigmaPerSqrtSecond * Math.sqrt((closeUs - openUs) / US_PER_SECOND);
      this.logFair += overnight * this.random.normal();
      this.anchor = this.logFair;
      this.regimeEndUs = fromUs + drawRegimeDurationUs(this.regimeModel, this.regime, this.random);
    }
    this.lastEvolveUs = fromUs;
    this.burst = 0;
    this.burstUs = fromUs;
    this.rebuildBook();
    this.nextFlowUs = fromUs + this.flowDelayUs(fromUs);
  }

  closeSession(): void {
    this.nextFlowUs = Infinity;
  }

  /** One order-flow event at `nowUs` (= nextFlowUs). */
  processFlow(nowUs: number, sink: MarketEventSink): void {
    this.evolve(nowUs);
    let changed = this.followFairPrice(nowUs, sink);
    const u = this.random.next();
    if (u < MARKET_ORDER_SHARE) changed = this.marketOrder(nowUs, sink) || changed;
    else if (u < MARKET_ORDER_SHARE + LIMIT_ADD_SHARE) changed = this.addLiquidity() || changed;
    else changed = this.cancelLiquidity() || changed;
    if (changed) this.emitBook(nowUs, sink);
    this.nextFlowUs = nowUs + this.flowDelayUs(nowUs);
  }

  /**
   * Whether events for this symbol are built and emitted. Emission draws no random numbers, so the
   * state (and every other symbol's events) are the same whatever is subscribed.
   */
  interested = true;

  /** The current top of book, depth and last print, for a subscriber that just joined. */
  snapshotEvents(nowUs: number): MarketEvent[] {
    const events: MarketEvent[] = [this.quoteEvent(nowUs), this.depthEvent(nowUs)];
    if (this.lastTradePrice > 0) {
      events.push({
        type: 'trade',
        symbol: this.symbol,
        tsEvent: this.lastTradeUs as TimestampUs,
        price: this.lastTradePrice as Price,
        size: this.lastTradeSize,
        aggressor: this.lastTradeSide,
      });
    }
    return events;
  }

  quoteEvent(nowUs: number): QuoteEvent {
    return {
      type: 'quote',
      symbol: this.symbol,
      tsEvent: nowUs as TimestampUs,
      bidPrice: this.bidPrices[0] as Price,
      bidSize: this.bidSizes[0],
      askPrice: this.askPrices[0] as Price,
      askSize: this.askSizes[0],
    };
  }

  depthEvent(nowUs: number): DepthEvent {
    const bids: BookLevel[] = [];
    const asks: BookLevel[] = [];
    for (let level = 0; level < DEPTH_LEVELS; level++) {
      bids.push({ price: this.bidPrices[level] as Price, size: this.bidSizes[level] });
      asks.push({ price: this.askPrices[level] as Price, size: this.askSizes[level] });
    }
    return { type: 'depth', symbol: this.symbol, tsEvent: nowUs as TimestampUs, bids, asks };
  }

  // ---- price process -------------------------------------------------------------------------

  private enterRegime(index: number, nowUs: number): void {
    this.regimeIndex = index;
    this.regimeEntries[index]++;
    this.regimeEndUs = nowUs + drawRegimeDurationUs(this.regimeModel, REGIMES[index], this.random);
    this.direction = this.random.next() < 0.5 ? -1 : 1;
    this.anchor = this.logFair;
    if (REGIMES[index] === 'jump') {
      const size = this.parameters.jumpSize * (0.5 + this.random.exponential(1));
      this.logFair += this.direction * Math.log1p(Math.min(size, 0.2));
    }
  }

  private evolve(nowUs: number): void {
    const elapsedUs = nowUs - this.lastEvolveUs;
    if (elapsedUs <= 0) return;
    this.lastEvolveUs = nowUs;
    this.regimeMicros[this.regimeIndex] += elapsedUs;
    const dt = elapsedUs / US_PER_SECOND;
    const behaviour = REGIME_BEHAVIOUR[REGIMES[this.regimeIndex]];
    const baseSigma = this.sigmaPerSqrtSecond;
    const sigma = baseSigma * behaviour.volatilityMultiplier * Math.sqrt(this.activity(nowUs));
    const shock = this.random.normal();
    switch (REGIMES[this.regimeIndex]) {
      case 'trend':
        this.logFair +=
          (this.direction * this.parameters.trendStrength * baseSigma * dt) / 60 +
          sigma * Math.sqrt(dt) * shock;
        break;
      case 'range': {
        const kappa = Math.LN2 / this.parameters.rangeHalfLifeSeconds;
        const decay = Math.exp(-kappa * dt);
        const spread = sigma * Math.sqrt((1 - decay * decay) / (2 * kappa));
        this.logFair = this.anchor + (this.logFair - this.anchor) * decay + spread * shock;
        break;
      }
      case 'volatile':
        this.logFair += sigma * Math.sqrt(dt) * shock;
        break;
      case 'jump':
        // Momentum after the jump: half a trend's drift in the jump's direction.
        this.logFair +=
          (0.5 * this.direction * this.parameters.trendStrength * baseSigma * dt) / 60 +
          sigma * Math.sqrt(dt) * shock;
        break;
    }
    // Keep the price at least 100 ticks so the book always has room below it.
    const floor = Math.log(100 * this.tick);
    if (this.logFair < floor) this.logFair = floor;
    if (nowUs >= this.regimeEndUs) {
      this.enterRegime(REGIMES.indexOf(drawNextRegime(this.regimeModel, this.regime, this.random)), nowUs);
    }
  }

  /** Intraday activity factor (U-curve, mean 1 over the session) at an instant. */
  activity(nowUs: number): number {
    return intradayActivity((nowUs - this.sessionOpenUs) / (this.sessionCloseUs - this.sessionOpenUs));
  }

  private flowDelayUs(nowUs: number): number {
    const decay = Math.exp(-(nowUs - this.burstUs) / (BURST_DECAY_SECONDS * US_PER_SECOND));
    this.burst *= decay;
    this.burstUs = nowUs;
    const rate =
      this.parameters.flowEventsPerSecond *
        this.activity(nowUs) *
        REGIME_BEHAVIOUR[REGIMES[this.regimeIndex]].activityMultiplier +
      this.burst;
    return Math.max(1, Math.round(this.random.exponential(rate) * US_PER_SECOND));
  }

  // ---- book ----------------------------------------------------------------------------------

  /** The market makers' target inside spread in this regime, in price units (whole ticks, ≥ 1). */
  private targetSpreadUnits(): number {
    const behaviour = REGIME_BEHAVIOUR[REGIMES[this.regimeIndex]];
    return Math.max(1, Math.round(this.parameters.baseSpreadTicks * behaviour.spreadMultiplier)) * this.tick;
  }

  /**
   * The target best bid for a fair price: the tick nearest to fair − spread/2 that still leaves
   * bid < fair ≤ bid + spread, so a target quote never sits on the wrong side of fair value.
   */
  private targetBidUnits(fair: number, spread: number): number {
    const f = fair / this.tick;
    const s = spread / this.tick;
    let bid = Math.round(f - s / 2);
    if (bid >= f) bid -= 1;
    if (bid < f - s) bid += 1;
    return bid * this.tick;
  }

  private freshLevelSize(level: number): number {
    return this.lot * this.random.geometric(this.parameters.levelSizeLots * (1 + 0.25 * level));
  }

  /** A market maker stepping into the spread shows less than a settled level: a third of its size. */
  private refillSize(): number {
    return this.lot * this.random.geometric(this.parameters.levelSizeLots / 3);
  }

  private gapUnits(): number {
    return this.tick * this.random.geometric(this.parameters.levelGapTicks);
  }

  private rebuildBook(): void {
    const spread = this.targetSpreadUnits();
    const bid = this.targetBidUnits(this.fairUnits, spread);
    this.rebuildBids(bid);
    this.rebuildAsks(bid + spread);
  }

  private rebuildBids(bestPrice: number): void {
    let price = bestPrice;
    for (let level = 0; level < DEPTH_LEVELS; level++) {
      this.bidPrices[level] = price;
      this.bidSizes[level] = this.freshLevelSize(level);
      price -= this.gapUnits();
    }
  }

  private rebuildAsks(bestPrice: number): void {
    let price = bestPrice;
    for (let level = 0; level < DEPTH_LEVELS; level++) {
      this.askPrices[level] = price;
      this.askSizes[level] = this.freshLevelSize(level);
      price += this.gapUnits();
    }
  }

  /** Removes the best bid; the levels move up and a new level appears at the far end of the display. */
  private popBid(): void {
    const last = DEPTH_LEVELS - 1;
    for (let level = 0; level < last; level++) {
      this.bidPrices[level] = this.bidPrices[level + 1];
      this.bidSizes[level] = this.bidSizes[level + 1];
    }
    this.bidPrices[last] = this.bidPrices[last - 1] - this.gapUnits();
    this.bidSizes[last] = this.freshLevelSize(last);
  }

  private popAsk(): void {
    const last = DEPTH_LEVELS - 1;
    for (let level = 0; level < last; level++) {
      this.askPrices[level] = this.askPrices[level + 1];
      this.askSizes[level] = this.askSizes[level + 1];
    }
    this.askPrices[last] = this.askPrices[last - 1] + this.gapUnits();
    this.askSizes[last] = this.freshLevelSize(last);
  }

  /** A new best bid; the worst displayed level drops out of view. */
  private pushBid(price: number, size: number): void {
    for (let level = DEPTH_LEVELS - 1; level > 0; level--) {
      this.bidPrices[level] = this.bidPrices[level - 1];
      this.bidSizes[level] = this.bidSizes[level - 1];
    }
    this.bidPrices[0] = price;
    this.bidSizes[0] = size;
  }

  private pushAsk(price: number, size: number): void {
    for (let level = DEPTH_LEVELS - 1; level > 0; level--) {
      this.askPrices[level] = this.askPrices[level - 1];
      this.askSizes[level] = this.askSizes[level - 1];
    }
    this.askPrices[0] = price;
    this.askSizes[0] = size;
  }

  /**
   * Moves the book after the fair price: quotes the price has passed are traded through or pulled
   * (asks below fair, bids at or above it, so afterwards best bid < fair ≤ best ask: never crossed),
   * and a spread wider than the target is narrowed by market makers with thin new quotes.
   */
  private followFairPrice(nowUs: number, sink: MarketEventSink): boolean {
    const fair = this.fairUnits;
    const take = REGIME_BEHAVIOUR[REGIMES[this.regimeIndex]].takeStaleProbability;
    // Outside a jump one aggressor at most picks off the stale quote; the rest are pulled by their
    // owners. In a jump regime everything in the way is traded through: a sweep.
    const sweeping = REGIMES[this.regimeIndex] === 'jump';
    let changed = false;
    let removed = 0;
    let printed = false;
    while (this.askPrices[0] < fair) {
      changed = true;
      if (removed === DEPTH_LEVELS) {
        const spread = this.targetSpreadUnits();
        this.rebuildAsks(this.targetBidUnits(fair, spread) + spread);
        break;
      }
      if ((sweeping || !printed) && this.random.next() < take) {
        this.print(nowUs, this.askPrices[0], this.askSizes[0], 'buy', sink);
        printed = true;
      }
      this.popAsk();
      removed++;
    }
    removed = 0;
    while (this.bidPrices[0] >= fair) {
      changed = true;
      if (removed === DEPTH_LEVELS) {
        this.rebuildBids(
          Math.min(this.targetBidUnits(fair, this.targetSpreadUnits()), this.askPrices[0] - this.tick),
        );
        break;
      }
      if ((sweeping || !printed) && this.random.next() < take) {
        this.print(nowUs, this.bidPrices[0], this.bidSizes[0], 'sell', sink);
        printed = true;
      }
      this.popBid();
      removed++;
    }
    const spread = this.targetSpreadUnits();
    const targetBid = this.targetBidUnits(fair, spread);
    const targetAsk = targetBid + spread;
    if (this.bidPrices[0] < targetBid && this.random.next() < REFILL_PROBABILITY) {
      const steps = (targetBid - this.bidPrices[0]) / this.tick;
      const price =
        this.random.next() < REFILL_AT_TARGET
          ? targetBid
          : this.bidPrices[0] + this.tick * (1 + this.random.int(steps));
      this.pushBid(price, this.refillSize());
      changed = true;
    }
    if (this.askPrices[0] > targetAsk && this.random.next() < REFILL_PROBABILITY) {
      const steps = (this.askPrices[0] - targetAsk) / this.tick;
      const price =
        this.random.next() < REFILL_AT_TARGET
          ? targetAsk
          : this.askPrices[0] - this.tick * (1 + this.random.int(steps));
      this.pushAsk(price, this.refillSize());
      changed = true;
    }
    return changed;
  }

  private marketOrder(nowUs: number, sink: MarketEventSink): boolean {
    const behaviour = REGIME_BEHAVIOUR[REGIMES[this.regimeIndex]];
    const spread = Math.max(this.tick, this.askPrices[0] - this.bidPrices[0]);
    // Order flow leans towards the fair price (informed flow) and, in trends and jumps, with the move;
    // each market order excites further flow for a few seconds (bursts).
    const regime = REGIMES[this.regimeIndex];
    const tilt = regime === 'trend' ? 0.08 : regime === 'jump' ? 0.15 : 0;
    const pull = Math.max(-0.3, Math.min(0.3, (0.4 * (this.fairUnits - this.midUnits)) / spread));
    const side: Side = this.random.next() < 0.5 + pull + tilt * this.direction ? 'buy' : 'sell';
    const sizes = side === 'buy' ? this.askSizes : this.bidSizes;
    let quantity: number;
    if (this.random.next() < behaviour.sweepProbability) {
      // A sweep: takes 2–5 whole levels (and part of the next when fewer than 5).
      const levels = 2 + this.random.int(DEPTH_LEVELS - 1);
      quantity = 0;
      for (let level = 0; level < levels; level++) quantity += sizes[level];
      if (levels < DEPTH_LEVELS)
        quantity += this.lot * Math.ceil((this.random.next() * sizes[levels]) / this.lot);
      this.sweeps++;
    } else {
      quantity = this.lot * this.random.geometric(this.parameters.tradeLots);
    }
    let levelsTaken = 0;
    while (quantity > 0 && levelsTaken < DEPTH_LEVELS) {
      const price = side === 'buy' ? this.askPrices[0] : this.bidPrices[0];
      const available = sizes[0];
      const fill = Math.min(quantity, available);
      this.print(nowUs, price, fill, side, sink);
      quantity -= fill;
      if (fill === available) {
        if (side === 'buy') this.popAsk();
        else this.popBid();
        levelsTaken++;
      } else {
        sizes[0] = available - fill;
      }
    }
    this.burst += BURST_BRANCHING / BURST_DECAY_SECONDS;
    return true;
  }

  private addLiquidity(): boolean {
    const bid = this.random.next() < 0.5;
    const level = Math.min(DEPTH_LEVELS - 1, this.random.geometric(1.8) - 1);
    const sizes = bid ? this.bidSizes : this.askSizes;
    const cap = this.lot * this.parameters.levelSizeLots * (4 + level);
    const added = this.lot * this.random.geometric(this.parameters.levelSizeLots * 0.5);
    sizes[level] = Math.min(cap, sizes[level] + added);
    return true;
  }

  private cancelLiquidity(): boolean {
    const bid = this.random.next() < 0.5;
    const level = this.random.int(DEPTH_LEVELS);
    const sizes = bid ? this.bidSizes : this.askSizes;
    const cancelled = this.lot * Math.round((sizes[level] * this.random.uniform(0.2, 0.9)) / this.lot);
    if (sizes[level] - cancelled >= this.lot) {
      sizes[level] -= cancelled;
    } else if (level === 0 && this.random.next() < 0.3) {
      // The whole best level is pulled: the spread widens until someone refills it.
      if (bid) this.popBid();
      else this.popAsk();
    } else {
      sizes[level] = this.lot;
    }
    return true;
  }

  private print(nowUs: number, price: number, size: number, aggressor: Side, sink: MarketEventSink): void {
    this.lastTradePrice = price;
    this.lastTradeSize = size;
    this.lastTradeSide = aggressor;
    this.lastTradeUs = nowUs;
    this.volume += size;
    this.trades++;
    if (this.interested)
      sink({
        type: 'trade',
        symbol: this.symbol,
        tsEvent: nowUs as TimestampUs,
        price: price as Price,
        size,
        aggressor,
      });
  }

  private emitBook(nowUs: number, sink: MarketEventSink): void {
    if (!this.interested) {
      this.lastQuote = null;
      return;
    }
    const last = this.lastQuote;
    if (
      last === null ||
      last.bidPrice !== this.bidPrices[0] ||
      last.askPrice !== this.askPrices[0] ||
      last.bidSize !== this.bidSizes[0] ||
      last.askSize !== this.askSizes[0]
    ) {
      this.lastQuote = this.quoteEvent(nowUs);
      sink(this.lastQuote);
    }
    if (this.emitDepth) sink(this.depthEvent(nowUs));
  }
}
