/**
 * Commands: typed declarations (`"ban <user:at> [seconds:int=600]"`), the parser,
 * the lookup table, help, cooldowns, conversations and role-based permissions.
 *
 * @module
 */

export { editDistance } from "../did-you-mean.js";
export { writeFileAtomic } from "../files/atomic.js";
export { registerHelp, registerPermCommands } from "./builtin.js";
export {
  bindConversations,
  Conversations,
  type PromptAnswer,
  type Promptable,
  type PromptOptions,
  prompt,
} from "./conversation.js";
export type { CooldownOption, Duration } from "./cooldown.js";
export { CommandGroup, commandArgs, rootInherited } from "./group.js";
export {
  COMMAND_DEFAULTS,
  type CommandSettings,
  type ResolvedCommandSettings,
  resolveCommandSettings,
} from "./messages.js";
export { ArgumentError, parseArgs, tokensOf } from "./parse-args.js";
export {
  BUILTIN_ROLES,
  MemoryRbacStore,
  matchPermission,
  Permissions,
  type RbacData,
  type RbacEntry,
  type RbacRole,
  type RbacStore,
  type RbacUser,
  type UserId,
} from "./rbac.js";
export { JsonFileRbacStore } from "./rbac-file.js";
export { type CommandEntry, CommandTable } from "./registry.js";
export { type CommandFailure, CommandRouter, type MessageEvent } from "./router.js";
export { type CommandSpec, type FlagSpec, type ParamSpec, parseSpec } from "./spec.js";
export type { ArgsOf, ArgTypeMap, ArgTypeName, ArgValue } from "./spec-types.js";
export { suggest } from "./suggest.js";
export { quoteArg, type TextToken, tokenize } from "./tokenizer.js";
export type {
  CommandEvent,
  CommandGroupHandle,
  CommandGroupOptions,
  CommandHandler,
  CommandHost,
  CommandOptions,
  CommandScope,
  ScopedEvent,
} from "./types.js";
