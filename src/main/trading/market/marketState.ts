import type { LadderView } from '../../../shared/api/views';
import type { Instrument } from '../../../shared/domain/instrument';
import type { BookLevel, MarketEvent } from '../../../shared/domain/marketEvents';

interface SymbolState {
  readonly instrument: Instrument;
  bids: readonly BookLevel[];
  asks: readonly BookLevel[];
  lastPrice: number | null;
  lastSize: number;
  tsEvent: number;
  sequence: number;
}

/**
 * The core's view of the market: latest book, last trade per symbol. Windows get conflated copies:
 * events only mark a symbol dirty; `drainDirty` (called once per frame) builds one LadderView per
 * dirty symbol that some window watches — never one message per tick (the "conflation" principle).
 */
export class MarketState {
  private readonly symbols = new Map<string, SymbolState>();
  private readonly dirty = new Set<string>();
  private interest = new Set<string>();

  constructor(instruments: readonly Instrument[]) {
    for (const instrument of instruments) this.addInstrument(instrument);
  }

  addInstrument(instrument: Instrument): void {
    if (this.symbols.has(instrument.symbol)) return;
    this.symbols.set(instrument.symbol, {
      instrument,
      bids: [],
      asks: [],
      lastPrice: null,
      lastSize: 0,
      tsEvent: 0,
      sequence: 0,
    });
  }

  instrument(symbol: string): Instrument | undefined {
    return this.symbols.get(symbol)?.instrument;
  }

  instruments(): Instrument[] {
    return [...this.symbols.values()].map((state) => state.instrument);
  }

  book(symbol: string): { bids: readonly BookLevel[]; asks: readonly BookLevel[] } | undefined {
    return this.symbols.get(symbol);
  }

  lastPrice(symbol: string): number | null {
    return this.symbols.get(symbol)?.lastPrice ?? null;
  }

  /** Mark for P&L: last trade, else the mid of the book. */
  markPrice(symbol: string): number | null {
    const state = this.symbols.get(symbol);
    if (!state) return null;
    if (state.lastPrice !== null) return state.lastPrice;
    if (state.bids.length > 0 && state.asks.length > 0)
      return (state.bids[0].price + state.asks[0].price) / 2;
    return null;
  }

  setInterest(symbols: readonly string[]): void {
    this.interest = new Set(symbols);
    for (const symbol of symbols) if (this.symbols.has(symbol)) this.dirty.add(symbol);
  }

  apply(event: MarketEvent): void {
    const state = this.symbols.get(event.symbol);
    if (!state) return;
    switch (event.type) {
      case 'depth':
        state.bids = event.bids;
        state.asks = event.asks;
        break;
      case 'quote':
        state.bids = [{ price: event.bidPrice, size: event.bidSize }, ...state.bids.slice(1)];
        state.asks = [{ price: event.askPrice, size: event.askSize }, ...state.asks.slice(1)];
        break;
      case 'trade':
        state.lastPrice = event.price;
        state.lastSize = event.size;
        break;
      case 'index':
        state.lastPrice = event.value;
        break;
      case 'bar':
        state.lastPrice = event.close;
        break;
    }
    state.tsEvent = event.tsEvent;
    state.sequence++;
    if (this.interest.has(event.symbol)) this.dirty.add(event.symbol);
  }

  drainDirty(): LadderView[] {
    if (this.dirty.size === 0) return [];
    const views: LadderView[] = [];
    for (const symbol of this.dirty) {
      const state = this.symbols.get(symbol);
      if (!state || !this.interest.has(symbol)) continue;
      views.push({
        symbol,
        tsEvent: state.tsEvent,
        bids: state.bids,
        asks: state.asks,
        lastPrice: state.lastPrice,
        lastSize: state.lastSize,
        priceDecimals: state.instrument.priceDecimals,
        tickUnits: state.instrument.tickUnits,
        sequence: state.sequence,
      });
    }
    this.dirty.clear();
    return views;
  }
}
