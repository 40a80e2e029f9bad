/**
 * A clock for tests: time moves only when the test says so. `advance(ms)` moves
 * wall time and timers together (running each timer due on the way, at its due
 * time); `jump(ms)` moves only the wall clock, as a sleep/resume or an NTP
 * correction does, without firing anything.
 *
 * @module
 */
import type { Clock, TimerHandle } from "../../handle/clock.js";
import { parseDuration } from "../../handle/duration.js";

interface Timer {
  readonly id: number;
  /** Due on the monotonic axis. */
  readonly due: number;
  readonly fn: () => void;
}

/**
 * A manual {@link Clock}.
 *
 * @example
 * ```ts
 * const t = await createTestBot({ plugins: [MyPlugin], fakeTimers: true });
 * await t.advance("30s");            // runs what a 30 s interval task would
 * ```
 */
export class ManualClock implements Clock {
  #wall: number;
  #elapsed = 0;
  #nextId = 1;
  readonly #timers = new Map<number, Timer>();

  /** Starts at `start` (ms since the epoch or a Date); default: now. */
  constructor(start: number | Date = Date.now()) {
    this.#wall = typeof start === "number" ? start : start.getTime();
  }

  now(): number {
    return this.#wall;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const id = this.#nextId++;
    this.#timers.set(id, { id, due: this.#elapsed + Math.max(0, ms), fn });
    return id;
  }

  clearTimeout(handle: TimerHandle): void {
    this.#timers.delete(handle as number);
  }

  /** Timers waiting. */
  get pending(): number {
    return this.#timers.size;
  }

  /**
   * Moves time forward by `by` (ms or a duration such as `"30s"`, `"2h"`), firing each
   * timer that falls due, in order, with the clock set to its due time. Awaits a
   * turn of the event loop after each so async jobs can progress.
   */
  async advance(by: number | string): Promise<void> {
    const ms = typeof by === "number" ? by : parseDuration(by);
    if (ms === undefined || ms < 0)
      throw new Error(`advance(${JSON.stringify(by)}): not a duration`);
    const end = this.#elapsed + ms;
    for (;;) {
      let next: Timer | undefined;
      for (const timer of this.#timers.values()) {
        if (
          timer.due <= end &&
          (next === undefined ||
            timer.due < next.due ||
            (timer.due === next.due && timer.id < next.id))
        ) {
          next = timer;
        }
      }
      if (next === undefined) break;
      this.#timers.delete(next.id);
      this.#wall += next.due - this.#elapsed;
      this.#elapsed = next.due;
      next.fn();
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    this.#wall += end - this.#elapsed;
    this.#elapsed = end;
  }

  /** Moves only the wall clock (a sleep/resume, a clock correction); fires nothing. */
  jump(by: number | string): void {
    const ms = typeof by === "number" ? by : parseDuration(by);
    if (ms === undefined) throw new Error(`jump(${JSON.stringify(by)}): not a duration`);
    this.#wall += ms;
  }

  /** Sets the wall clock (fires nothing). */
  setTime(time: number | Date): void {
    this.#wall = typeof time === "number" ? time : time.getTime();
  }
}
