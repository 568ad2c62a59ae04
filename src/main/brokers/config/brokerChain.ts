import type { Instrument, OptionInstrument } from '../../../shared/domain/instrument';
import { isOption } from '../../../shared/domain/instrument';
import { parseIsoDate } from '../../../shared/domain/instruments/civilDate';
import type { MarketCalendar } from '../../../shared/domain/instruments/calendar';
import { expiryCloseUs } from '../../../shared/domain/instruments/expiry';
import type { MarketEvent } from '../../../shared/domain/marketEvents';
import type { TimestampUs } from '../../../shared/domain/time';
import type { ChainQuote, ChainRow, ChainSnapshot } from '../../../shared/options/chain/snapshot';
import { MICROSECONDS_PER_YEAR, quoteMid } from '../../../shared/options/chain/snapshot';
import { impliedVolatility } from '../../../shared/options/impliedVolatility';

/**
 * What a broker reports of a contract that its stream does not carry, in contracts (not units):
 * open interest, the day's volume and the previous session's close (a decimal price).
 */
export interface ContractFacts {
  readonly oi?: number;
  readonly volume?: number;
  readonly prevClose?: number;
}

interface Touch {
  readonly bid: number;
  readonly bidQty: number;
  readonly ask: number;
  readonly askQty: number;
}

/**
 * The option chain of a broker's feed, built from what the feed streams: each listed contract's
 * latest top of book and last print, and the underlying's last value (index tick, print, or quote mid
 * for a stock without prints yet). What the stream cannot carry — open interest, the day's volume, the
 * previous close — comes as `ContractFacts` from the broker's REST (OpenAlgo `optionchain`, Alpaca
 * option contracts); a contract without facts has OI 0 and the volume of the prints seen here.
 *
 * IV is solved from each contract's mid (`quoteMid`) with the project's solver (`impliedVolatility`,
 * BSM, rate 0 and no dividend: the spot is taken as the forward, as `analyzeChain` does by default);
 * a mid the solver cannot invert gives a null IV. The snapshot's time is market time — the latest
 * event the book has seen — so the same events and facts always give the same chain.
 */
export class BrokerChainBook {
  private readonly options = new Map<string, OptionInstrument>();
  private readonly underlyings = new Map<string, Instrument>();
  private readonly touches = new Map<string, Touch>();
  private readonly lasts = new Map<string, number>();
  private readonly traded = new Map<string, number>();
  private readonly spots = new Map<string, number>();
  private latestUs = 0;

  constructor(
    instruments: readonly Instrument[],
    private readonly calendar: MarketCalendar,
  ) {
    for (const instrument of instruments) {
      if (isOption(instrument)) this.options.set(instrument.symbol, instrument);
      else this.underlyings.set(instrument.symbol, instrument);
    }
  }

  /** Every event of the feed passes here first (cheap: a few map writes). */
  observe(event: MarketEvent): void {
    if (event.tsEvent > this.latestUs) this.latestUs = event.tsEvent;
    const option = this.options.get(event.symbol);
    const underlying = option ? undefined : this.underlyings.get(event.symbol);
    const instrument = option ?? underlying;
    if (!instrument) return;
    const scale = 10 ** instrument.priceDecimals;
    switch (event.type) {
      case 'index':
        this.spots.set(event.symbol, event.value / scale);
        return;
      case 'trade':
        if (option) {
          this.lasts.set(event.symbol, event.price / scale);
          this.traded.set(event.symbol, (this.traded.get(event.symbol) ?? 0) + event.size / option.lotSize);
        } else this.spots.set(event.symbol, event.price / scale);
        return;
      case 'quote':
        this.onTouch(event.symbol, option !== undefined, {
          bid: event.bidPrice / scale,
          bidQty: event.bidSize,
          ask: event.askPrice / scale,
          askQty: event.askSize,
        });
        return;
      case 'depth':
        this.onTouch(event.symbol, option !== undefined, {
          bid: (event.bids[0]?.price ?? 0) / scale,
          bidQty: event.bids[0]?.size ?? 0,
          ask: (event.asks[0]?.price ?? 0) / scale,
          askQty: event.asks[0]?.size ?? 0,
        });
        return;
      case 'bar':
        if (!option) this.spots.set(event.symbol, event.close / scale);
        return;
    }
  }

  private onTouch(symbol: string, isContract: boolean, touch: Touch): void {
    if (isContract) this.touches.set(symbol, touch);
    // A stock's quote mid stands in for its price until it prints.
    else if (!this.spots.has(symbol) && touch.bid > 0 && touch.ask >= touch.bid)
      this.spots.set(symbol, (touch.bid + touch.ask) / 2);
  }

  /** The listed expiries of an underlying, nearest first. */
  expiries(underlying: string): string[] {
    const dates = new Set<string>();
    for (const option of this.options.values())
      if (option.underlying === underlying) dates.add(option.expiry);
    return [...dates].sort();
  }

  /** The listed contracts of one expiry (for the broker's facts request). */
  contracts(underlying: string, expiry: string): OptionInstrument[] {
    return [...this.options.values()].filter(
      (option) => option.underlying === underlying && option.expiry === expiry,
    );
  }

  /** The nearest listed expiry, or `expiry` when it is listed; a clear error otherwise. */
  resolveExpiry(underlying: string, expiry?: string): string {
    const listed = this.expiries(underlying);
    if (listed.length === 0) throw new Error(`the broker lists no options for ${underlying}`);
    if (expiry === undefined) return listed[0];
    if (!listed.includes(expiry))
      throw new RangeError(`${underlying} has no listed expiry ${expiry} (listed: ${listed.join(', ')})`);
    return expiry;
  }

  /**
   * The chain of one expiry now. Fails, naming what is missing, before the underlying has a price or
   * while no contract of the expiry has been quoted or has printed.
   */
  snapshot(
    underlying: string,
    expiry: string | undefined,
    facts: ReadonlyMap<string, ContractFacts> = new Map(),
  ): ChainSnapshot {
    const date = this.resolveExpiry(underlying, expiry);
    const spot = this.spots.get(underlying);
    if (spot === undefined || !(spot > 0))
      throw new Error(`no price for ${underlying} from the broker's feed yet: no chain`);
    const expiryUs = expiryCloseUs(this.calendar, parseIsoDate(date));
    const years = Math.max(expiryUs - this.latestUs, 0) / MICROSECONDS_PER_YEAR;
    const rows = new Map<number, { strike: number; ce: ChainQuote | null; pe: ChainQuote | null }>();
    let quoted = 0;
    let multiplier = 1;
    for (const option of this.contracts(underlying, date)) {
      multiplier = option.lotSize * option.multiplier;
      const row = rows.get(option.strike) ?? { strike: option.strike, ce: null, pe: null };
      rows.set(option.strike, row);
      const quote = this.quoteOf(option, facts.get(option.symbol), spot, years);
      if (quote === null) continue;
      quoted++;
      if (option.right === 'CE') row.ce = quote;
      else row.pe = quote;
    }
    if (quoted === 0)
      throw new Error(
        `no quotes or prints yet for ${underlying} ${date} options from the broker's feed: no chain`,
      );
    const sorted: ChainRow[] = [...rows.values()].sort((a, b) => a.strike - b.strike);
    return {
      underlying,
      spot,
      expiry: date,
      expiryUs: expiryUs as TimestampUs,
      timestampUs: this.latestUs as TimestampUs,
      contractMultiplier: multiplier,
      rows: sorted,
    };
  }

  private quoteOf(
    option: OptionInstrument,
    facts: ContractFacts | undefined,
    spot: number,
    years: number,
  ): ChainQuote | null {
    const touch = this.touches.get(option.symbol);
    const last = this.lasts.get(option.symbol);
    if (touch === undefined && last === undefined) return null;
    const ltp = last ?? 0;
    const quote: ChainQuote = {
      oi: facts?.oi ?? 0,
      oiChange: 0,
      volume: facts?.volume ?? this.traded.get(option.symbol) ?? 0,
      iv: null,
      ltp,
      ltpChange: facts?.prevClose !== undefined && ltp > 0 ? ltp - facts.prevClose : 0,
      bid: touch?.bid ?? 0,
      ask: touch?.ask ?? 0,
      bidQty: touch?.bidQty ?? 0,
      askQty: touch?.askQty ?? 0,
    };
    const price = quoteMid(quote);
    if (!(price > 0) || !(years > 0)) return quote;
    const solved = impliedVolatility({
      model: 'bs',
      type: option.right === 'CE' ? 'call' : 'put',
      spot,
      strike: option.strike,
      years,
      rate: 0,
      dividendYield: 0,
      price,
    });
    return solved.ok ? { ...quote, iv: solved.iv } : quote;
  }
}
