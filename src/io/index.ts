/**
 * The I/O layer: the worker thread that owns the connection, and its main-thread bridge.
 *
 * @module
 */
export { type EventObject, IoBridge, type IoSink, type QuickOperation } from "./bridge.js";
export {
  type ConnectionOptions,
  IO_DEFAULTS,
  type IoOptions,
  type NormalizedIoOptions,
  normalizeIoOptions,
} from "./options.js";
export type { ActionCaller, CallOptions, ConnectionState, SelfId } from "./types.js";
