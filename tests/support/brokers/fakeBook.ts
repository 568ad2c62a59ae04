/**
 * A small book per contract for the fake broker servers: a mid, a spread in ticks and five levels a
 * side. `step` moves it like a quiet market so a feed has something to carry (or `moveTo` puts it
 * where a `FakeWalk` says); market orders fill at the touch and marketable limits at their price.
 */
export interface FakeBookLevel {
  readonly price: number;
  readonly quantity: number;
}

export class FakeBook {
  volume = 0;
  ltp: number;
  /** Open interest as the server reports it (OpenAlgo: units of quantity; Alpaca: contracts). */
  openInterest = 0;
  /** The previous session's close: the first mid. */
  readonly prevClose: number;
  private counter = 0;

  constructor(
    public mid: number,
    readonly tick: number,
    readonly lotQuantity: number,
  ) {
    this.ltp = mid;
    this.prevClose = mid;
  }

  private round(price: number): number {
    return Math.round(price / this.tick) * this.tick;
  }

  bids(): FakeBookLevel[] {
    const best = this.round(this.mid - this.tick);
    return [0, 1, 2, 3, 4].map((level) => ({
      price: Number((best - level * this.tick).toFixed(6)),
      quantity: this.lotQuantity * (level + 2),
    }));
  }

  asks(): FakeBookLevel[] {
    const best = this.round(this.mid + this.tick);
    return [0, 1, 2, 3, 4].map((level) => ({
      price: Number((best + level * this.tick).toFixed(6)),
      quantity: this.lotQuantity * (level + 3),
    }));
  }

  /** A deterministic wiggle of one tick and a print at the touch. */
  step(): void {
    this.counter++;
    const direction = [1, 1, -1, 0, -1, 1, -1, -1][this.counter % 8];
    this.mid = Number((this.mid + direction * this.tick).toFixed(6));
    this.ltp = direction >= 0 ? this.asks()[0].price : this.bids()[0].price;
    this.volume += this.lotQuantity;
  }

  /** Moves the mid to `mid` (on the tick, at least two ticks) with a print at the touch on the move's side. */
  moveTo(mid: number): void {
    const next = Number(Math.max(this.round(mid), 2 * this.tick).toFixed(6));
    const up = next >= this.mid;
    this.mid = next;
    this.ltp = up ? this.asks()[0].price : this.bids()[0].price;
    this.volume += this.lotQuantity;
  }

  /** Fill price for an order now, or null when a limit is not marketable. */
  fillPrice(side: 'buy' | 'sell', limit: number | null): number | null {
    const touch = side === 'buy' ? this.asks()[0].price : this.bids()[0].price;
    if (limit === null) return touch;
    if (side === 'buy' ? limit >= touch : limit <= touch) return touch;
    return null;
  }
}
