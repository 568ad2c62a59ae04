import { ApiError } from '../../shared/api/errors';
import { candleSeriesKey } from '../../shared/api/schemas';
import type { CandlesView } from '../../shared/api/views';
import type { Instrument } from '../../shared/domain/instrument';
import type { MarketEvent } from '../../shared/domain/marketEvents';
import type { Candle, CandleInterval } from '../trading/market/candles';
import { CandleBuilder, isCandleInterval } from '../trading/market/candles';

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
  readonly history?: (symbol: string, nowUs: number) => Iterable<MarketEvent>;
}

/**
 * The core's candles for the chart windows: one CandleBuilder fed by the live market, tracking a
 * symbol from the first time a window asks for it — starting from the session's history when there
 * is one — and publishing only the series some window subscribes to, once per frame.
 */
export class LiveCandles {
  private readonly builder = new CandleBuilder();
  private watched: ReadonlySet<string> = new Set();
  /** Symbols asked for before the first market event: no market day is known yet to read. */
  private readonly awaitingHistory = new Set<string>();
  private marketNowUs = 0;

  constructor(private readonly options: LiveCandlesOptions) {}

  /**
   * Builds bars for a symbol from now on, after its history. Every earlier event is already in the
   * recording (the core records each event as it applies it), every later one comes live: no bar
   * is counted twice or missed.
   */
  track(symbol: string): void {
    if (this.builder.isTracked(symbol) || this.awaitingHistory.has(symbol)) return;
    const history = this.options.history;
    if (history === undefined) this.builder.track(symbol);
    else if (this.marketNowUs === 0) this.awaitingHistory.add(symbol);
    else this.builder.trackWithHistory(symbol, history(symbol, this.marketNowUs));
  }

  onMarketEvent(event: MarketEvent): void {
    if (event.tsEvent > this.marketNowUs) this.marketNowUs = event.tsEvent;
    if (this.awaitingHistory.size > 0) {
      const symbols = [...this.awaitingHistory];
      this.awaitingHistory.clear();
      for (const symbol of symbols) this.track(symbol);
    }
    this.builder.onEvent(event);
  }

  /** The `symbol@interval` keys windows subscribe to; their symbols are tracked from now on. */
  setInterest(keys: readonly string[]): void {
    for (const key of keys) {
      const symbol = key.slice(0, key.lastIndexOf('@'));
      if (this.options.instrument(symbol)) this.track(symbol);
    }
    this.watched = new Set(keys);
  }

  candles(symbol: string, interval: number, from?: number, count?: number): CandlesView {
    const instrument = this.options.instrument(symbol);
    if (!instrument) throw new ApiError('BAD_REQUEST', `symbol: "${symbol}" is not a listed instrument`);
    if (!isCandleInterval(interval)) throw new ApiError('BAD_REQUEST', `interval: ${interval} is not built`);
    this.track(symbol);
    return this.view(instrument, interval, this.builder.candles(symbol, interval, from, count));
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
