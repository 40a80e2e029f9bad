/**
 * NcatBot for TypeScript: a typed, fast QQ bot framework for NapCat (OneBot 11).
 *
 * Grouped by audience:
 * - bot authors: `BotClient`, the event classes and guards, `MessageArray`, `Segment`, `ForwardConstructor`;
 * - error handling: the error classes;
 * - protocol users: the action table types, `ONEBOT_ACTIONS`, event and segment wire types.
 *
 * Testing tools live in `ncatbot/testing`.
 *
 * @module
 */

export * from "./api/index.js";
// Bot authors
export * from "./client/index.js";
// Errors
export * from "./errors.js";
export * from "./event/index.js";
// Scopes, the error hook, scheduled tasks
export * from "./handle/index.js";
export type {
  ActionCaller,
  CallOptions,
  ConnectionState,
  ResultMapper,
  SelfId,
} from "./io/types.js";
export * from "./message/index.js";
// Plugins
export * from "./plugin/index.js";
// Protocol (wire types and name lists)
export * from "./protocol/index.js";
