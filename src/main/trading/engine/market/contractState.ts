import type { Instrument, OptionInstrument } from '../../../../shared/domain/instrument';
import type { DepthEvent, QuoteEvent, TradeEvent } from '../../../../shared/domain/marketEvents';
import { SpreadPercentile } from '../indicators/spreadPercentile';
import type { ContractStatsEvent } from '../types';

/**
 * What the engine tracks for one option contract it may trade: the quote and 5-level depth (for
 * spread, liquidity and the mark the exits read), the last print, and the chain statistics (OI, IV,
 * greeks) pushed with `contractStats` events. O(1) per event, preallocated. When the engine trades the
 * underlying itself, one of these tracks the underlying instrument (no chain statistics then).
 */
export class ContractState<I extends Instrument = OptionInstrument> {
  readonly spreads: SpreadPercentile;
  bid = NaN;
  ask = NaN;
  bidSize = 0;
  askSize = 0;
  depthBidSize = 0;
  depthAskSize = 0;
  /** Whether depth snapshots arrive (then L1 quotes do not overwrite the 5-level sums). */
  private hasDepth = false;
  lastQuoteUs = -1;
  lastTradePrice = NaN;
  lastTradeUs = -1;
  openInterest = NaN;
  oiChange = NaN;
  iv = NaN;
  delta = NaN;
  gamma = NaN;
  statsUs = -1;
  /** Engine-computed delta cache (when the chain does not carry greeks). */
  computedDelta = NaN;
  computedGamma = NaN;
  computedUs = -1;

  constructor(
    readonly instrument: I,
    spreadSamples: number,
  ) {
    this.spreads = new SpreadPercentile(spreadSamples);
  }

  onQuote(event: QuoteEvent): void {
    this.bid = event.bidPrice;
    this.ask = event.askPrice;
    this.bidSize = event.bidSize;
    this.askSize = event.askSize;
    this.lastQuoteUs = event.tsEvent;
    if (!this.hasDepth) {
      this.depthBidSize = event.bidSize;
      this.depthAskSize = event.askSize;
    }
    this.spreads.add((event.askPrice - event.bidPrice) / this.instrument.tickUnits);
  }

  onDepth(event: DepthEvent): void {
    let bidTotal = 0;
    let askTotal = 0;
    for (let i = 0; i < event.bids.length && i < 5; i++) bidTotal += event.bids[i].size;
    for (let i = 0; i < event.asks.length && i < 5; i++) askTotal += event.asks[i].size;
    this.depthBidSize = bidTotal;
    this.depthAskSize = askTotal;
    this.hasDepth = true;
    if (event.bids.length > 0 && event.asks.length > 0) {
      this.bid = event.bids[0].price;
      this.bidSize = event.bids[0].size;
      this.ask = event.asks[0].price;
      this.askSize = event.asks[0].size;
      this.spreads.add((this.ask - this.bid) / this.instrument.tickUnits);
    }
    this.lastQuoteUs = event.tsEvent;
  }

  onTrade(event: TradeEvent): void {
    this.lastTradePrice = event.price;
    this.lastTradeUs = event.tsEvent;
  }

  onStats(event: ContractStatsEvent): void {
    if (event.openInterest !== undefined) this.openInterest = event.openInterest;
    if (event.oiChange !== undefined) this.oiChange = event.oiChange;
    if (event.iv !== undefined) this.iv = event.iv;
    if (event.delta !== undefined) this.delta = event.delta;
    if (event.gamma !== undefined) this.gamma = event.gamma;
    this.statsUs = event.tsEvent;
  }

  get hasQuote(): boolean {
    return this.bid > 0 && this.ask > 0;
  }

  get mid(): number {
    return (this.bid + this.ask) / 2;
  }

  spreadTicks(): number {
    return (this.ask - this.bid) / this.instrument.tickUnits;
  }

  /** Spread as a percentage of the mid price. */
  spreadPercent(): number {
    const mid = this.mid;
    return mid > 0 ? ((this.ask - this.bid) / mid) * 100 : NaN;
  }

  /** Top-5 depth (both sides, the thinner one) in lots. */
  depthLots(): number {
    const thinner = this.depthBidSize < this.depthAskSize ? this.depthBidSize : this.depthAskSize;
    return thinner / this.instrument.lotSize;
  }

  /**
   * The price exits read for a position (docs/engine.md, "Marks"): `bid` is the side a long would
   * sell into, so a short reads the ask there.
   */
  mark(kind: 'bid' | 'mid' | 'last', short = false): number {
    if (kind === 'bid') return short ? this.ask : this.bid;
    if (kind === 'last') return this.lastTradePrice === this.lastTradePrice ? this.lastTradePrice : this.mid;
    return this.mid;
  }
}

/** Whether a tracked contract is an option (not the underlying the engine trades itself). */
export function isOptionContract(contract: ContractState<Instrument>): contract is ContractState {
  return contract.instrument.kind === 'option';
}

/**
 * A marketable entry limit: the touch an entry takes (the ask to buy, the bid to sell short) on the
 * tick grid, `offsetTicks` through it.
 */
export function marketableLimit(
  contract: ContractState<Instrument>,
  short: boolean,
  offsetTicks: number,
): number {
  const tick = contract.instrument.tickUnits;
  return short
    ? Math.floor(contract.bid / tick) * tick - offsetTicks * tick
    : Math.ceil(contract.ask / tick) * tick + offsetTicks * tick;
}
