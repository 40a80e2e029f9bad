/**
 * The client layer: `BotClient`, its configuration, dispatch and logging.
 *
 * @module
 */
export { BotClient, type LifecycleInfo, type MessageHandlerOptions } from "./bot-client.js";
export {
  type BotClientExtras,
  type BotClientOptions,
  type ConnectionOption,
  DEFAULTS,
  type ForwardWsConnection,
  type HttpConnection,
  type ReconnectOption,
  type ResolvedConfig,
  type ReverseWsConnection,
  resolveConfig,
} from "./config.js";
export { type Disposer, type Handler, type HandlerOptions, summarizeEvent } from "./dispatcher.js";
export {
  type BotLogger,
  createLogger,
  type LogFormat,
  type LoggerOptions,
  type LogLevel,
} from "./logger.js";
