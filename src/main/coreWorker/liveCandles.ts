import { ApiError } from '../../shared/api/errors';
import { candleSeriesKey } from '../../shared/api/schemas';
import type { CandlesView } from '../../shared/api/views';
import type { Instrument } from '../../shared/domain/instrument';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { Candle, CandleInterval } from '../trading/market/candles';
import { CandleBuilder, isCandleInterval } from '../trading/market/candles';

/**
 * Past market events of one symbol, in slices (the session so far can be millions of events of
 * which a symbol has thousands; reading it in slices lets live ticks and requests through between).
 */
export type SessionHistory = AsyncIterable<readonly MarketEvent[]> | Iterable<readonly MarketEvent[]>;

export interface LiveCandlesOptions {
  readonly instrument: (symbol: string) => Instrument | undefined;
  readonly publish: (view: CandlesView) => void;
  /** The exchange's zone (Asia/Kolkata, America/New_York): charts label their time axis in it. */
  readonly timeZone: string;
  /**
   * The session so far for `symbol`, up to market time `nowUs` — the day's recording, read when a
   * chart first asks for a symbol, so a chart opened mid-session is not empty. Absent when nothing
   * is recorded: bars then start when the symbol is first charted.
   */
  readonly history?: (symbol: string, nowUs: number) => SessionHistory;
  readonly log?: (message: string) => void;
}

interface HistoryLoad {
  /** Live events of the symbol that arrived while its history was read: applied after it. */
  readonly live: MarketEvent[];
  readonly done: Promise<void>;
  /** Starts the read (for a symbol asked for before any market event: at the first one). */
  start: (() => void) | null;
}

/**
 * The core's candles for the chart windows: one CandleBuilder fed by the live market, tracking a
 * symbol from the first time a window asks for it — starting from the session's history when there
 * is one — and publishing only the series some window subscribes to, once per frame.
 */
export class LiveCandles {
  private readonly builder = new CandleBuilder();
  private watched: ReadonlySet<string> = new Set();
  /** Symbols whose history is being read (or waits for the first market event to know the day). */
  private readonly loads = new Map<string, HistoryLoad>();
  private marketNowUs = 0;

  constructor(private readonly options: LiveCandlesOptions) {}

  /**
   * Builds bars for a symbol from now on, after its history. The history is read from the recording
   * as it stood when asked (every earlier event is in it: the core records each event as it applies
   * it); live events of the symbol meanwhile are held and applied after it: no bar is counted twice or
   * missed.
   */
  track(symbol: string): void {
    if (this.builder.isTracked(symbol) || this.loads.has(symbol)) return;
    const history = this.options.history;
    if (history === undefined) {
      this.builder.track(symbol);
      return;
    }
    let start: () => void = () => undefined;
    const live: MarketEvent[] = [];
    const done = new Promise<void>((resolve) => {
      start = () => {
        load.start = null;
        void this.read(symbol, history(symbol, this.marketNowUs), live).finally(resolve);
      };
    });
    const load: HistoryLoad = { live, done, start };
    this.loads.set(symbol, load);
    if (this.marketNowUs > 0) start();
  }

  /** Resolves once `symbol`'s history (if any is being read) is in its bars. */
  async loaded(symbol: string): Promise<void> {
    await this.loads.get(symbol)?.done;
  }

  onMarketEvent(event: MarketEvent): void {
    const first = this.marketNowUs === 0;
    if (event.tsEvent > this.marketNowUs) this.marketNowUs = event.tsEvent;
    if (first) for (const load of this.loads.values()) load.start?.();
    const load = this.loads.get(event.symbol);
    if (load !== undefined) load.live.push(event);
    else this.builder.onEvent(event);
  }

  /** The `symbol@interval` keys windows subscribe to; their symbols are tracked from now on. */
  setInterest(keys: readonly string[]): void {
    for (const key of keys) {
      const symbol = key.slice(0, key.lastIndexOf('@'));
      if (this.options.instrument(symbol)) this.track(symbol);
    }
    this.watched = new Set(keys);
  }

  /** The bars built so far, after the symbol's history is in (the first ask for a symbol waits for it). */
  async candles(symbol: string, interval: number, from?: number, count?: number): Promise<CandlesView> {
    const instrument = this.options.instrument(symbol);
    if (!instrument) throw new ApiError('BAD_REQUEST', `symbol: "${symbol}" is not a listed instrument`);
    if (!isCandleInterval(interval)) throw new ApiError('BAD_REQUEST', `interval: ${interval} is not built`);
    this.track(symbol);
    await this.loaded(symbol);
    return this.view(instrument, interval, this.builder.candles(symbol, interval, from, count));
  }

  private async read(symbol: string, history: SessionHistory, live: readonly MarketEvent[]): Promise<void> {
    const past: MarketEvent[] = [];
    try {
      for await (const slice of history) for (const event of slice) past.push(event);
    } catch (error) {
      this.options.log?.(`chart history for ${symbol}: ${(error as Error).message}`);
    }
    this.loads.delete(symbol);
    this.builder.trackWithHistory(symbol, past.concat(live));
  }

  /** Once per frame: the changed bars of every watched series. */
  publishFrame(): void {
    for (const update of this.builder.drainChanges()) {
      if (!this.watched.has(candleSeriesKey(update.symbol, update.interval))) continue;
      const instrument = this.options.instrument(update.symbol);
      if (instrument) this.options.publish(this.view(instrument, update.interval, update.candles));
    }
  }

  private view(instrument: Instrument, interval: CandleInterval, candles: readonly Candle[]): CandlesView {
    return {
      symbol: instrument.symbol,
      interval,
      series: candleSeriesKey(instrument.symbol, interval),
      // A Candle is a CandleView whose prices are typed as price units.
      candles,
      priceDecimals: instrument.priceDecimals,
      tickUnits: instrument.tickUnits,
      timeZone: this.options.timeZone,
    };
  }
}
