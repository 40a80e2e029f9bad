/**
 * The factory that picks the I/O engine ({@link IoEngine}) by mode.
 *
 * | mode                          | engine          | where the connection lives                     |
 * | ----------------------------- | --------------- | ---------------------------------------------- |
 * | forward WebSocket (default)   | {@link ClientModeEngine} | main thread; Sync calls over `/api` from a lazy worker |
 * | HTTP API + SSE                | {@link ClientModeEngine} | main thread; Sync calls as HTTP requests from a lazy worker |
 * | reverse WebSocket             | {@link ServerModeEngine}     | worker thread (must accept NapCat while main blocks) |
 * | HTTP API + HTTP POST          | {@link ServerModeEngine}     | worker thread (must answer NapCat's POSTs while main blocks) |
 *
 * @module
 */

import { ClientModeEngine } from "./client-mode-engine.js";
import type { IoOptions } from "./options.js";
import { ServerModeEngine } from "./server-mode-engine.js";
import type { IoEngine, IoSink } from "./types.js";

/** True when `options` selects a mode the client-mode engine serves (forward WS, HTTP + SSE). */
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
  return runsOnMainThread(options)
    ? new ClientModeEngine(options, sink)
    : new ServerModeEngine(options, sink);
}
