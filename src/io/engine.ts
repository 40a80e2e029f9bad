/**
 * One interface for both I/O engines, and the factory that picks one by mode.
 *
 * | mode                          | engine          | where the connection lives                     |
 * | ----------------------------- | --------------- | ---------------------------------------------- |
 * | forward WebSocket (default)   | {@link MainThreadIo} | main thread; Sync calls over `/api` from a lazy worker |
 * | HTTP API + SSE                | {@link MainThreadIo} | main thread; Sync calls as HTTP requests from a lazy worker |
 * | reverse WebSocket             | {@link IoBridge}     | worker thread (must accept NapCat while main blocks) |
 * | HTTP API + HTTP POST          | {@link IoBridge}     | worker thread (must answer NapCat's POSTs while main blocks) |
 *
 * @module
 */
import { IoBridge, type IoSink } from "./bridge.js";
import { MainThreadIo } from "./main-engine.js";
import type { IoOptions, NormalizedIoOptions } from "./options.js";
import type { ActionCaller, SelfId } from "./types.js";

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

/** True when `options` selects a mode the main-thread engine serves (forward WS, HTTP + SSE). */
export function runsOnMainThread(options: IoOptions): boolean {
  const c = options.connection;
  return c.mode === "forward-ws" || (c.mode === "http" && c.events.mode === "sse");
}

/**
 * The engine for `options.connection.mode` (see the table in this module's doc).
 *
 * @throws ConfigError when an option is invalid (names the key).
 * @example
 * ```ts
 * const io = createIo({ connection: { mode: "forward-ws", uri: "ws://127.0.0.1:3001" } }, sink);
 * await io.start();
 * const info = await io.call("get_login_info");
 * ```
 */
export function createIo(options: IoOptions, sink: IoSink): IoEngine {
  return runsOnMainThread(options) ? new MainThreadIo(options, sink) : new IoBridge(options, sink);
}
