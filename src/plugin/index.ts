/**
 * Plugins: folders of code with a lifecycle, config, data and scheduled tasks,
 * all disposed on unload. See docs/plugins.md.
 *
 * @module
 */
import { installPluginSystem } from "../client/bot-client.js";
import { PluginManager } from "./manager.js";

installPluginSystem((bot, internals) => new PluginManager(bot, internals));

// The contract's plain types live with BotPlugins in the client layer (src/client/plugins.ts).
export type { BusListener, BusMessage, ChatRef, PluginInfo } from "../client/plugins.js";
export { writeFileAtomic, writeJsonAtomic } from "../files/atomic.js";
export type {
  ConfigField,
  ConfigFieldType,
  ConfigSchema,
  ConfigValues,
} from "../settings/shorthand.js";
export { BUS_EVENTS, PluginBus } from "./bus.js";
export { pluginEnvVariable } from "./config.js";
export { readJsonFile } from "./data-store.js";
export { PluginLoadError } from "./errors.js";
export { LIFECYCLE_TIMEOUT_MS, PluginManager } from "./manager.js";
export {
  type ConfigChange,
  type DefinedPlugin,
  definePlugin,
  isPluginClass,
  NcatBotPlugin,
  type PluginClass,
  type PluginData,
  type PluginDefinition,
  type PluginHooks,
  type PluginMeta,
} from "./plugin.js";
