import type { Clock, TimestampUs } from '../../../shared/domain/time';
import { US_PER_SECOND } from '../../../shared/domain/time';

/**
 * Sliding one-second window of order messages. Exchanges and brokers cap order rates per client
 * (SEBI's retail-algo framework sets 10 orders per second before an algo must be registered;
 * brokers such as Zerodha and Alpaca throttle API orders too), so the OMS counts every new order
 * it sends and refuses or queues the excess instead of letting the broker reject it.
 */
export class OrderRateLimiter {
  private readonly sent: TimestampUs[] = [];

  constructor(
    private readonly clock: Clock,
    readonly maxPerSecond: number,
  ) {
    if (!Number.isInteger(maxPerSecond) || maxPerSecond <= 0)
      throw new RangeError(`maxPerSecond must be a positive integer`);
  }

  /** Messages that may still be sent in the current window. */
  available(): number {
    this.expire();
    return this.maxPerSecond - this.sent.length;
  }

  /** Records one message if the window allows it. */
  tryTake(): boolean {
    if (this.available() <= 0) return false;
    this.sent.push(this.clock.nowUs());
    return true;
  }

  /** Earliest time at which one more message may be sent. */
  nextFreeUs(): TimestampUs {
    this.expire();
    if (this.sent.length < this.maxPerSecond) return this.clock.nowUs();
    return (this.sent[0] + US_PER_SECOND) as TimestampUs;
  }

  private expire(): void {
    const now = this.clock.nowUs();
    while (this.sent.length > 0 && this.sent[0] + US_PER_SECOND <= now) this.sent.shift();
  }
}
