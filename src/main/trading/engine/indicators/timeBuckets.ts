/**
 * The tape in 100 ms buckets, in a ring of preallocated typed arrays, with running sums over fixed
 * windows (5/15/30/60 s and the volume baseline). Each bucket holds the last price at its end and the
 * volume, aggressive buy and sell volume, upticks and downticks inside it. When time moves to a new
 * bucket, the bucket leaving each window is subtracted from that window's sums: O(windows) per
 * bucket step, O(1) per print, no allocation. Volumes and tick counts are integers, so the running
 * sums stay exact in doubles.
 */

export const BUCKET_US = 100_000;

export const COLUMN_VOLUME = 0;
export const COLUMN_BUY_VOLUME = 1;
export const COLUMN_SELL_VOLUME = 2;
export const COLUMN_UPTICKS = 3;
export const COLUMN_DOWNTICKS = 4;
const SUMMED_COLUMNS = 5;

export class TimeBuckets {
  private readonly mask: number;
  readonly capacity: number;
  /** Last price at the end of each bucket. */
  readonly closes: Float64Array;
  /** SUMMED_COLUMNS values per bucket, bucket-major. */
  private readonly values: Float64Array;
  /** Window lengths in buckets. */
  readonly windowBuckets: Int32Array;
  /** SUMMED_COLUMNS running sums per window, window-major. */
  private readonly sums: Float64Array;

  /** Absolute bucket number (ts / BUCKET_US) of the newest bucket; -1 before the first print. */
  head = -1;
  /** First bucket ever recorded (for warm-up: a window is full once head − first ≥ its length). */
  first = -1;
  lastPrice = NaN;

  constructor(windowsSeconds: readonly number[]) {
    let longest = 0;
    for (const seconds of windowsSeconds)
      longest = Math.max(longest, Math.ceil((seconds * 1_000_000) / BUCKET_US));
    let capacity = 1;
    while (capacity < longest + 2) capacity <<= 1;
    this.capacity = capacity;
    this.mask = capacity - 1;
    this.closes = new Float64Array(capacity);
    this.values = new Float64Array(capacity * SUMMED_COLUMNS);
    this.windowBuckets = new Int32Array(windowsSeconds.length);
    for (let i = 0; i < windowsSeconds.length; i++) {
      this.windowBuckets[i] = Math.ceil((windowsSeconds[i] * 1_000_000) / BUCKET_US);
    }
    this.sums = new Float64Array(windowsSeconds.length * SUMMED_COLUMNS);
  }

  /** Moves the head to the bucket of `tsUs`, evicting buckets that leave each window. */
  advance(tsUs: number): void {
    const bucket = Math.floor(tsUs / BUCKET_US);
    if (this.head < 0) {
      this.head = bucket;
      this.first = bucket;
      this.clearSlot(bucket & this.mask, NaN);
      return;
    }
    if (bucket <= this.head) return;
    if (bucket - this.head >= this.capacity) {
      // A gap longer than the ring: nothing in any window survives.
      this.sums.fill(0);
      for (let slot = 0; slot < this.capacity; slot++) this.clearSlot(slot, this.lastPrice);
      this.head = bucket;
      return;
    }
    const windows = this.windowBuckets.length;
    for (let next = this.head + 1; next <= bucket; next++) {
      for (let w = 0; w < windows; w++) {
        const leaving = next - this.windowBuckets[w];
        if (leaving < this.first) continue;
        const from = (leaving & this.mask) * SUMMED_COLUMNS;
        const to = w * SUMMED_COLUMNS;
        for (let c = 0; c < SUMMED_COLUMNS; c++) this.sums[to + c] -= this.values[from + c];
      }
      this.clearSlot(next & this.mask, this.lastPrice);
    }
    this.head = bucket;
  }

  private clearSlot(slot: number, carryPrice: number): void {
    this.closes[slot] = carryPrice;
    const base = slot * SUMMED_COLUMNS;
    for (let c = 0; c < SUMMED_COLUMNS; c++) this.values[base + c] = 0;
  }

  /** Records a price (and volume split by aggressor) in the head bucket. Call `advance` first. */
  record(price: number, volume: number, buyVolume: number, sellVolume: number): void {
    const slot = this.head & this.mask;
    const previous = this.lastPrice;
    this.closes[slot] = price;
    this.lastPrice = price;
    const up = previous === previous && price > previous ? 1 : 0;
    const down = previous === previous && price < previous ? 1 : 0;
    this.add(slot, COLUMN_VOLUME, volume);
    this.add(slot, COLUMN_BUY_VOLUME, buyVolume);
    this.add(slot, COLUMN_SELL_VOLUME, sellVolume);
    if (up) this.add(slot, COLUMN_UPTICKS, 1);
    if (down) this.add(slot, COLUMN_DOWNTICKS, 1);
  }

  private add(slot: number, column: number, amount: number): void {
    if (amount === 0) return;
    this.values[slot * SUMMED_COLUMNS + column] += amount;
    const windows = this.windowBuckets.length;
    for (let w = 0; w < windows; w++) this.sums[w * SUMMED_COLUMNS + column] += amount;
  }

  /** Running sum of a column over window `windowIndex`. */
  sum(windowIndex: number, column: number): number {
    return this.sums[windowIndex * SUMMED_COLUMNS + column];
  }

  /** Buckets of history inside window `windowIndex` so far (equals its length once warm). */
  coveredBuckets(windowIndex: number): number {
    if (this.head < 0) return 0;
    const covered = this.head - this.first + 1;
    const length = this.windowBuckets[windowIndex];
    return covered < length ? covered : length;
  }

  /** Price at the end of the bucket `windowIndex`'s length ago; NaN before the window has history. */
  priceWindowAgo(windowIndex: number): number {
    const back = this.head - this.windowBuckets[windowIndex];
    if (this.head < 0 || back < this.first) return NaN;
    return this.closes[back & this.mask];
  }

  reset(): void {
    this.head = -1;
    this.first = -1;
    this.lastPrice = NaN;
    this.sums.fill(0);
  }
}
