/**
 * The list of action calls a fake NapCat received, with listeners and
 * `waitForCall`. Used by the hub (in the fake's own thread) and by the
 * worker-backed handle (on the main thread, fed by the worker's reports).
 *
 * @module
 */
import type { Disposer, RecordedCall } from "./types.js";

/** What `waitForCall` waits for: an action name (aliases count) or a predicate. */
export type CallMatcher = string | ((call: RecordedCall) => boolean);

/**
 * The action a name stands for: NapCat answers every action `x` also as
 * `x_async` and `x_rate_limited` (plain aliases), so `send_msg_async` -> `send_msg`.
 *
 * @example
 * ```ts
 * canonicalActionName("send_group_msg_rate_limited"); // "send_group_msg"
 * ```
 */
export function canonicalActionName(action: string): string {
  return action.replace(/_(async|rate_limited)$/, "");
}

interface Waiter {
  reject(error: Error): void;
}

/** Recorded calls in arrival order, plus listeners and waiters. */
export class CallLog {
  /** Calls in arrival order (cleared by {@link CallLog.clear}). */
  readonly calls: RecordedCall[] = [];
  readonly #listeners = new Set<(call: RecordedCall) => void>();
  readonly #waiters = new Set<Waiter>();

  /** Appends a call and tells every listener (a throwing listener does not stop the others). */
  record(call: RecordedCall): void {
    this.calls.push(call);
    for (const listener of this.#listeners) {
      try {
        listener(call);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Forgets every recorded call (listeners and pending waits stay). */
  clear(): void {
    this.calls.length = 0;
  }

  /** Adds a call listener; returns its disposer. */
  onCall(listener: (call: RecordedCall) => void): Disposer {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** See `FakeNapCat.waitForCall`. */
  waitForCall(match: CallMatcher, timeoutMs = 5000): Promise<RecordedCall> {
    if (typeof match !== "string" && typeof match !== "function")
      return Promise.reject(
        new TypeError("waitForCall: pass an action name or a predicate (call) => boolean"),
      );
    const test =
      typeof match === "string"
        ? (c: RecordedCall) => canonicalActionName(c.action) === canonicalActionName(match)
        : match;
    const existing = this.calls.find(test);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        reject: (error) => {
          clearTimeout(timer);
          this.#waiters.delete(waiter);
          dispose();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        const what =
          typeof match === "string" ? `action "${match}"` : "a call matching the predicate";
        waiter.reject(
          new Error(
            `waitForCall: no ${what} within ${timeoutMs} ms (calls so far: ${this.calls.map((c) => c.action).join(", ") || "none"})`,
          ),
        );
      }, timeoutMs);
      const dispose = this.onCall((call) => {
        let hit: boolean;
        try {
          hit = test(call);
        } catch (error) {
          waiter.reject(error instanceof Error ? error : new Error(String(error)));
          return;
        }
        if (!hit) return;
        clearTimeout(timer);
        this.#waiters.delete(waiter);
        dispose();
        resolve(call);
      });
      this.#waiters.add(waiter);
    });
  }

  /** Rejects every pending `waitForCall` (e.g. when the fake stops) and clears their timers. */
  rejectWaiters(reason: string): void {
    for (const waiter of [...this.#waiters]) waiter.reject(new Error(reason));
  }
}
