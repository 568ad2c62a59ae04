/**
 * A broker's REST rate limit as a queue instead of errors: requests wait their turn in a sliding
 * one-second window (OpenAlgo: 10 order requests and 50 others per second; Alpaca: 200 per minute)
 * and the queue depth is reported, so the trader sees "3 orders queued" rather than a rejection.
 * A 429 answer pauses the lane and puts the request back at the head: the broker refused it before
 * acting on it, so sending it again is not a duplicate.
 */
export interface RateWindow {
  readonly requests: number;
  readonly perMs: number;
}

export interface QueueState {
  readonly lane: string;
  /** Requests waiting for a slot. */
  readonly queued: number;
  /** Set while a 429 pause is in force: when sending resumes (epoch ms). */
  readonly pausedUntilMs?: number;
}

interface Job {
  readonly run: () => Promise<Response>;
  readonly resolve: (response: Response) => void;
  readonly reject: (error: Error) => void;
}

export class RateLimitedLane {
  private readonly sentAt: number[] = [];
  private readonly jobs: Job[] = [];
  private timer: NodeJS.Timeout | null = null;
  private pausedUntilMs = 0;
  private closed = false;
  private consecutiveRefusals = 0;

  constructor(
    readonly name: string,
    private readonly window: RateWindow,
    private readonly onState: (state: QueueState) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  /** Runs `run` when the window has room; a 429 answer is retried after the pause it asks for. */
  submit(run: () => Promise<Response>): Promise<Response> {
    if (this.closed) return Promise.reject(new Error(`${this.name} queue is closed`));
    return new Promise((resolve, reject) => {
      this.jobs.push({ run, resolve, reject });
      this.report();
      this.pump();
    });
  }

  get queued(): number {
    return this.jobs.length;
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const job of this.jobs.splice(0)) job.reject(new Error(`${this.name} queue closed`));
  }

  /**
   * How long to hold the lane after a 429: the broker's Retry-After (OpenAlgo's Flask-Limiter may
   * send it) or X-RateLimit-Reset (Alpaca, epoch seconds); without either, 500 ms doubling per
   * refusal in a row, never longer than the window.
   */
  private pauseAfterRefusal(response: Response): number {
    const retryAfter = Number(response.headers.get('retry-after'));
    if (Number.isFinite(retryAfter) && retryAfter > 0) return retryAfter * 1000;
    const resetAt = Number(response.headers.get('x-ratelimit-reset'));
    if (Number.isFinite(resetAt) && resetAt > 0) return Math.max(0, resetAt * 1000 - this.now());
    return Math.min(this.window.perMs, 500 * 2 ** (this.consecutiveRefusals - 1));
  }

  private report(): void {
    const now = this.now();
    this.onState({
      lane: this.name,
      queued: this.jobs.length,
      ...(this.pausedUntilMs > now ? { pausedUntilMs: this.pausedUntilMs } : {}),
    });
  }

  private pump(): void {
    if (this.timer || this.closed) return;
    while (this.jobs.length > 0) {
      const now = this.now();
      while (this.sentAt.length > 0 && this.sentAt[0] + this.window.perMs <= now) this.sentAt.shift();
      const waitMs =
        this.pausedUntilMs > now
          ? this.pausedUntilMs - now
          : this.sentAt.length >= this.window.requests
            ? this.sentAt[0] + this.window.perMs - now
            : 0;
      if (waitMs > 0) {
        this.timer = setTimeout(() => {
          this.timer = null;
          this.pump();
        }, waitMs);
        return;
      }
      const job = this.jobs.shift() as Job;
      this.sentAt.push(now);
      this.report();
      job.run().then(
        (response) => {
          if (response.status !== 429) {
            this.consecutiveRefusals = 0;
            job.resolve(response);
            return;
          }
          void response.body?.cancel();
          this.consecutiveRefusals++;
          this.pausedUntilMs = Math.max(this.pausedUntilMs, this.now() + this.pauseAfterRefusal(response));
          this.jobs.unshift(job);
          this.report();
          this.pump();
        },
        (error: Error) => job.reject(error),
      );
    }
  }
}
