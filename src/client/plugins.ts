/**
 * `bot.plugins` as the bot knows it: the contract between `BotClient` and its plugin
 * system. The plugin system (src/plugin/, a layer above this one: plugins build on the
 * bot) implements {@link BotPlugins} as `PluginManager` and installs its factory
 * (see `installPluginSystem`), so this layer never imports it. With the contract come
 * the plain types its methods speak in: {@link PluginInfo}, {@link ChatRef} and the bus
 * messages. See docs/plugins.md.
 *
 * @module
 */

/** A plugin as `bot.plugins.list()` shows it. */
export interface PluginInfo {
  readonly name: string;
  readonly version: string;
  readonly description: string | undefined;
  /** `loaded`, `failed` (see `error`) or `unloaded`. */
  readonly state: "loaded" | "failed" | "unloaded";
  /** The plugin's folder, or `undefined` for a class passed in `plugins: [...]`. */
  readonly folder: string | undefined;
  readonly dependencies: Readonly<Record<string, string>>;
  /** Why it failed, when it did. */
  readonly error: string | undefined;
}

/** A chat, for per-chat switches: a group, or a user in private. */
export type ChatRef = { groupId: number | string } | { userId: number | string };

/** A message on the plugin event bus. */
export interface BusMessage<T = unknown> {
  /** The event name (`"plugin.loaded"`, or any name plugins agree on). */
  readonly name: string;
  readonly data: T;
  /** The publishing plugin's name (`"bot"` for the bot's own lifecycle events). */
  readonly from: string;
}

/** A listener on the plugin event bus. */
export type BusListener<T = unknown> = (message: BusMessage<T>) => unknown;

/**
 * The plugins of one bot (`bot.plugins`): load, unload, reload and list them, switch
 * them per chat, and talk on the plugin event bus. Implemented by `PluginManager`.
 */
export interface BotPlugins {
  /** The plugins folder in force (absolute), or `false`. */
  readonly dir: string | false;
  /**
   * Loads the `plugins` option's classes and the plugins folder. Problems are reported,
   * never thrown. `bot.start()` calls it once connected (events wait until it is done).
   */
  start(): Promise<void>;
  /** Unloads every plugin (dependents first) and saves their data. `bot.stop()` calls it. */
  stop(): Promise<void>;
  /** Every plugin known: loaded, failed or unloaded, in load order. */
  list(): PluginInfo[];
  /** The loaded instance of `name` (an `NcatBotPlugin`), if any. */
  get(name: string): object | undefined;
  /**
   * Loads a plugin: a class / `definePlugin` result, or a name (a known plugin that
   * was unloaded, or a folder of the plugins folder). Its dependencies must be loaded.
   *
   * @throws PluginLoadError (also reported to the error hook) when it cannot load.
   */
  load(plugin: string | (abstract new () => object)): Promise<PluginInfo>;
  /**
   * Loads the plugin in folder `dir` (any path, not only under the plugins folder).
   *
   * @throws PluginLoadError (also reported to the error hook) when it cannot load.
   */
  loadFolder(dir: string): Promise<PluginInfo>;
  /** Unloads `name` (and, first, the loaded plugins that depend on it). Its data is saved. */
  unload(name: string): Promise<void>;
  /**
   * Reloads `name`: imports its folder again (a fresh copy of its files), unloads it
   * and its dependents, then loads them again; `this.data` carries over. Events that
   * arrive meanwhile wait and are handled once, by the new instance. If the new code
   * does not import, the old instance keeps running and the error is thrown.
   */
  reload(name: string): Promise<void>;
  /** Switches plugin `name` off in a group or for a user (private). Root is never switched off. */
  disable(name: string, chat: ChatRef): void;
  /** Switches plugin `name` back on in a group or for a user. */
  enable(name: string, chat: ChatRef): void;
  /** False when plugin `name` is switched off in `chat`. */
  isEnabled(name: string, chat: ChatRef): boolean;
  /** Publishes on the plugin event bus as the bot itself (`from: "bot"`). */
  publish(name: string, data?: unknown): Promise<void>;
  /** Listens on the plugin event bus from outside any plugin. Returns a function that stops listening. */
  subscribe<T = unknown>(name: string, listener: BusListener<T>): () => void;
}
