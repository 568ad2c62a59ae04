/**
 * Reconnect delays: exponential with "equal jitter" (half the step fixed, half random), so a fleet
 * of workstations that lost the same broker at the same instant does not reconnect in lock-step
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015), yet every delay stays within a
 * known bound a test can wait for.
 */
export interface BackoffPolicy {
  readonly initialDelayMs: number;
  readonly maxDelayMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { initialDelayMs: 250, maxDelayMs: 10_000 };

/** The largest delay before reconnect attempt `attempt` (1 = first retry). */
export function backoffBoundMs(policy: BackoffPolicy, attempt: number): number {
  if (!Number.isInteger(attempt) || attempt < 1) throw new RangeError(`attempt must be ≥ 1, got ${attempt}`);
  return Math.min(policy.maxDelayMs, policy.initialDelayMs * 2 ** Math.min(attempt - 1, 30));
}

/** Delay before attempt `attempt`: between half the bound and the bound; `random` returns [0, 1). */
export function backoffDelayMs(policy: BackoffPolicy, attempt: number, random: () => number): number {
  const bound = backoffBoundMs(policy, attempt);
  return Math.round(bound / 2 + random() * (bound / 2));
}
