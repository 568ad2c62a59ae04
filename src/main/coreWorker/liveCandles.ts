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
}

/**
 * The core's candles for the chart windows: one CandleBuilder fed by the live market, tracking a
 * symbol from the first time a window asks for it (bars cover the feed from then on), publishing
 * only the series some window subscribes to, once per frame.
 */
export class LiveCandles {
  private readonly builder = new CandleBuilder();
  private watched: ReadonlySet<string> = new Set();

  constructor(private readonly options: LiveCandlesOptions) {}

  /** Starts building bars for a symbol now (the engine's underlying is tracked from start). */
  track(symbol: string): void {
    this.builder.track(symbol);
  }

  onMarketEvent(event: MarketEvent): void {
    this.builder.onEvent(event);
  }

  /** The `symbol@interval` keys windows subscribe to; their symbols are tracked from now on. */
  setInterest(keys: readonly string[]): void {
    for (const key of keys) {
      const symbol = key.slice(0, key.lastIndexOf('@'));
      if (this.options.instrument(symbol)) this.builder.track(symbol);
    }
    this.watched = new Set(keys);
  }

  candles(symbol: string, interval: number, from?: number, count?: number): CandlesView {
    const instrument = this.options.instrument(symbol);
    if (!instrument) throw new ApiError('BAD_REQUEST', `symbol: "${symbol}" is not a listed instrument`);
    if (!isCandleInterval(interval)) throw new ApiError('BAD_REQUEST', `interval: ${interval} is not built`);
    this.builder.track(symbol);
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
    };
  }
}
