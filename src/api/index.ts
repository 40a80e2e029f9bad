/**
 * `bot.api`: NapCat actions as camelCase methods, NcatBot convenience senders,
 * `call` / `callSync`, and a blocking `Sync` twin of every async method.
 *
 * @module
 */
export {
  type BotAPI,
  type BotApiOptions,
  botApiMethodNames,
  type ConvenienceMethods,
  type ConvenienceSyncMethods,
  createBotApi,
  type RawCallMethods,
} from "./bot-api.js";
export type {
  Id,
  MediaInput,
  MessageId,
  MessageInput,
  PostGroupMsgOptions,
  PostPrivateMsgOptions,
} from "./compose.js";
export {
  CONVENIENCE,
  type ConvenienceName,
  type CustomMusicOptions,
  type ForwardCardOptions,
  type ForwardInput,
  type GroupSendResult,
  type PostFileOptions,
} from "./convenience.js";
export type { ActionArgs, ActionOfMethod } from "./generated-methods.js";
export type { GeneratedMethods, GeneratedSyncMethods } from "./methods.generated.js";
