/**
 * The one table of calls waiting for an answer, used wherever a call waits: the
 * engines' async calls, a transport's own calls (Sync calls, the login probe),
 * HTTP calls the I/O thread runs for the main thread, Sync calls held until the
 * Sync API connection is up, HTTP POST events waiting for their quick operation.
 * Each owner has its own table; nothing here is module-global.
 *
 * One timeout mechanism: a single timer, armed for the earliest deadline, times out
 * every call past its own (no `setTimeout` per call). Settling, failing a link and
 * {@link PendingCalls.rejectAll} remove calls; the timer stops when none is left.
 *
 * @module
 */
import { ActionFailedError, ActionTimeoutError } from "../errors.js";

/** Prefix of every `echo` value NcatBot sends (OneBot `echo` field). */
export const ECHO_PREFIX = "ncb:";

/**
 * Echo prefix of calls correlated where the connection lives (a transport's own
 * calls: Sync calls on the I/O thread, the login probe). Distinct from
 * {@link ASYNC_ECHO_PREFIX} so the I/O thread can tell, from the raw text alone,
 * which answers are its own.
 */
export const SYNC_ECHO_PREFIX = `${ECHO_PREFIX}s`;

/** Echo prefix of async calls, correlated by the engine on the main thread. */
export const ASYNC_ECHO_PREFIX = `${ECHO_PREFIX}a`;

/**
 * The raw text every answer to a transport's own call contains. A JSON string value
 * always escapes `"`, so a frame without this exact substring cannot be such an
 * answer: it can be passed on without parsing.
 */
export const SYNC_ECHO_MARKER = `"echo":"${SYNC_ECHO_PREFIX}`;

/** Longest delay `setTimeout` accepts (larger values fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Turns a parsed OneBot response envelope (`status`, `retcode`, `data`, `message`,
 * `wording`, `echo`) into its `data`, or throws `ActionFailedError` carrying
 * `params` (undefined when the caller does not know them: it fills them in).
 */
export function unwrapEnvelope(
  action: string,
  envelope: Record<string, unknown>,
  params: unknown = undefined,
): unknown {
  const status = typeof envelope.status === "string" ? envelope.status : "";
  const retcode =
    typeof envelope.retcode === "number" ? envelope.retcode : Number(envelope.retcode ?? 0);
  if (
    status === "ok" ||
    (status === "" && retcode === 0) ||
    (status === "async" && retcode === 1)
  ) {
    return envelope.data ?? null;
  }
  throw new ActionFailedError({
    action,
    params,
    retcode: Number.isFinite(retcode) ? retcode : -1,
    status: status || "failed",
    napcatMessage: typeof envelope.message === "string" ? envelope.message : "",
    wording: typeof envelope.wording === "string" ? envelope.wording : "",
    echo: envelope.echo,
  });
}

/**
 * The params a waiting call keeps for `ActionFailedError.params`: the caller's own
 * object, or (for params a convenience sender composed, see `EngineCallOptions`) the
 * JSON text they were sent as. A string can only be the latter: params are objects.
 */
export type KeptParams = object | string | undefined;

/** The params of a failed call as {@link KeptParams} holds them: JSON text is parsed back. */
export function keptParams(kept: KeptParams): unknown {
  return typeof kept === "string" ? JSON.parse(kept) : kept;
}

/** Puts the caller's `params` into an `ActionFailedError` built without them; other errors pass through. */
export function withParams(error: unknown, params: unknown): unknown {
  if (!(error instanceof ActionFailedError) || error.params !== undefined) return error;
  return new ActionFailedError({
    action: error.action,
    params,
    retcode: error.retcode,
    status: error.status,
    napcatMessage: error.napcatMessage,
    wording: error.wording,
    echo: error.echo,
  });
}

const unset = (): void => {};

/** One call waiting for its answer: all it keeps while in flight. */
class Waiting {
  /**
   * The promise's resolve function. Its reject twin is not kept (one function less per
   * call in flight): {@link Waiting.fail} rejects by resolving with a rejected promise.
   */
  resolve: (value: unknown) => void = unset;
  constructor(
    readonly action: string,
    /** What `ActionFailedError.params` is built from (see {@link KeptParams}). */
    readonly params: KeptParams,
    readonly timeoutMs: number,
    /** `Date.now()` time past which the call times out (Infinity: never). */
    readonly deadline: number,
    /** The connection the request went out on; its loss fails the call (-1: none). */
    readonly link: number,
    /** Applied to `data` before resolving. */
    readonly map: ((data: unknown) => unknown) | undefined,
  ) {}

  /**
   * Rejects the call's promise with `error`. Adopting a rejected promise costs two
   * microtask turns, paid on failures only; the temporary promise gets its handler
   * within the same drain of the microtask queue, so Node never reports it unhandled.
   */
  fail(error: Error): void {
    this.resolve(Promise.reject(error));
  }
}

/**
 * Calls waiting for their answer, keyed by a number; a call's echo is the table's
 * prefix and that number ({@link PendingCalls.echo}).
 *
 * - {@link PendingCalls.settle} resolves with `data` (mapped) or rejects with
 *   `ActionFailedError` (action, the caller's params, retcode, status, message,
 *   wording, echo);
 * - silence past the call's timeout rejects with `ActionTimeoutError`;
 * - {@link PendingCalls.reject}, {@link PendingCalls.failLink} and
 *   {@link PendingCalls.rejectAll} reject with the error the caller builds.
 */
export class PendingCalls {
  readonly #waiting = new Map<number, Waiting>();
  readonly #prefix: string;
  #seq = 0;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  /** @param prefix echo prefix of this table's calls (default {@link SYNC_ECHO_PREFIX}). */
  constructor(prefix: string = SYNC_ECHO_PREFIX) {
    this.#prefix = prefix;
  }

  /** Number of calls still waiting. */
  get size(): number {
    return this.#waiting.size;
  }

  /** Reserves the number of the next call (its echo is {@link PendingCalls.echo}). */
  nextId(): number {
    this.#seq += 1;
    return this.#seq;
  }

  /** The OneBot `echo` of call `id`. */
  echo(id: number): string {
    return `${this.#prefix}${id}`;
  }

  /**
   * Registers call `id` (from {@link PendingCalls.nextId}) and returns the promise of
   * its answer.
   *
   * @param timeoutMs after this long without an answer the promise rejects with
   *   `ActionTimeoutError`; `Infinity` waits for ever.
   * @param params the caller's params, or their JSON text (see {@link KeptParams}),
   *   carried by `ActionFailedError.params`.
   * @param link the connection the request goes out on (see {@link PendingCalls.failLink}).
   * @param map applied to the answer's `data` (a throw rejects the promise).
   */
  wait(
    id: number,
    action: string,
    timeoutMs: number,
    params?: KeptParams,
    link = -1,
    map?: (data: unknown) => unknown,
  ): Promise<unknown> {
    const deadline = Date.now() + timeoutMs;
    const call = new Waiting(action, params, timeoutMs, deadline, link, map);
    const promise = new Promise<unknown>((resolve) => {
      call.resolve = resolve;
    });
    this.#waiting.set(id, call);
    if (deadline < this.#timerAt) this.#arm(deadline);
    return promise;
  }

  /**
   * Settles the call a parsed answer envelope belongs to (its `echo` is one of this
   * table's). Returns false when no such call is waiting (a late answer after a
   * timeout, another table's echo, or a malformed one).
   */
  settle(envelope: Record<string, unknown>): boolean {
    const echo = envelope.echo;
    if (typeof echo !== "string" || !echo.startsWith(this.#prefix)) return false;
    const id = Number(echo.slice(this.#prefix.length));
    const call = this.#take(id);
    if (call === undefined) return false;
    let data: unknown;
    try {
      data = unwrapEnvelope(call.action, envelope);
      if (call.map !== undefined) data = call.map(data);
    } catch (error) {
      call.fail(withParams(error, keptParams(call.params)) as Error);
      return true;
    }
    call.resolve(data);
    return true;
  }

  /** Resolves call `id` with `data` (mapped); false when it is not waiting. */
  resolve(id: number, data: unknown): boolean {
    const call = this.#take(id);
    if (call === undefined) return false;
    try {
      call.resolve(call.map === undefined ? data : call.map(data));
    } catch (error) {
      call.fail(error as Error);
    }
    return true;
  }

  /** Rejects call `id` with the error `make` builds from its action and params; false when it is not waiting. */
  reject(id: number, make: (action: string, params: unknown) => Error): boolean {
    const call = this.#take(id);
    if (call === undefined) return false;
    call.fail(make(call.action, keptParams(call.params)));
    return true;
  }

  /** Resolves every waiting call with `data` (e.g. the connection they waited for is up). */
  resolveAll(data: unknown): void {
    const all = [...this.#waiting.values()];
    this.#waiting.clear();
    this.#disarm();
    for (const call of all) call.resolve(data);
  }

  /** Rejects every call sent on `link` (that connection is gone). */
  failLink(link: number, make: (action: string) => Error): void {
    for (const [id, call] of this.#waiting) {
      if (call.link !== link) continue;
      this.#waiting.delete(id);
      call.fail(make(call.action));
    }
    if (this.#waiting.size === 0) this.#disarm();
  }

  /** Rejects every waiting call and stops the timer. */
  rejectAll(make: (action: string) => Error): void {
    const all = [...this.#waiting.values()];
    this.#waiting.clear();
    this.#disarm();
    for (const call of all) call.fail(make(call.action));
  }

  /** Forgets every waiting call without settling it, and stops the timer. */
  clear(): void {
    this.#waiting.clear();
    this.#disarm();
  }

  #take(id: number): Waiting | undefined {
    const call = this.#waiting.get(id);
    if (call === undefined) return undefined;
    this.#waiting.delete(id);
    if (this.#waiting.size === 0) this.#disarm();
    return call;
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
    for (const call of expired) call.fail(new ActionTimeoutError(call.action, call.timeoutMs));
  }
}
