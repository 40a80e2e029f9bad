/**
 * Async calls correlated on the main thread (WebSocket modes): the main thread
 * writes the whole request frame, keeps the calls waiting for an answer here, and
 * settles them from the frames it parses anyway. One timer, armed for the earliest
 * deadline, serves every call (no `setTimeout` per call).
 *
 * @module
 */
import { ActionTimeoutError } from "../errors.js";
import { ASYNC_ECHO_PREFIX, unwrapEnvelope } from "../transport/pending-calls.js";

/** Longest delay `setTimeout` accepts (larger values fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

interface Waiting {
  readonly action: string;
  readonly params: unknown;
  readonly timeoutMs: number;
  readonly deadline: number;
  /** The connection the frame went out on; its loss fails the call. */
  readonly link: number;
  resolve(data: unknown): void;
  reject(error: Error): void;
}

/** A registered call: the frame to send and the promise of its `data`. */
export interface RegisteredCall {
  /** The complete OneBot request frame, `{"action":..,"params":..,"echo":"ncb:a<n>"}`. */
  readonly frame: string;
  /** Resolves to the answer's `data`; rejects with the errors listed on {@link AsyncCalls}. */
  readonly promise: Promise<unknown>;
}

/**
 * The calls of one bridge waiting for their answer, keyed by the number in their
 * echo (`ncb:a<n>`, OneBot `echo`).
 *
 * - {@link AsyncCalls.settle} resolves with `data` or rejects with `ActionFailedError`
 *   (action, params, retcode, status, message, wording, echo);
 * - silence past the call's timeout rejects with `ActionTimeoutError`;
 * - {@link AsyncCalls.failLink} / {@link AsyncCalls.rejectAll} reject with the error
 *   the caller builds (a `TransportError`).
 */
export class AsyncCalls {
  readonly #waiting = new Map<number, Waiting>();
  #seq = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  /** Number of calls still waiting. */
  get size(): number {
    return this.#waiting.size;
  }

  /**
   * Registers a call going out on `link` and builds its frame.
   *
   * @param paramsJson the JSON text of `params` (already serialized by the caller).
   */
  register(
    action: string,
    params: unknown,
    paramsJson: string,
    timeoutMs: number,
    link: number,
  ): RegisteredCall {
    this.#seq += 1;
    const id = this.#seq;
    const frame = `{"action":${JSON.stringify(action)},"params":${paramsJson},"echo":"${ASYNC_ECHO_PREFIX}${id}"}`;
    const deadline = Date.now() + timeoutMs;
    const promise = new Promise<unknown>((resolve, reject) => {
      this.#waiting.set(id, { action, params, timeoutMs, deadline, link, resolve, reject });
    });
    if (deadline < this.#timerAt) this.#arm(deadline);
    return { frame, promise };
  }

  /**
   * Settles the call a parsed answer envelope belongs to (its `echo` starts with
   * `ncb:a`). Returns false when no such call is waiting (a late answer after a
   * timeout, or a malformed echo).
   */
  settle(envelope: Record<string, unknown>, echo: string): boolean {
    const id = Number(echo.slice(ASYNC_ECHO_PREFIX.length));
    const call = this.#waiting.get(id);
    if (call === undefined) return false;
    this.#waiting.delete(id);
    let data: unknown;
    try {
      data = unwrapEnvelope(call.action, envelope, call.params);
    } catch (error) {
      call.reject(error as Error);
      return true;
    }
    call.resolve(data);
    return true;
  }

  /** Rejects every call sent on `link` (that connection is gone). */
  failLink(link: number, make: (action: string) => Error): void {
    for (const [id, call] of this.#waiting) {
      if (call.link !== link) continue;
      this.#waiting.delete(id);
      call.reject(make(call.action));
    }
    if (this.#waiting.size === 0) this.#disarm();
  }

  /** Rejects every waiting call and stops the timer. */
  rejectAll(make: (action: string) => Error): void {
    const all = [...this.#waiting.values()];
    this.#waiting.clear();
    this.#disarm();
    for (const call of all) call.reject(make(call.action));
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(
      () => this.#sweep(),
      Math.min(Math.max(at - Date.now(), 0), MAX_TIMER_MS),
    );
  }

  #disarm(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /** Times out every call past its deadline, then re-arms for the earliest one left. */
  #sweep(): void {
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: Waiting[] = [];
    for (const [id, call] of this.#waiting) {
      if (call.deadline <= now) {
        this.#waiting.delete(id);
        expired.push(call);
      } else if (call.deadline < next) {
        next = call.deadline;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
    for (const call of expired) call.reject(new ActionTimeoutError(call.action, call.timeoutMs));
  }
}
