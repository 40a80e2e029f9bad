/**
 * `NcatBotPlugin` (the NcatBot 4.x class shape) and `definePlugin` (the same thing as
 * a function). A plugin instance does nothing by itself: every method delegates to
 * the context its host hands it at construction, so a plugin compiled against
 * another copy of `ncatbot` (a plugin folder with its own node_modules, a hot
 * reload) still works with the running bot.
 *
 * @module
 */
import type { BotAPI } from "../api/index.js";
import type { BotClient, LifecycleInfo, MessageHandlerOptions } from "../client/bot-client.js";
import type { Disposer, Handler, HandlerOptions } from "../client/dispatcher.js";
import type { BotLogger } from "../client/logger.js";
import type { BusListener, ChatRef } from "../client/plugins.js";
import type {
  CommandGroupHandle,
  CommandGroupOptions,
  CommandHandler,
  CommandOptions,
  CommandScope,
} from "../command/types.js";
import { NcatBotError } from "../errors.js";
import type { EventByKey } from "../event/index.js";
import type { ScheduleSpec } from "../handle/schedule-spec.js";
import type { TaskInfo, TaskJob, TaskOptions } from "../handle/scheduler.js";
import type { AsyncDisposer } from "../handle/scope.js";
import type { EventKey } from "../protocol/index.js";
import type { ConfigSchema, ConfigValues } from "../settings/shorthand.js";

/** Who a plugin is. `name` is required; `dependencies` maps plugin names to semver ranges. */
export interface PluginMeta {
  /** Unique name: the key of its config section and its data folder. */
  name: string;
  /** Semver version, checked against other plugins' `dependencies`. Default `0.0.0`. */
  version?: string;
  description?: string;
  author?: string;
  /** Plugins that must load first, with the versions accepted: `{ counter: "^1.0.0" }`. */
  dependencies?: Readonly<Record<string, string>>;
  /** How long `onLoad` and `onClose` may take (ms) before the plugin is reported as stuck. Default 10000. */
  timeoutMs?: number;
}

/** A config change, as `onConfigChange` listeners see it. */
export interface ConfigChange {
  readonly key: string;
  readonly value: unknown;
  readonly previous: unknown;
}

/** What a plugin instance delegates to (implemented by the host). @internal */
export interface PluginContext {
  readonly bot: BotClient;
  readonly meta: Required<Pick<PluginMeta, "name" | "version">> & PluginMeta;
  readonly log: BotLogger;
  readonly dataDir: string;
  data: Record<string, unknown>;
  on(key: string, handler: Handler<never>, options?: MessageHandlerOptions): Disposer;
  lifecycle(
    phase: "startup" | "shutdown",
    handler: Handler<LifecycleInfo>,
    options?: HandlerOptions,
  ): Disposer;
  track(disposer: AsyncDisposer): Disposer;
  timer(kind: "timeout" | "interval", fn: () => unknown, ms: number): Disposer;
  addTask(name: string, spec: ScheduleSpec, job: TaskJob, options?: TaskOptions): Disposer;
  removeTask(name: string): boolean;
  tasks(): TaskInfo[];
  publish(name: string, data: unknown): Promise<void>;
  subscribe(name: string, listener: BusListener<never>): Disposer;
  defineConfig(schema: ConfigSchema): unknown;
  setConfig(key: string, value: unknown): Promise<void>;
  onConfigChange(listener: (change: ConfigChange) => unknown): Disposer;
  saveData(): Promise<void>;
  isEnabledIn(chat: ChatRef): boolean;
}

/** Marks plugin classes across copies of the package. */
export const PLUGIN_BRAND: unique symbol = Symbol.for("ncatbot.plugin") as never;
const CONSTRUCTING = Symbol.for("ncatbot.plugin.constructing");

type Slot = { [CONSTRUCTING]?: PluginContext | undefined };

/** Creates `new Class()` with `context` handed to the base constructor. @internal */
export function constructWith<T>(context: PluginContext, create: () => T): T {
  const slot = globalThis as Slot;
  const before = slot[CONSTRUCTING];
  slot[CONSTRUCTING] = context;
  try {
    return create();
  } finally {
    slot[CONSTRUCTING] = before;
  }
}

/** The data object type of plugins that do not declare one. */
// biome-ignore lint/suspicious/noExplicitAny: plugin data is free-form JSON by default.
export type PluginData = Record<string, any>;

/**
 * The base class of plugins. Subclasses set `static meta` and override `onLoad` /
 * `onClose`; everything registered through `this.xxx(...)` is removed when the
 * plugin unloads.
 *
 * @example
 * ```ts
 * import { NcatBotPlugin } from "ncatbot";
 *
 * export default class Greeter extends NcatBotPlugin {
 *   static meta = { name: "greeter", version: "1.0.0" };
 *   config = this.defineConfig({ greeting: { default: "你好", description: "问候语" } });
 *   onLoad() {
 *     this.onGroupMessage((msg) => {
 *       if (msg.raw_message === "hi") msg.replySync(this.config.greeting);
 *     });
 *   }
 * }
 * ```
 */
export abstract class NcatBotPlugin<D extends object = PluginData> {
  /** Brand: how the loader recognises a plugin class from any copy of `ncatbot`. */
  static readonly [PLUGIN_BRAND] = true;
  // Subclasses declare `static meta = { name, version, ... }` (see PluginMeta). It is not
  // declared here, so that it needs no `override` under `noImplicitOverride`.

  readonly #context: PluginContext;

  /** Plugins are created by the bot (`plugins: [...]` or the plugins folder), never with `new` by hand. */
  constructor() {
    const context = (globalThis as Slot)[CONSTRUCTING];
    if (context === undefined) {
      throw new NcatBotError(
        "plugins are created by the bot: pass the class in `plugins: [...]` or put it in the plugins folder (do not call new yourself)",
      );
    }
    this.#context = context;
  }

  // A subclass may define `onLoad()` (runs when the plugin loads, sync or async: register
  // handlers and tasks there) and `onClose()` (runs when it unloads, before its
  // registrations are removed). They are not declared here, so that a subclass under
  // `noImplicitOverride` writes them without `override`.

  /** The bot. */
  get bot(): BotClient {
    return this.#context.bot;
  }
  /** `bot.api`: every NapCat action, async and `Sync`. */
  get api(): BotAPI {
    return this.#context.bot.api;
  }
  /** A logger whose lines carry `plugin: <name>`. */
  get log(): BotLogger {
    return this.#context.log;
  }
  /** The plugin's name (`meta.name`). */
  get name(): string {
    return this.#context.meta.name;
  }
  /** The plugin's metadata, with `version` filled in. */
  get meta(): PluginMeta & { version: string } {
    return this.#context.meta;
  }
  /** A folder for the plugin's own files: `<dataDir>/<name>` (created on first access). */
  get dataDir(): string {
    return this.#context.dataDir;
  }
  /**
   * The plugin's data, persisted to `<dataDir>/<name>/data.json` (atomically) when the
   * plugin unloads, when the bot stops, every few seconds when it changed, and on
   * `saveData()`. Survives reloads.
   */
  get data(): D {
    return this.#context.data as D;
  }
  set data(value: D) {
    this.#context.data = value as Record<string, unknown>;
  }
  /** Writes `this.data` now (atomically). */
  saveData(): Promise<void> {
    return this.#context.saveData();
  }

  // ---------------------------------------------------------------- registration

  /** Like `bot.on(key, ...)`, removed when the plugin unloads. */
  on<K extends EventKey>(
    key: K,
    handler: Handler<EventByKey[K]>,
    options?: HandlerOptions,
  ): Disposer {
    return this.#context.on(key, handler as Handler<never>, options);
  }
  /** Group messages (NcatBot `on_group_message`). */
  onGroupMessage(
    handler: Handler<EventByKey["message.group"]>,
    options?: MessageHandlerOptions,
  ): Disposer {
    return this.#context.on("message.group", handler as Handler<never>, options);
  }
  /** Private messages (NcatBot `on_private_message`). */
  onPrivateMessage(
    handler: Handler<EventByKey["message.private"]>,
    options?: MessageHandlerOptions,
  ): Disposer {
    return this.#context.on("message.private", handler as Handler<never>, options);
  }
  /** Messages the bot account sent itself. */
  onMessageSent(handler: Handler<EventByKey["message_sent"]>, options?: HandlerOptions): Disposer {
    return this.#context.on("message_sent", handler as Handler<never>, options);
  }
  /** Every notice. */
  onNotice(handler: Handler<EventByKey["notice"]>, options?: HandlerOptions): Disposer {
    return this.#context.on("notice", handler as Handler<never>, options);
  }
  /** Friend and group requests. */
  onRequest(handler: Handler<EventByKey["request"]>, options?: HandlerOptions): Disposer {
    return this.#context.on("request", handler as Handler<never>, options);
  }
  /** NapCat's heartbeats. */
  onHeartbeat(
    handler: Handler<EventByKey["meta_event.heartbeat"]>,
    options?: HandlerOptions,
  ): Disposer {
    return this.#context.on("meta_event.heartbeat", handler as Handler<never>, options);
  }
  /** Runs once the bot has connected (right away if it already has). */
  onStartup(handler: Handler<LifecycleInfo>, options?: HandlerOptions): Disposer {
    return this.#context.lifecycle("startup", handler, options);
  }
  /** Runs when the bot stops. */
  onShutdown(handler: Handler<LifecycleInfo>, options?: HandlerOptions): Disposer {
    return this.#context.lifecycle("shutdown", handler, options);
  }
  /** NcatBot 3.x alias of {@link NcatBotPlugin.onGroupMessage}. */
  groupEvent(
    handler: Handler<EventByKey["message.group"]>,
    options?: MessageHandlerOptions,
  ): Disposer {
    return this.onGroupMessage(handler, options);
  }
  /** NcatBot 3.x alias of {@link NcatBotPlugin.onPrivateMessage}. */
  privateEvent(
    handler: Handler<EventByKey["message.private"]>,
    options?: MessageHandlerOptions,
  ): Disposer {
    return this.onPrivateMessage(handler, options);
  }
  /** NcatBot 3.x alias of {@link NcatBotPlugin.onNotice}. */
  noticeEvent(handler: Handler<EventByKey["notice"]>, options?: HandlerOptions): Disposer {
    return this.onNotice(handler, options);
  }
  /** NcatBot 3.x alias of {@link NcatBotPlugin.onRequest}. */
  requestEvent(handler: Handler<EventByKey["request"]>, options?: HandlerOptions): Disposer {
    return this.onRequest(handler, options);
  }

  /**
   * Keeps a disposer in the plugin's scope: it runs when the plugin unloads.
   * Returns a disposer that runs it now instead. For registrations made outside
   * the plugin's own methods: `this.track(bot.command(...))`.
   */
  track(disposer: AsyncDisposer): Disposer {
    return this.#context.track(disposer);
  }
  /** `setTimeout` cleared when the plugin unloads; errors go to the error hook. Returns a canceller. */
  setTimeout(fn: () => unknown, ms: number): Disposer {
    return this.#context.timer("timeout", fn, ms);
  }
  /** `setInterval` cleared when the plugin unloads; errors go to the error hook. Returns a canceller. */
  setInterval(fn: () => unknown, ms: number): Disposer {
    return this.#context.timer("interval", fn, ms);
  }

  // ---------------------------------------------------------------- commands
  // (the commands work: this.command / this.commandGroup, removed when the plugin unloads)

  /**
   * Registers a command owned by this plugin (`bot.command` with `owner` set to the
   * plugin's name: `/help` groups it under the plugin, its default permission path is
   * `<plugin>.<command>`). Removed when the plugin unloads. See docs/commands.md.
   *
   * @example
   * ```ts
   * this.command("echo <text:rest>", (e, { text }) => e.reply(text));
   * ```
   */
  command<const Spec extends string>(spec: Spec, handler: CommandHandler<Spec>): Disposer;
  command<const Spec extends string, const S extends CommandScope | undefined = undefined>(
    spec: Spec,
    options: CommandOptions<S>,
    handler: CommandHandler<Spec, S>,
  ): Disposer;
  command(spec: string, optionsOrHandler: unknown, maybeHandler?: unknown): Disposer {
    const handler = typeof optionsOrHandler === "function" ? optionsOrHandler : maybeHandler;
    const options = (typeof optionsOrHandler === "function" ? {} : optionsOrHandler) as
      | CommandOptions
      | undefined;
    return this.track(this.bot.command(spec, { ...options, owner: this.name }, handler as never));
  }
  /** A command group owned by this plugin (`/admin reload x`); all its commands go when the plugin unloads. */
  commandGroup(name: string, options: CommandGroupOptions = {}): CommandGroupHandle {
    const group = this.bot.commandGroup(name, { ...options, owner: this.name });
    this.track(() => group.dispose());
    return group;
  }

  // ---------------------------------------------------------------- scheduled tasks

  /**
   * Adds a scheduled task (removed when the plugin unloads):
   * `"30s"` / `"2h30m"` / ms: every so long; `"08:00"`: daily (bot's `timeZone`);
   * `{ cron: "0 8 * * *" }`; a `Date` or `{ at }`: once. Options: `maxRuns`, `condition`.
   * Overlapping runs are skipped; missed runs are never made up in a burst.
   */
  addScheduledTask(
    name: string,
    schedule: ScheduleSpec,
    job: TaskJob,
    options?: TaskOptions,
  ): Disposer {
    return this.#context.addTask(name, schedule, job, options);
  }
  /** Removes the task named `name`; false when there is none. */
  removeScheduledTask(name: string): boolean {
    return this.#context.removeTask(name);
  }
  /** The plugin's scheduled tasks. */
  listScheduledTasks(): TaskInfo[] {
    return this.#context.tasks();
  }

  // ---------------------------------------------------------------- event bus

  /** Sends `data` to every plugin subscribed to `name`. Resolves when their listeners have run. */
  publish(name: string, data?: unknown): Promise<void> {
    return this.#context.publish(name, data);
  }
  /** Listens to `name` on the plugin event bus (`"plugin.loaded"`, `"plugin.unloaded"`, or plugins' own). */
  subscribe<T = unknown>(name: string, listener: BusListener<T>): Disposer {
    return this.#context.subscribe(name, listener as BusListener<never>);
  }

  // ---------------------------------------------------------------- config

  /**
   * Declares the plugin's settings: `config = this.defineConfig({ key: { default, description } })`.
   * Values come from the `plugins.<name>` section of `ncatbot.config.yaml`, then from
   * `NCATBOT_PLUGIN_<NAME>_<KEY>`; a wrong type (or a value outside `choices`) stops the
   * plugin with a `ConfigError` naming the file, the key and the expected type. Each field
   * becomes a setting of the bot's settings schema (src/settings/), chosen by its default.
   */
  defineConfig<S extends ConfigSchema>(schema: S): ConfigValues<S> {
    return this.#context.defineConfig(schema) as ConfigValues<S>;
  }
  /** Changes a setting now and writes it to the config file (other keys and comments kept). */
  setConfig(key: string, value: unknown): Promise<void> {
    return this.#context.setConfig(key, value);
  }
  /** Runs `listener` after each `setConfig`. */
  onConfigChange(listener: (change: ConfigChange) => unknown): Disposer {
    return this.#context.onConfigChange(listener);
  }

  // ---------------------------------------------------------------- per-chat switches

  /** False when the plugin is switched off in that group or for that user (see `bot.plugins.disable`). */
  isEnabledIn(chat: ChatRef): boolean {
    return this.#context.isEnabledIn(chat);
  }
}

/** The hooks a plugin class may define. */
export interface PluginHooks {
  onLoad?(): unknown;
  onClose?(): unknown;
}

/** A plugin class: what `plugins: [...]` and a plugin folder's default export are. */
export type PluginClass = (abstract new () => NcatBotPlugin<object>) & {
  meta: PluginMeta;
  readonly [PLUGIN_BRAND]: true;
};

/** True when `value` is a plugin class (from any copy of `ncatbot`). */
export function isPluginClass(value: unknown): value is PluginClass {
  return typeof value === "function" && (value as Partial<PluginClass>)[PLUGIN_BRAND] === true;
}

/** What `definePlugin` takes: the meta fields, an optional config schema and the hooks. */
export interface PluginDefinition<S extends ConfigSchema = ConfigSchema> extends PluginMeta {
  /** Settings, as for `defineConfig`; the plugin's `config` holds their values. */
  config?: S;
  /** Runs when the plugin loads; `plugin` is the instance (all of `NcatBotPlugin`'s methods). */
  onLoad?(plugin: DefinedPlugin<S>): unknown;
  /** Runs when the plugin unloads. */
  onClose?(plugin: DefinedPlugin<S>): unknown;
}

/** The instance a `definePlugin` plugin's hooks receive. */
export type DefinedPlugin<S extends ConfigSchema = ConfigSchema> = NcatBotPlugin & {
  readonly config: ConfigValues<S>;
};

/**
 * The function form of a plugin; runs on the same mechanism as a class.
 *
 * @example
 * ```ts
 * export default definePlugin({
 *   name: "ping",
 *   version: "1.0.0",
 *   onLoad(plugin) {
 *     plugin.onGroupMessage((msg) => { if (msg.raw_message === "ping") msg.replySync("pong"); });
 *   },
 * });
 * ```
 */
export function definePlugin<S extends ConfigSchema = Record<never, never>>(
  definition: PluginDefinition<S>,
): PluginClass {
  const { config: schema, onLoad, onClose, ...meta } = definition;
  if (typeof meta.name !== "string" || meta.name === "") {
    throw new NcatBotError("definePlugin({...}) needs a `name`");
  }
  class Defined extends NcatBotPlugin {
    static meta: PluginMeta = meta;
    readonly config = this.defineConfig(schema ?? {});
    onLoad(): unknown {
      return onLoad?.(this as unknown as DefinedPlugin<S>);
    }
    onClose(): unknown {
      return onClose?.(this as unknown as DefinedPlugin<S>);
    }
  }
  Object.defineProperty(Defined, "name", { value: meta.name });
  return Defined as unknown as PluginClass;
}
