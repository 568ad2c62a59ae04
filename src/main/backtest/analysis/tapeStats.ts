import type { RecordedEvent, RecordedInstrument } from '../../../shared/recording/events';
import { divideToDecimal, ExactSum } from './exactSum';

/** Figures of one instrument's tape. Prices are decimals in the instrument's units (585.33, not 5853300). */
export interface InstrumentTapeSummary {
  readonly events: number;
  readonly trades: number;
  readonly quotes: number;
  readonly totalVolume: number;
  /** Σ(price × size) / Σ size over trades, to the price's decimals + 4; null without trades. */
  readonly sessionVwap: number | null;
  readonly sessionHigh: number | null;
  readonly sessionLow: number | null;
  readonly priceDecimals: number;
}

export interface TapeSummary {
  readonly events: number;
  readonly trades: number;
  readonly quotes: number;
  /** Distinct symbols with at least one event. */
  readonly instruments: number;
  readonly totalVolume: number;
  /**
   * The session figures of the traded instrument when exactly one instrument traded (a single-stock
   * or single-contract tape); null when several did, since a VWAP across instruments means nothing —
   * see `perInstrument`.
   */
  readonly sessionVwap: number | null;
  readonly sessionHigh: number | null;
  readonly sessionLow: number | null;
  /** ISO-8601 UTC of the first and last event; null for an empty tape. */
  readonly firstEventAt: string | null;
  readonly lastEventAt: string | null;
  readonly perInstrument: Readonly<Record<string, InstrumentTapeSummary>>;
}

class InstrumentTally {
  events = 0;
  trades = 0;
  quotes = 0;
  volume = 0;
  readonly notional = new ExactSum();
  high = -Infinity;
  low = Infinity;
  /** Last trade (or index value) of each minute: [minute start µs, price units]. */
  readonly minuteCloses: [number, number][] = [];
}

const MINUTE_US = 60_000_000;

function recordClose(tally: InstrumentTally, tsUs: number, price: number): void {
  const minute = Math.floor(tsUs / MINUTE_US) * MINUTE_US;
  const closes = tally.minuteCloses;
  const last = closes.length > 0 ? closes[closes.length - 1] : undefined;
  if (last !== undefined && last[0] === minute) last[1] = price;
  else closes.push([minute, price]);
}

/** Accumulates tape figures event by event, O(1) each, so it rides along any replay. */
export class TapeStatistics {
  private readonly tallies = new Map<string, InstrumentTally>();
  private events = 0;
  private firstTs: number | null = null;
  private lastTs: number | null = null;

  observe(event: RecordedEvent): void {
    this.events++;
    if (this.firstTs === null) this.firstTs = event.tsEvent;
    this.lastTs = event.tsEvent;
    let tally = this.tallies.get(event.symbol);
    if (tally === undefined) {
      tally = new InstrumentTally();
      this.tallies.set(event.symbol, tally);
    }
    tally.events++;
    if (event.type === 'trade') {
      tally.trades++;
      tally.volume += event.size;
      tally.notional.addProduct(event.price, event.size);
      if (event.price > tally.high) tally.high = event.price;
      if (event.price < tally.low) tally.low = event.price;
      recordClose(tally, event.tsEvent, event.price);
    } else if (event.type === 'quote') tally.quotes++;
    else if (event.type === 'index') recordClose(tally, event.tsEvent, event.value);
  }

  /** One-minute closes per symbol (trades, or index values), as decimals, for charts. */
  priceSeries(
    lookup: (symbol: string) => RecordedInstrument | undefined,
  ): Record<string, [number, number][]> {
    const series: Record<string, [number, number][]> = {};
    for (const symbol of [...this.tallies.keys()].sort()) {
      const tally = this.tallies.get(symbol) as InstrumentTally;
      if (tally.minuteCloses.length === 0) continue;
      const decimals = lookup(symbol)?.priceDecimals ?? 0;
      series[symbol] = tally.minuteCloses.map(([minute, price]) => [
        minute,
        Number((price / 10 ** decimals).toFixed(decimals)),
      ]);
    }
    return series;
  }

  /** `lookup` gives each symbol's price decimals (a symbol it does not know is read with 0 decimals). */
  summary(lookup: (symbol: string) => RecordedInstrument | undefined): TapeSummary {
    const perInstrument: Record<string, InstrumentTapeSummary> = {};
    let trades = 0;
    let quotes = 0;
    let totalVolume = 0;
    const traded: InstrumentTapeSummary[] = [];
    for (const symbol of [...this.tallies.keys()].sort()) {
      const tally = this.tallies.get(symbol) as InstrumentTally;
      const decimals = lookup(symbol)?.priceDecimals ?? 0;
      const scale = 10 ** decimals;
      const summary: InstrumentTapeSummary = {
        events: tally.events,
        trades: tally.trades,
        quotes: tally.quotes,
        totalVolume: tally.volume,
        sessionVwap:
          tally.trades > 0 && tally.volume > 0
            ? divideToDecimal(tally.notional, tally.volume, decimals)
            : null,
        sessionHigh: tally.trades > 0 ? Number((tally.high / scale).toFixed(decimals)) : null,
        sessionLow: tally.trades > 0 ? Number((tally.low / scale).toFixed(decimals)) : null,
        priceDecimals: decimals,
      };
      perInstrument[symbol] = summary;
      trades += tally.trades;
      quotes += tally.quotes;
      totalVolume += tally.volume;
      if (tally.trades > 0) traded.push(summary);
    }
    const single = traded.length === 1 ? traded[0] : undefined;
    return {
      events: this.events,
      trades,
      quotes,
      instruments: this.tallies.size,
      totalVolume,
      sessionVwap: single?.sessionVwap ?? null,
      sessionHigh: single?.sessionHigh ?? null,
      sessionLow: single?.sessionLow ?? null,
      firstEventAt: this.firstTs === null ? null : isoMicros(this.firstTs),
      lastEventAt: this.lastTs === null ? null : isoMicros(this.lastTs),
      perInstrument,
    };
  }
}

/** ISO-8601 UTC with microseconds (Date only carries milliseconds). */
export function isoMicros(tsUs: number): string {
  const ms = Math.floor(tsUs / 1000);
  const micros = tsUs - ms * 1000;
  return new Date(ms).toISOString().replace('Z', `${String(micros).padStart(3, '0')}Z`);
}
