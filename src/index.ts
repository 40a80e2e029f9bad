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
// Commands, filters, permissions, conversations (docs/commands.md)
export {
  type ArgsOf,
  type ArgTypeMap,
  type ArgTypeName,
  type CommandEvent,
  type CommandGroupHandle,
  type CommandGroupOptions,
  type CommandHandler,
  type CommandHost,
  type CommandOptions,
  type CommandScope,
  type CommandSettings,
  type CooldownOption,
  type Duration,
  JsonFileRbacStore,
  MemoryRbacStore,
  matchPermission,
  Permissions,
  type Promptable,
  type PromptOptions,
  prompt,
  quoteArg,
  type RbacData,
  type RbacStore,
  tokenize,
} from "./command/index.js";
// Errors
export * from "./errors.js";
export * from "./event/index.js";
export {
  and,
  type BuiltinFilter,
  custom,
  type Filter,
  type FilterSubject,
  filters,
  fromUsers,
  groupAdmin,
  groupOnly,
  groupOwner,
  inGroups,
  nonSelf,
  not,
  or,
  privateOnly,
} from "./handle/filters.js";
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
