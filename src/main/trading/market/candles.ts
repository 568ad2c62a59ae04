import type { MarketEvent, Side } from '../../../shared/domain/marketEvents';
import type { Price } from '../../../shared/domain/price';
import type { TimestampUs } from '../../../shared/domain/time';
import { US_PER_SECOND } from '../../../shared/domain/time';

/** The chart intervals the core builds, in seconds: 1 s, 5 s, 15 s, 1 m, 5 m. */
export const CANDLE_INTERVALS = [1, 5, 15, 60, 300] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];

export function isCandleInterval(value: number): value is CandleInterval {
  return (CANDLE_INTERVALS as readonly number[]).includes(value);
}

/**
 * One bar. `tsStart` is aligned to the epoch (floor(ts / interval) × interval): NSE's 09:15 IST and
 * the US 09:30 ET opens are whole multiples of 5 minutes in UTC, so bars line up with the session.
 * `source` says whether the bar was built from prints or, for an instrument that never traded
 * (an index, a quiet option), from the quote mid.
 */
export interface Candle {
  readonly tsStart: TimestampUs;
  readonly open: Price;
  readonly high: Price;
  readonly low: Price;
  readonly close: Price;
  /** Traded size; 0 for a mid bar. */
  readonly volume: number;
  /** Size traded with the buyer / seller as aggressor (volume at the ask / at the bid). */
  readonly buyVolume: number;
  readonly sellVolume: number;
  readonly source: 'trade' | 'mid';
}

interface OpenBar {
  tsStart: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Event time of the tick that set `close`: an earlier late tick moves high/low, never the close. */
  closeTs: number;
  volume: number;
  buyVolume: number;
  sellVolume: number;
  source: 'trade' | 'mid';
}

export interface CandleSeriesStats {
  /** Ticks older than the open bar, dropped: a finished bar never changes. */
  readonly lateTicks: number;
  /** Ticks outside the session, ignored. */
  readonly outOfSessionTicks: number;
}

/**
 * Bars of one interval for one instrument, newest last, at most `capacity` kept (a full NSE day of
 * 1 s bars is 22,500). Prints make the bars; mids make them only until the first print, so an option
 * that trades is never drawn half from mids, half from prints. Empty intervals leave a gap (no bar),
 * which is how a trade chart shows a quiet market.
 */
export class CandleSeries {
  private readonly bars: Candle[] = [];
  private open: OpenBar | null = null;
  private hasTraded = false;
  private late = 0;
  private outOfSession = 0;
  /** Index into `bars` of the first bar changed since the last `takeChanges` (bars.length = only the open bar). */
  private changedFrom: number | null = null;

  constructor(
    readonly intervalSeconds: CandleInterval,
    private readonly capacity: number,
  ) {}

  get stats(): CandleSeriesStats {
    return { lateTicks: this.late, outOfSessionTicks: this.outOfSession };
  }

  noteOutOfSession(): void {
    this.outOfSession += 1;
  }

  onTrade(tsEvent: number, price: number, size: number, aggressor: Side | 'unknown'): void {
    if (!this.hasTraded) {
      this.hasTraded = true;
      // The open bar was built from mids. In an earlier interval it stays as the last mid bar; in this
      // interval the print replaces it, so no two bars share a start time.
      const open = this.open;
      if (open !== null && open.source === 'mid') {
        const length = this.intervalSeconds * US_PER_SECOND;
        if (Math.floor(tsEvent / length) * length === open.tsStart) this.open = null;
        else this.finish();
      }
    }
    const bar = this.barFor(tsEvent, price, 'trade');
    if (bar === null) return;
    this.apply(bar, tsEvent, price);
    bar.volume += size;
    if (aggressor === 'buy') bar.buyVolume += size;
    else if (aggressor === 'sell') bar.sellVolume += size;
  }

  onMid(tsEvent: number, price: number): void {
    if (this.hasTraded) return;
    const bar = this.barFor(tsEvent, price, 'mid');
    if (bar !== null) this.apply(bar, tsEvent, price);
  }

  /** The session closed at `tsEvent`: the open bar is final even if its interval has not run out. */
  closeSession(): void {
    if (this.open !== null) this.finish();
  }

  /** Finished bars plus the open one, oldest first; `fromUs` keeps bars starting at or after it, `count` the newest N. */
  candles(fromUs?: number, count?: number): Candle[] {
    const all = this.open === null ? this.bars.slice() : [...this.bars, freeze(this.open)];
    const from = fromUs === undefined ? all : all.filter((bar) => bar.tsStart >= fromUs);
    return count === undefined || from.length <= count ? from : from.slice(from.length - count);
  }

  /** Bars changed since the previous call (a bar that closed and the one that opened), oldest first. */
  takeChanges(): Candle[] {
    if (this.changedFrom === null) return [];
    const changed = this.bars.slice(this.changedFrom);
    if (this.open !== null) changed.push(freeze(this.open));
    this.changedFrom = null;
    return changed;
  }

  private barFor(tsEvent: number, price: number, source: 'trade' | 'mid'): OpenBar | null {
    const length = this.intervalSeconds * US_PER_SECOND;
    const tsStart = Math.floor(tsEvent / length) * length;
    const open = this.open;
    if (open !== null && tsStart === open.tsStart) return open;
    if (open !== null && tsStart < open.tsStart) {
      this.late += 1;
      return null;
    }
    const last = this.bars.at(-1);
    if (open === null && last !== undefined && tsStart <= last.tsStart) {
      this.late += 1;
      return null;
    }
    if (open !== null) this.finish();
    this.open = {
      tsStart,
      open: price,
      high: price,
      low: price,
      close: price,
      closeTs: tsEvent,
      volume: 0,
      buyVolume: 0,
      sellVolume: 0,
      source,
    };
    this.markChanged(this.bars.length);
    return this.open;
  }

  private apply(bar: OpenBar, tsEvent: number, price: number): void {
    if (price > bar.high) bar.high = price;
    if (price < bar.low) bar.low = price;
    if (tsEvent >= bar.closeTs) {
      bar.close = price;
      bar.closeTs = tsEvent;
    }
    this.markChanged(this.bars.length);
  }

  private finish(): void {
    if (this.open === null) return;
    this.markChanged(this.bars.length);
    this.bars.push(freeze(this.open));
    this.open = null;
    if (this.bars.length > this.capacity) {
      const drop = this.bars.length - this.capacity;
      this.bars.splice(0, drop);
      if (this.changedFrom !== null) this.changedFrom = Math.max(0, this.changedFrom - drop);
    }
  }

  private markChanged(index: number): void {
    if (this.changedFrom === null || index < this.changedFrom) this.changedFrom = index;
  }
}

function freeze(bar: OpenBar): Candle {
  return {
    tsStart: bar.tsStart as TimestampUs,
    open: bar.open as Price,
    high: bar.high as Price,
    low: bar.low as Price,
    close: bar.close as Price,
    volume: bar.volume,
    buyVolume: bar.buyVolume,
    sellVolume: bar.sellVolume,
    source: bar.source,
  };
}

export interface CandleBuilderOptions {
  /** Bars kept per (instrument, interval). */
  readonly capacity?: number;
  /** Is the market open at this event time? Ticks outside are ignored and close the open bars. */
  readonly inSession?: (tsEvent: number) => boolean;
}

export interface CandleUpdate {
  readonly symbol: string;
  readonly interval: CandleInterval;
  readonly candles: Candle[];
}

/**
 * Candles from ticks for every instrument a window charts, all five intervals at once, built once in
 * the core and shared by every window. Windows get conflated updates: events only mark series dirty;
 * `drainChanges` (once per frame) hands each changed series' new and changed bars.
 */
export class CandleBuilder {
  private readonly series = new Map<string, CandleSeries[]>();
  private readonly dirty = new Set<string>();
  private readonly capacity: number;
  private readonly inSession: ((tsEvent: number) => boolean) | undefined;
  private sessionOpen = true;

  constructor(options: CandleBuilderOptions = {}) {
    this.capacity = options.capacity ?? 25_000;
    this.inSession = options.inSession;
  }

  /** Start building bars for `symbol` (idempotent). Events for symbols not tracked are ignored. */
  track(symbol: string): void {
    if (this.series.has(symbol)) return;
    this.series.set(
      symbol,
      CANDLE_INTERVALS.map((interval) => new CandleSeries(interval, this.capacity)),
    );
  }

  /**
   * Starts `symbol` from the session so far (past events, oldest first; other symbols' are skipped).
   * Its bars are built at once and not handed out by `drainChanges`: a window reads them with
   * `candles`, and only what changes from now on is published.
   */
  trackWithHistory(symbol: string, history: Iterable<MarketEvent>): void {
    if (this.series.has(symbol)) return;
    this.track(symbol);
    for (const event of history) if (event.symbol === symbol) this.onEvent(event);
    for (const series of this.series.get(symbol) ?? []) series.takeChanges();
    this.dirty.delete(symbol);
  }

  isTracked(symbol: string): boolean {
    return this.series.has(symbol);
  }

  onEvent(event: MarketEvent): void {
    const all = this.series.get(event.symbol);
    if (all === undefined) return;
    if (this.inSession !== undefined && !this.inSession(event.tsEvent)) {
      if (this.sessionOpen) this.closeSession();
      for (const series of all) series.noteOutOfSession();
      return;
    }
    this.sessionOpen = true;
    switch (event.type) {
      case 'trade':
        for (const series of all) series.onTrade(event.tsEvent, event.price, event.size, event.aggressor);
        break;
      case 'quote':
        if (event.bidSize > 0 && event.askSize > 0)
          this.mid(all, event.tsEvent, event.bidPrice, event.askPrice);
        break;
      case 'depth': {
        const bid = event.bids[0];
        const ask = event.asks[0];
        if (bid !== undefined && ask !== undefined) this.mid(all, event.tsEvent, bid.price, ask.price);
        break;
      }
      case 'index':
        for (const series of all) series.onMid(event.tsEvent, event.value);
        break;
      case 'bar':
        return;
    }
    this.dirty.add(event.symbol);
  }

  /** The session closed: every open bar is final. */
  closeSession(): void {
    this.sessionOpen = false;
    for (const [symbol, all] of this.series) {
      for (const series of all) series.closeSession();
      this.dirty.add(symbol);
    }
  }

  candles(symbol: string, interval: CandleInterval, fromUs?: number, count?: number): Candle[] {
    return this.seriesOf(symbol, interval)?.candles(fromUs, count) ?? [];
  }

  stats(symbol: string, interval: CandleInterval): CandleSeriesStats | undefined {
    return this.seriesOf(symbol, interval)?.stats;
  }

  /** Changed bars of every dirty series since the last drain; call once per frame. */
  drainChanges(): CandleUpdate[] {
    const updates: CandleUpdate[] = [];
    for (const symbol of this.dirty) {
      for (const series of this.series.get(symbol) ?? []) {
        const candles = series.takeChanges();
        if (candles.length > 0) updates.push({ symbol, interval: series.intervalSeconds, candles });
      }
    }
    this.dirty.clear();
    return updates;
  }

  private seriesOf(symbol: string, interval: CandleInterval): CandleSeries | undefined {
    return this.series.get(symbol)?.[CANDLE_INTERVALS.indexOf(interval)];
  }

  private mid(all: readonly CandleSeries[], tsEvent: number, bid: number, ask: number): void {
    if (ask < bid) return;
    // Mid rounded down to a whole minor unit: bars stay exact integers like every other price.
    const mid = Math.floor((bid + ask) / 2);
    for (const series of all) series.onMid(tsEvent, mid);
  }
}
