/**
 * Async calls correlated on the main thread (WebSocket modes): the main thread
 * writes the whole request frame, keeps the calls waiting for an answer here, and
 * settles them from the frames it parses anyway. One timer, armed for the earliest
 * deadline, serves every call (no `setTimeout` per call).
 *
 * @module
 */
import { ActionTimeoutError } from "../errors.js";
import { ASYNC_ECHO_PREFIX, unwrapEnvelope, withParams } from "../transport/pending-calls.js";
import { type ParamsHolder, type ParamsSlab, ParamsStore } from "./params-store.js";
import type { ResultMapper } from "./types.js";

/** Longest delay `setTimeout` accepts (larger values fire at once). */
const MAX_TIMER_MS = 2_147_483_647;

/** The clock of deadlines: ms since module load, so it stays a small integer (no boxed double per call). */
const CLOCK_BASE = Date.now();
function clock(): number {
  return Date.now() - CLOCK_BASE;
}

const unset = (): void => {};

/** One call waiting for its answer: all it keeps while in flight. */
class Waiting implements ParamsHolder {
  /**
   * The promise's resolve function. Its reject twin is not kept (one function less per
   * call in flight): {@link Waiting.fail} rejects by resolving with a rejected promise.
   */
  resolve: (value: unknown) => void = unset;
  /** The params' JSON text, read back only for `ActionFailedError.params` (see params-store.ts). */
  params: ParamsSlab | string = "";
  paramsAt = 0;
  paramsBytes = 0;
  constructor(
    readonly action: string,
    readonly timeoutMs: number,
    /** On {@link clock}. */
    readonly deadline: number,
    /** The connection the frame went out on; its loss fails the call. */
    readonly link: number,
    /** Applied to `data` before resolving (see {@link ResultMapper}). */
    readonly map: ResultMapper | undefined,
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

/** The call whose promise is being built (see {@link captureResolve}). */
let capturing: Waiting | undefined;

/** One shared promise executor: stores `resolve` on {@link capturing}, so no closure per call. */
function captureResolve(resolve: (value: unknown) => void): void {
  (capturing as Waiting).resolve = resolve;
}

/** `{"action":"<action>","params":` per action name seen (a bot uses a handful). */
const FRAME_HEADS = new Map<string, string>();

/** The OneBot request frame of async call `id`: `{"action":..,"params":..,"echo":"ncb:a<id>"}`. */
export function asyncFrame(action: string, paramsJson: string, id: number): string {
  let head = FRAME_HEADS.get(action);
  if (head === undefined) {
    head = `{"action":${JSON.stringify(action)},"params":`;
    // Bounded: custom action names come from code, but a loop over generated names must not grow it forever.
    if (FRAME_HEADS.size < 1024) FRAME_HEADS.set(action, head);
  }
  return `${head}${paramsJson},"echo":"${ASYNC_ECHO_PREFIX}${id}"}`;
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
  readonly #params = new ParamsStore();
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
    paramsJson: string,
    timeoutMs: number,
    link: number,
    map?: ResultMapper,
  ): RegisteredCall {
    const id = this.nextId();
    const frame = asyncFrame(action, paramsJson, id);
    return { frame, promise: this.#wait(id, action, paramsJson, timeoutMs, link, map) };
  }

  /**
   * Registers a call and returns only its promise; the caller writes
   * {@link asyncFrame}`(action, paramsJson, id)` with `id` = {@link AsyncCalls.nextId}.
   * Same outcomes as {@link AsyncCalls.register}, one object fewer per call.
   */
  registerId(
    id: number,
    action: string,
    paramsJson: string,
    timeoutMs: number,
    link: number,
    map?: ResultMapper,
  ): Promise<unknown> {
    return this.#wait(id, action, paramsJson, timeoutMs, link, map);
  }

  /** Reserves the echo number of the next call (for {@link AsyncCalls.registerId}). */
  nextId(): number {
    this.#seq += 1;
    return this.#seq;
  }

  #wait(
    id: number,
    action: string,
    paramsJson: string,
    timeoutMs: number,
    link: number,
    map: ResultMapper | undefined,
  ): Promise<unknown> {
    const deadline = clock() + timeoutMs;
    const call = new Waiting(action, timeoutMs, deadline, link, map);
    this.#params.keep(call, paramsJson);
    capturing = call;
    const promise = new Promise<unknown>(captureResolve);
    capturing = undefined;
    this.#waiting.set(id, call);
    if (deadline < this.#timerAt) this.#arm(deadline);
    return promise;
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
      data = unwrapEnvelope(call.action, envelope);
      if (call.map !== undefined) data = call.map(data);
    } catch (error) {
      call.fail(withParams(error, JSON.parse(this.#params.take(call))) as Error);
      return true;
    }
    this.#params.release(call);
    call.resolve(data);
    return true;
  }

  /** Rejects every call sent on `link` (that connection is gone). */
  failLink(link: number, make: (action: string) => Error): void {
    for (const [id, call] of this.#waiting) {
      if (call.link !== link) continue;
      this.#waiting.delete(id);
      this.#params.release(call);
      call.fail(make(call.action));
    }
    if (this.#waiting.size === 0) this.#disarm();
  }

  /** Rejects every waiting call and stops the timer. */
  rejectAll(make: (action: string) => Error): void {
    const all = [...this.#waiting.values()];
    this.#waiting.clear();
    this.#disarm();
    for (const call of all) {
      this.#params.release(call);
      call.fail(make(call.action));
    }
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(
      () => this.#sweep(),
      Math.min(Math.max(at - clock(), 0), MAX_TIMER_MS),
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
    const now = clock();
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
    for (const call of expired) {
      this.#params.release(call);
      call.fail(new ActionTimeoutError(call.action, call.timeoutMs));
    }
  }
}
