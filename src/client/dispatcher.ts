/**
 * Event dispatch: one entry point for every event, handlers looked up through a
 * table keyed by the event's dotted key, each handler inside its own error boundary.
 *
 * Ordering guarantee (documented for users in docs/events.md):
 * - Events are dispatched one at a time, in the order they arrived.
 * - For one event, matching handlers are called in the order they were registered,
 *   whatever key they were registered under (`message`, `message.group`, ...).
 * - A sync handler returns before the next handler is called. An async handler is
 *   started in order but not awaited: the next handler (and the next event) does not
 *   wait for it. Use `await` inside one handler when steps must follow each other.
 *
 * @module
 */

import type { RawPayload } from "../event/payloads.js";
import {
  HandlerError,
  type HandlerErrorInfo,
  type HandlerErrorSource,
} from "../handle/handler-error.js";
import type { Disposer } from "../handle/scope.js";
import { registrationSite } from "./handler-site.js";
import type { BotLogger } from "./logger.js";

export type { Disposer };

/** A user callback. May return a promise; its result is otherwise ignored. */
export type Handler<E> = (event: E) => unknown;

/** Options accepted by every registration. */
export interface HandlerOptions {
  /** Name used in logs. Default: the function's name. */
  name?: string;
  /** Log the handler as hung when it runs longer than this (ms). Default: the bot's `handlerTimeoutMs`. */
  timeoutMs?: number;
  /** The plugin that registers the handler (set by the plugin's own methods): named in errors. */
  owner?: string;
}

/** Who runs inside an error boundary: named in the {@link HandlerError} a failure becomes. */
export interface HandlerSite {
  readonly name: string;
  /** The plugin, if any. */
  readonly owner?: string | undefined;
  /** What kind of code it is. Default `"handler"`. */
  readonly source?: HandlerErrorSource;
  /** Where it was registered (`bot.ts:12:3`), read once at registration. */
  readonly at?: string | undefined;
}

interface Registration {
  readonly seq: number;
  readonly key: string;
  readonly handler: Handler<never>;
  readonly name: string;
  readonly accepts: ((payload: RawPayload) => boolean) | undefined;
  readonly timeoutMs: number | undefined;
  readonly owner: string | undefined;
  readonly at: string | undefined;
}

/** What the dispatcher needs from its owner. */
export interface DispatcherDeps<E> {
  /** The dotted keys an event matches, most general first (`notice`, `notice.notify`, `notice.notify.poke`). */
  keysOf(payload: RawPayload): readonly string[];
  /** Builds the event object handed to handlers; called at most once per event, only if a handler matches. */
  createEvent(payload: RawPayload): E;
  log: BotLogger;
  handlerTimeoutMs: number | undefined;
  /** Receives every handler failure (the bot's error hook). Default: one log line. */
  onError?: (error: HandlerError) => void;
}

const noop = () => {};

/** True when `event` has the wire fields {@link summarizeEvent} reads (event objects copy them). */
function carriesWireFields(event: unknown): event is RawPayload {
  return (
    typeof event === "object" &&
    event !== null &&
    typeof (event as { post_type?: unknown }).post_type === "string"
  );
}

/** The summary of a payload, or what a describing callback returns. */
function describe(about: RawPayload | (() => string)): string {
  return typeof about === "function" ? about() : summarizeEvent(about);
}

/** `String(value)` for wire values, which cannot throw (a JSON object may carry `"toString": 1`). */
function show(value: unknown): string {
  return typeof value === "object" && value !== null
    ? Array.isArray(value)
      ? "[array]"
      : "[object]"
    : String(value);
}

/** One line that tells a person which event a log line is about. Never throws. */
export function summarizeEvent(payload: RawPayload): string {
  const parts = [show(payload.post_type)];
  const detail =
    payload.message_type ?? payload.notice_type ?? payload.request_type ?? payload.meta_event_type;
  if (detail !== undefined) parts.push(show(detail));
  if (payload.sub_type !== undefined && payload.sub_type !== "") parts.push(show(payload.sub_type));
  let text = parts.join(".");
  if (payload.group_id !== undefined) text += ` group=${show(payload.group_id)}`;
  if (payload.user_id !== undefined) text += ` user=${show(payload.user_id)}`;
  if (typeof payload.raw_message === "string") {
    const raw = payload.raw_message;
    text += ` "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"`;
  }
  return text;
}

/**
 * The table of handlers and the loop that runs them. Lookups are by the event's
 * most specific key; the merged, ordered handler list for each key is computed
 * once and cached until a registration changes.
 */
export class Dispatcher<E> {
  readonly #byKey = new Map<string, Registration[]>();
  readonly #merged = new Map<string, readonly Registration[]>();
  readonly #deps: DispatcherDeps<E>;
  #seq = 0;

  constructor(deps: DispatcherDeps<E>) {
    this.#deps = deps;
  }

  /** Number of registered handlers (all keys). */
  get size(): number {
    let n = 0;
    for (const list of this.#byKey.values()) n += list.length;
    return n;
  }

  /**
   * Registers `handler` under `key`. `accepts` is an optional cheap test on the raw
   * payload (e.g. "contains an image") run before the event object is built.
   */
  add(
    key: string,
    handler: Handler<never>,
    options: HandlerOptions = {},
    accepts?: (payload: RawPayload) => boolean,
  ): Disposer {
    const registration: Registration = {
      seq: this.#seq++,
      key,
      handler,
      name: options.name ?? (handler.name || "anonymous handler"),
      accepts,
      timeoutMs: options.timeoutMs ?? this.#deps.handlerTimeoutMs,
      owner: options.owner,
      // The user's line that registered it, for every log line about it (issue 11.7).
      at: registrationSite(),
    };
    const list = this.#byKey.get(key);
    if (list) list.push(registration);
    else this.#byKey.set(key, [registration]);
    this.#merged.clear();
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      const current = this.#byKey.get(key);
      if (!current) return;
      const index = current.indexOf(registration);
      if (index >= 0) current.splice(index, 1);
      if (current.length === 0) this.#byKey.delete(key);
      this.#merged.clear();
    };
  }

  /** Removes every handler. */
  clear(): void {
    this.#byKey.clear();
    this.#merged.clear();
  }

  #handlersFor(keys: readonly string[]): readonly Registration[] {
    const leaf = keys[keys.length - 1] ?? "";
    let merged = this.#merged.get(leaf);
    if (merged === undefined) {
      const collected: Registration[] = [];
      for (const key of keys) {
        const list = this.#byKey.get(key);
        if (list) collected.push(...list);
      }
      collected.sort((a, b) => a.seq - b.seq);
      merged = collected;
      this.#merged.set(leaf, merged);
    }
    return merged;
  }

  /**
   * Runs every matching handler for one event. Returns a promise that settles when
   * the async handlers have settled, or `undefined` when every handler was sync (or
   * `track` is false: live events, whose completion nobody waits for).
   * Never throws and never rejects: failures are logged.
   */
  dispatch(payload: RawPayload, track = true): Promise<void> | undefined {
    const registrations = this.#handlersFor(this.#deps.keysOf(payload));
    if (registrations.length === 0) return undefined;
    let event: E | undefined;
    let about: RawPayload = payload;
    let pending: Promise<void>[] | undefined;
    for (const registration of registrations) {
      if (registration.accepts !== undefined && !registration.accepts(payload)) continue;
      if (event === undefined) {
        try {
          event = this.#deps.createEvent(payload);
        } catch (error) {
          this.#deps.log.error(
            { err: error, event: summarizeEvent(payload) },
            "could not build the event object; handlers skipped",
          );
          return undefined;
        }
        // Log lines describe the event from the event object when it carries the wire
        // fields: then nothing keeps the parsed payload alive while a handler awaits.
        if (carriesWireFields(event)) about = event;
      }
      const settled = this.#run(
        registration.handler as Handler<E>,
        event,
        registration,
        registration.timeoutMs,
        about,
        track,
      );
      if (settled) {
        if (pending === undefined) pending = [];
        pending.push(settled);
      }
    }
    return pending ? Promise.all(pending).then(noop) : undefined;
  }

  /**
   * Calls one handler inside an error boundary: a throw or a rejection is logged with
   * the handler's name and the event's summary, and goes no further. With `track`
   * false nothing is returned (the failure is still logged).
   */
  invoke<T>(
    handler: Handler<T>,
    event: T,
    name: string | HandlerSite,
    timeoutMs: number | undefined,
    describe: () => string,
    track = true,
  ): Promise<void> | undefined {
    return this.#run(
      handler,
      event,
      typeof name === "string" ? { name } : name,
      timeoutMs,
      describe,
      track,
    );
  }

  /**
   * {@link Dispatcher.invoke} with the event described lazily: `about` is the raw
   * payload (summarized only when something is logged) or a describing callback.
   * Allocates nothing for a sync handler, and for an untracked async handler
   * without a timeout only the one rejection handler on its promise.
   */
  #run<T>(
    handler: Handler<T>,
    event: T,
    site: HandlerSite,
    timeoutMs: number | undefined,
    about: RawPayload | (() => string),
    track: boolean,
  ): Promise<void> | undefined {
    let result: unknown;
    try {
      result = handler(event);
    } catch (error) {
      this.#report(site, about, error);
      return undefined;
    }
    if (result === undefined || result === null) return undefined;
    if (result instanceof Promise) {
      if (!track && timeoutMs === undefined) {
        result.then(undefined, this.#onRejected(site, about));
        return undefined;
      }
      return this.#watch(result, site, timeoutMs, about);
    }
    if (typeof (result as { then?: unknown }).then !== "function") return undefined;
    // A foreign thenable: adopt it into a native promise first.
    const adopted = Promise.resolve(result as PromiseLike<unknown>);
    if (!track && timeoutMs === undefined) {
      adopted.then(undefined, this.#onRejected(site, about));
      return undefined;
    }
    return this.#watch(adopted, site, timeoutMs, about);
  }

  /**
   * The rejection handler of one untracked handler call (its only per-call allocation).
   * A bound function is smaller than an arrow function and its scope, and it stays
   * alive for as long as the handler runs.
   */
  #onRejected(site: HandlerSite, about: RawPayload | (() => string)): (error: unknown) => void {
    return this.#report.bind(this, site, about);
  }

  /** Tracks a handler's promise: settles when it does, logs a failure, warns past `timeoutMs`. */
  #watch(
    promise: Promise<unknown>,
    site: HandlerSite,
    timeoutMs: number | undefined,
    about: RawPayload | (() => string),
  ): Promise<void> {
    if (timeoutMs === undefined) {
      return promise.then(noop, (error: unknown) => this.#report(site, about, error));
    }
    const timer = setTimeout(() => {
      this.#deps.log.warn(
        {
          handler: site.name,
          ...(site.owner ? { plugin: site.owner } : {}),
          event: describe(about),
          timeoutMs,
        },
        "handler still running after its timeout; it may be stuck",
      );
    }, timeoutMs);
    timer.unref();
    return promise.then(
      () => clearTimeout(timer),
      (error: unknown) => {
        clearTimeout(timer);
        this.#report(site, about, error);
      },
    );
  }

  #report(site: HandlerSite, about: RawPayload | (() => string), error: unknown): void {
    const info: HandlerErrorInfo = {
      handler: site.name,
      plugin: site.owner,
      event: typeof about === "function" ? undefined : about,
      eventSummary: describe(about),
      source: site.source ?? "handler",
      at: site.at,
    };
    const onError = this.#deps.onError;
    if (onError) {
      onError(new HandlerError(error, info));
      return;
    }
    const failure = new HandlerError(error, info);
    this.#deps.log.error(
      { err: error, handler: site.name, event: info.eventSummary },
      `${failure.message}; other handlers were not affected${site.at ? ` (registered at ${site.at})` : ""}`,
    );
  }
}
