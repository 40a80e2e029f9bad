/**
 * The contract between the I/O layer and the layers above it (api/, client/).
 * api/ only needs {@link ActionCaller}; client/ drives an {@link IoEngine} and
 * receives events through an {@link IoSink}.
 *
 * @module
 */
import type { ConnectionState, LogLevel, SelfId } from "../transport/types.js";
import type { NormalizedIoOptions } from "./options.js";

export type { ConnectionState, LogLevel, SelfId } from "../transport/types.js";

/** Per-call options accepted by every action call. */
export interface CallOptions {
  /** Overrides the bot's `apiTimeoutMs` for this one call. */
  timeoutMs?: number;
  /**
   * Which NapCat account runs the call when several are connected (reverse WebSocket
   * with several accounts). Omitted: the only, or first, connected account.
   */
  selfId?: SelfId;
}

/**
 * {@link CallOptions} as the api layer hands them to the engine; the extra field is
 * internal (users never pass it).
 */
export interface EngineCallOptions extends CallOptions {
  /**
   * The params were composed by a convenience sender (`postGroupMsg`, `sendGroupText`,
   * ...), so no caller holds them: while the call waits the engine keeps only their
   * JSON text, and `ActionFailedError.params` is that text parsed back (the params as
   * sent). Params a user passed (`bot.api.sendGroupMsg(params)`, `bot.api.call`) are
   * kept as the user's own object. Measured on `npm run bench`'s async driver (a
   * convenience sender per ping, up to 500 replies in flight), 10 paired rounds of
   * 20,000 events against the same build keeping the composed objects: bot CPU
   * 0.303 -> 0.278 s per 10k events (-8 %), peak RSS 95.1 -> 87.8 MB (-8 %); about
   * 190 bytes less kept per reply in flight (bench/RESULTS.md, issue 13).
   */
  readonly composedParams?: boolean;
}

/**
 * Turns an action's `data` into what a method returns (e.g. the `message_id` of a
 * send). A throw rejects the call's promise with that error.
 */
export type ResultMapper = (data: unknown) => unknown;

/**
 * Something that can run a NapCat action and hand back its `data`.
 *
 * - `call` resolves to the response's `data` (or to `mapResult(data)` when given:
 *   the same as `.then(mapResult)`, one promise and one microtask fewer per call) or
 *   rejects with `ActionFailedError`, `ActionTimeoutError`, `NotConnectedError` or
 *   `TransportError`.
 * - `callSync` blocks the calling thread and returns / throws exactly the same.
 */
export interface ActionCaller {
  call(
    action: string,
    params?: object,
    options?: EngineCallOptions,
    mapResult?: ResultMapper,
  ): Promise<unknown>;
  callSync(action: string, params?: object, options?: CallOptions): unknown;
}

/** What the client drives, whichever engine runs the connection (`call` / `callSync` from {@link ActionCaller}). */
export interface IoEngine extends ActionCaller {
  /** The options with defaults filled in. */
  readonly options: NormalizedIoOptions;
  /**
   * Connects (client modes) or starts listening (server modes). Rejects with
   * `ConfigError` / `TransportError`, or after `startTimeoutMs`; nothing is left running then.
   */
  start(): Promise<void>;
  /** Closes every connection, server, worker and timer; idempotent. */
  stop(): Promise<void>;
  /** Accounts connected right now. */
  connectedSelfIds(): SelfId[];
  /** Port the bot's own server listens on (reverse WS, HTTP POST); undefined otherwise. */
  readonly listenPort: number | undefined;
}

/**
 * A OneBot quick operation (the JSON object NapCat's HTTP POST mode accepts as the
 * response body, e.g. `{ "reply": "hi" }` or `{ "approve": true }`).
 */
export type QuickOperation = Record<string, unknown>;

/** A parsed OneBot event: a JSON object whose `post_type` is a string. */
export type EventObject = Record<string, unknown> & { post_type: string };

/** What an engine reports to (the client). */
export interface IoSink {
  /**
   * One event, already parsed (each frame is parsed exactly once, on the main
   * thread), and the account it came from. Called in arrival order. Only HTTP POST
   * uses a resolved quick operation (waited for at most ~1 s); other modes ignore
   * the return value.
   */
  onEvent(
    payload: EventObject,
    selfId: SelfId | undefined,
    // biome-ignore lint/suspicious/noConfusingVoidType: plain (sync) handlers return nothing
  ): void | Promise<QuickOperation | undefined>;
  /** Connection state changes. */
  onState(state: ConnectionState): void;
  /** Diagnostics from the I/O layer; never contains a token. */
  onLog(level: LogLevel, message: string, fields?: Record<string, unknown>): void;
}
