/**
 * The sandbox: the example bot, a fake NapCat and a chat page, started by
 * `ncatbot sandbox` (or `startSandbox()`).
 *
 * @module
 */
export { type SandboxBot, startBotThread } from "./bot-runner.js";
export {
  CAT_IMAGE,
  type ExampleBotHost,
  ExampleBotPlugin,
  registerExampleBot,
} from "./example-bot.js";
export { SANDBOX_PAGE } from "./page.js";
export { type PageClient, PageHub } from "./page-hub.js";
export type {
  ChatRef,
  HistoryItem,
  PageCommand,
  PagePush,
  SandboxState,
  ViewApiCall,
  ViewMessage,
  ViewNotice,
  ViewSegment,
} from "./protocol.js";
export { CommandError, PAGE_OPS, parseCommand } from "./protocol.js";
export { SANDBOX_HOST, type Sandbox, type SandboxOptions, startSandbox } from "./server.js";
