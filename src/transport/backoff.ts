/**
 * Capped, jittered exponential backoff for reconnects.
 *
 * @module
 */

/** Reconnect policy (`reconnect` in the bot config). */
export interface ReconnectPolicy {
  /** Delay before the first retry, in ms. */
  initialDelayMs: number;
  /** Upper bound of any delay, in ms. */
  maxDelayMs: number;
  /** Growth factor per attempt (>= 1). */
  factor: number;
  /** Random spread as a fraction of the delay, 0..1 (0.2 = +-20%). */
  jitter: number;
  /** Give up after this many consecutive failed attempts (default Infinity). */
  maxAttempts: number;
}

/**
 * Delay before retry number `attempt` (1-based), capped at `maxDelayMs` and spread
 * by `jitter`. `random` is injectable for tests.
 */
export function backoffDelay(
  policy: ReconnectPolicy,
  attempt: number,
  random: () => number = Math.random,
): number {
  const exp = policy.initialDelayMs * policy.factor ** Math.max(0, attempt - 1);
  const base = Math.min(policy.maxDelayMs, exp);
  const spread = base * policy.jitter * (random() * 2 - 1);
  return Math.max(0, Math.min(policy.maxDelayMs, Math.round(base + spread)));
}
