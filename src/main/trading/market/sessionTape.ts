import type { LadderSessionView, VolumeAtPriceView } from '../../../shared/api/views';
import { VOLUME_AT_PRICE_LEVELS } from '../../../shared/api/views';

/**
 * One symbol's session as the ladder and the index strip show it: the first print (change is measured
 * from it), VWAP, volume, the last aggressor, and volume traded at each price split by the side hit —
 * a seller crossing trades on the bid, a buyer on the offer. Prices stay integer price units.
 */
export class SessionTape {
  private open: number | null = null;
  private notional = 0;
  private volume = 0;
  private lastAggressor: LadderSessionView['lastAggressor'] = null;
  private tsLastTrade: number | null = null;
  private readonly atPrice = new Map<number, { atBid: number; atAsk: number }>();

  trade(price: number, size: number, aggressor: 'buy' | 'sell' | 'unknown', tsEvent: number): void {
    this.open ??= price;
    this.notional += price * size;
    this.volume += size;
    this.lastAggressor = aggressor;
    this.tsLastTrade = tsEvent;
    let entry = this.atPrice.get(price);
    if (!entry) this.atPrice.set(price, (entry = { atBid: 0, atAsk: 0 }));
    // An unknown aggressor is counted on neither side: the split must not be invented.
    if (aggressor === 'sell') entry.atBid += size;
    else if (aggressor === 'buy') entry.atAsk += size;
  }

  /** An index has values, no trades: it has an open and a time, but no volume or VWAP. */
  indexValue(value: number, tsEvent: number): void {
    this.open ??= value;
    this.tsLastTrade = tsEvent;
  }

  session(): LadderSessionView {
    return {
      open: this.open,
      vwap: this.volume > 0 ? this.notional / this.volume : null,
      volume: this.volume,
      lastAggressor: this.lastAggressor,
      tsLastTrade: this.tsLastTrade,
    };
  }

  /** Volume at the prices nearest `centre` (the last trade), at most VOLUME_AT_PRICE_LEVELS of them. */
  volumeNear(centre: number | null): VolumeAtPriceView[] {
    const entries: VolumeAtPriceView[] = [];
    for (const [price, entry] of this.atPrice)
      if (entry.atBid + entry.atAsk > 0) entries.push({ price, atBid: entry.atBid, atAsk: entry.atAsk });
    if (entries.length <= VOLUME_AT_PRICE_LEVELS || centre === null)
      return entries.slice(0, VOLUME_AT_PRICE_LEVELS);
    entries.sort((a, b) => Math.abs(a.price - centre) - Math.abs(b.price - centre));
    return entries.slice(0, VOLUME_AT_PRICE_LEVELS);
  }
}
