/**
 * The I/O layer: the engines that own the connection to NapCat (main thread for
 * forward WS and HTTP + SSE, a worker thread for reverse WS and HTTP POST), the
 * factory that picks one, and the Sync API connection.
 *
 * @module
 */

export { ClientModeEngine } from "./client-mode-engine.js";
export { createIo, runsOnMainThread } from "./engine.js";
export {
  type ConnectionOptions,
  IO_DEFAULTS,
  type IoOptions,
  type NormalizedIoOptions,
  normalizeIoOptions,
} from "./options.js";
export { ServerModeEngine } from "./server-mode-engine.js";
export { apiOnlyUri, syncWorkersStarted } from "./sync-api-connection.js";
export type {
  ActionCaller,
  CallOptions,
  ConnectionState,
  EventObject,
  IoEngine,
  IoSink,
  QuickOperation,
  ResultMapper,
  SelfId,
} from "./types.js";
