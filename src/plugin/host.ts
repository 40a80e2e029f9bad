/**
 * The host of one plugin instance: its scope (every registration's disposer), its
 * child logger, config, data, scheduler and switches. Implements the context the
 * `NcatBotPlugin` base class delegates to.
 *
 * @module
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type {
  BotClient,
  BotInternals,
  LifecycleInfo,
  MessageHandlerOptions,
} from "../client/bot-client.js";
import type { Disposer, Handler, HandlerOptions } from "../client/dispatcher.js";
import type { BotLogger } from "../client/logger.js";
import type { BusListener, ChatRef } from "../client/plugins.js";
import { HandlerError } from "../handle/handler-error.js";
import type { ScheduleSpec } from "../handle/schedule-spec.js";
import { Scheduler, type TaskInfo, type TaskJob, type TaskOptions } from "../handle/scheduler.js";
import type { AsyncDisposer, Scope } from "../handle/scope.js";
import type { ConfigSchema } from "../settings/shorthand.js";
import type { PluginBus } from "./bus.js";
import type { PluginConfig } from "./config.js";
import type { ConfigChange, PluginContext, PluginMeta } from "./plugin.js";
import type { ChatSwitches } from "./switches.js";

/** The plugin's data slot, owned by the manager so it outlives one instance (reloads). */
export interface DataSlot {
  value: Record<string, unknown>;
  /** The JSON last written or read, to skip writes that change nothing. */
  saved: string | undefined;
  readonly file: string;
}

/** Everything a host is built from. */
export interface HostParts {
  bot: BotClient;
  internals: BotInternals;
  meta: PluginContext["meta"];
  scope: Scope;
  bus: PluginBus;
  config: PluginConfig;
  data: DataSlot;
  dataDir: string;
  switches: ChatSwitches;
  timeZone: string | undefined;
  save(slot: DataSlot): void;
}

/** One plugin instance's context. */
export class PluginHost implements PluginContext {
  readonly bot: BotClient;
  readonly meta: PluginContext["meta"];
  readonly log: BotLogger;
  readonly scope: Scope;
  readonly #parts: HostParts;
  readonly #scheduler: Scheduler;

  constructor(parts: HostParts) {
    this.#parts = parts;
    this.bot = parts.bot;
    this.meta = parts.meta;
    this.scope = parts.scope;
    this.log = parts.bot.log.child({ plugin: parts.meta.name });
    const owner = parts.meta.name;
    this.#scheduler = new Scheduler({
      clock: parts.internals.clock,
      timeZone: parts.timeZone,
      run: (name, job, run, timeoutMs) =>
        parts.internals.invoke(
          job,
          run,
          { name, owner, source: "task" },
          timeoutMs ?? parts.bot.config.handlerTimeoutMs,
          () => `scheduled task "${name}" run ${run.run}`,
        ),
      onConditionError: (name, error) =>
        parts.bot.reportError(
          new HandlerError(error, {
            handler: `${name} (condition)`,
            plugin: owner,
            source: "task",
          }),
        ),
      note: (name, message) => this.log.debug({ task: name }, message),
    });
    this.scope.add(() => this.#scheduler.clear());
  }

  get dataDir(): string {
    mkdirSync(this.#parts.dataDir, { recursive: true });
    return this.#parts.dataDir;
  }

  get data(): Record<string, unknown> {
    return this.#parts.data.value;
  }
  set data(value: Record<string, unknown>) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      throw new TypeError(`plugin "${this.meta.name}": this.data must be a plain object`);
    }
    this.#parts.data.value = value;
  }

  async saveData(): Promise<void> {
    this.#parts.save(this.#parts.data);
  }

  on(key: string, handler: Handler<never>, options: MessageHandlerOptions = {}): Disposer {
    const disposer = this.#parts.internals.addHandler(
      key,
      handler,
      { ...options, owner: this.meta.name },
      this.#parts.switches.accepts,
    );
    return this.scope.add(disposer);
  }

  lifecycle(
    phase: "startup" | "shutdown",
    handler: Handler<LifecycleInfo>,
    options: HandlerOptions = {},
  ): Disposer {
    return this.scope.add(
      this.#parts.internals.addLifecycle(phase, handler, { ...options, owner: this.meta.name }),
    );
  }

  track(disposer: AsyncDisposer): Disposer {
    return this.scope.add(disposer);
  }

  timer(kind: "timeout" | "interval", fn: () => unknown, ms: number): Disposer {
    const site = {
      name: kind === "timeout" ? "setTimeout" : "setInterval",
      owner: this.meta.name,
      source: "task" as const,
    };
    const run = () => {
      if (kind === "timeout") cancel();
      this.#parts.internals.invoke(fn, undefined, site, undefined);
    };
    const handle = kind === "timeout" ? setTimeout(run, ms) : setInterval(run, ms);
    handle.unref();
    const cancel = this.scope.add(() =>
      kind === "timeout" ? clearTimeout(handle) : clearInterval(handle),
    );
    return cancel;
  }

  addTask(name: string, spec: ScheduleSpec, job: TaskJob, options?: TaskOptions): Disposer {
    return this.scope.add(this.#scheduler.add(name, spec, job, options));
  }

  removeTask(name: string): boolean {
    return this.#scheduler.remove(name);
  }

  tasks(): TaskInfo[] {
    return this.#scheduler.list();
  }

  publish(name: string, data: unknown): Promise<void> {
    return this.#parts.bus.publish(name, data, this.meta.name);
  }

  subscribe(name: string, listener: BusListener<never>): Disposer {
    return this.scope.add(this.#parts.bus.subscribe(name, listener, this.meta.name));
  }

  defineConfig(schema: ConfigSchema): unknown {
    return this.#parts.config.define(schema);
  }

  async setConfig(key: string, value: unknown): Promise<void> {
    const change = this.#parts.config.set(key, value);
    const pending: Promise<void>[] = [];
    for (const listener of [...this.#parts.config.listeners]) {
      const settled = this.#parts.internals.invoke(
        listener as Handler<ConfigChange>,
        change,
        { name: "onConfigChange", owner: this.meta.name, source: "config" },
        undefined,
      );
      if (settled) pending.push(settled);
    }
    await Promise.all(pending);
  }

  onConfigChange(listener: (change: ConfigChange) => unknown): Disposer {
    return this.scope.add(this.#parts.config.onChange(listener));
  }

  /** Keys of the config file's section that no `defineConfig` declared. */
  unknownConfigKeys(): string[] {
    return this.#parts.config.unknownKeys();
  }

  isEnabledIn(chat: ChatRef): boolean {
    return this.#parts.switches.isEnabledIn(chat);
  }
}

/** Checks and completes a class's `static meta`; returns the problem as text when it is not usable. */
export function normalizeMeta(meta: unknown): PluginContext["meta"] | string {
  if (meta === null || typeof meta !== "object")
    return "its class has no `static meta = { name: ... }`";
  const m = meta as PluginMeta;
  if (typeof m.name !== "string" || !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(m.name)) {
    return `meta.name ${JSON.stringify(m.name)} is not a usable name (letters, digits, "-", "_" and "." only; it names the config section and the data folder)`;
  }
  const version = m.version ?? "0.0.0";
  if (typeof version !== "string" || !/^\d+\.\d+\.\d+/.test(version)) {
    return `meta.version ${JSON.stringify(m.version)} is not a semver version such as "1.0.0"`;
  }
  const deps = m.dependencies ?? {};
  if (typeof deps !== "object" || Object.values(deps).some((r) => typeof r !== "string")) {
    return 'meta.dependencies must map plugin names to version ranges, e.g. { counter: "^1.0.0" }';
  }
  return { ...m, name: m.name, version, dependencies: deps };
}

/** `<dataDir>/<name>`. */
export function pluginDataDir(dataDir: string, name: string): string {
  return join(dataDir, name);
}
