/**
 * The clock scheduled tasks read: wall time and one-shot timers. The system clock
 * looks up `setTimeout` / `Date.now` at each call, so test fake timers (vitest's
 * `vi.useFakeTimers()`) drive it; `ncatbot/testing` also has a manual clock.
 *
 * @module
 */

/** A timer handle of a {@link Clock}. */
export type TimerHandle = unknown;

/** Wall time and one-shot timers. */
export interface Clock {
  /** Milliseconds since the epoch (like `Date.now()`). */
  now(): number;
  /** Calls `fn` once after about `ms` milliseconds. Must not keep the process alive. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timer of this clock (harmless when it already fired). */
  clearTimeout(handle: TimerHandle): void;
}

/** The longest delay `setTimeout` accepts (about 24.8 days); longer waits are chained. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The machine's clock. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, Math.min(Math.max(0, ms), MAX_TIMER_MS));
    (timer as { unref?: () => void }).unref?.();
    return timer;
  },
  clearTimeout(handle) {
    clearTimeout(handle as ReturnType<typeof setTimeout>);
  },
};
