/**
 * Echo correlation and per-call timeouts for one connection. Each connection owns
 * one instance; nothing here is module-global. Timers are cleared on settle and
 * on {@link PendingCalls.rejectAll}.
 *
 * @module
 */
import { ActionFailedError, ActionTimeoutError } from "../errors.js";

/** Prefix of every `echo` value NcatBot sends (OneBot `echo` field). */
export const ECHO_PREFIX = "ncb:";

/**
 * The raw text every response to one of our calls contains. A JSON string value
 * always escapes `"`, so a frame without this exact substring cannot be an answer
 * to us: it can be forwarded as an event without parsing.
 */
export const ECHO_MARKER = `"echo":"${ECHO_PREFIX}`;

/**
 * Echo prefix of calls correlated on the I/O thread (Sync calls, the login probe).
 * Distinct from {@link ASYNC_ECHO_PREFIX} so the I/O thread can tell, from the raw
 * text alone, which answers are its own.
 */
export const SYNC_ECHO_PREFIX = `${ECHO_PREFIX}s`;

/** Echo prefix of async calls, correlated on the main thread (never parsed by the I/O thread). */
export const ASYNC_ECHO_PREFIX = `${ECHO_PREFIX}a`;

/** The raw text every answer to an I/O-thread call contains (see {@link ECHO_MARKER}). */
export const SYNC_ECHO_MARKER = `"echo":"${SYNC_ECHO_PREFIX}`;

interface Pending {
  action: string;
  resolve(data: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

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

/** Calls waiting for their response on one connection, keyed by echo. */
export class PendingCalls {
  private seq = 0;
  private readonly map = new Map<string, Pending>();

  /** @param prefix echo prefix of this instance's calls (default {@link SYNC_ECHO_PREFIX}). */
  constructor(private readonly prefix: string = SYNC_ECHO_PREFIX) {}

  /** Number of calls still waiting. */
  get size(): number {
    return this.map.size;
  }

  /**
   * Registers a call and arms its timeout. Returns the echo to send and the promise
   * of its `data`. The timeout rejects with `ActionTimeoutError`.
   */
  register(action: string, timeoutMs: number): { echo: string; promise: Promise<unknown> } {
    this.seq += 1;
    const echo = `${this.prefix}${this.seq}`;
    const promise = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.map.delete(echo);
        reject(new ActionTimeoutError(action, timeoutMs));
      }, timeoutMs);
      this.map.set(echo, { action, resolve, reject, timer });
    });
    return { echo, promise };
  }

  /** Rejects one call by echo (e.g. its frame could not be sent). */
  fail(echo: string, error: Error): void {
    const p = this.map.get(echo);
    if (!p) return;
    this.map.delete(echo);
    clearTimeout(p.timer);
    p.reject(error);
  }

  /**
   * Settles the call the envelope answers. Returns false when its echo is not ours
   * or no longer pending (late answer after a timeout).
   */
  settle(envelope: Record<string, unknown>): boolean {
    const echo = envelope.echo;
    if (typeof echo !== "string") return false;
    const p = this.map.get(echo);
    if (!p) return false;
    this.map.delete(echo);
    clearTimeout(p.timer);
    try {
      p.resolve(unwrapEnvelope(p.action, envelope));
    } catch (error) {
      p.reject(error as Error);
    }
    return true;
  }

  /** Rejects every waiting call with the error `make` builds for its action. */
  rejectAll(make: (action: string) => Error): void {
    const all = [...this.map.values()];
    this.map.clear();
    for (const p of all) {
      clearTimeout(p.timer);
      p.reject(make(p.action));
    }
  }
}
