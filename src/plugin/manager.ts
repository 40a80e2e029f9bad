/**
 * `bot.plugins`: loads plugins (from the plugins folder and the `plugins` option)
 * in dependency order, unloads and reloads them at run time, and holds the per-chat
 * switches, the event bus and each plugin's data between reloads.
 *
 * @module
 */
import { existsSync, type FSWatcher, watch } from "node:fs";
import { basename, resolve } from "node:path";
import type { BotClient, BotInternals } from "../client/bot-client.js";
import type { BotPlugins, BusListener, ChatRef, PluginInfo } from "../client/plugins.js";
import { ConfigError, NcatBotError } from "../errors.js";
import { writeJsonAtomic } from "../files/atomic.js";
import { HandlerError, type HandlerErrorSource } from "../handle/handler-error.js";
import type { Scope } from "../handle/scope.js";
import { BUS_EVENTS, PluginBus } from "./bus.js";
import { PluginConfig } from "./config.js";
import { readJsonFile } from "./data-store.js";
import { PluginLoadError } from "./errors.js";
import { type DataSlot, normalizeMeta, PluginHost, pluginDataDir } from "./host.js";
import { findEntry, findPluginFolders, importPlugin, type PluginFolder } from "./loader.js";
import { orderPlugins } from "./order.js";
import {
  constructWith,
  isPluginClass,
  type NcatBotPlugin,
  type PluginClass,
  type PluginContext,
  type PluginHooks,
} from "./plugin.js";
import { ChatSwitches } from "./switches.js";

/** Default time `onLoad` / `onClose` may take. */
export const LIFECYCLE_TIMEOUT_MS = 10_000;
/** How often changed plugin data is written, at most. */
export const DATA_SAVE_INTERVAL_MS = 5_000;

interface PluginRecord {
  name: string;
  cls: PluginClass;
  meta: PluginContext["meta"];
  folder: PluginFolder | undefined;
  state: "loaded" | "failed" | "unloaded" | "loading" | "unloading";
  error: string | undefined;
  instance: NcatBotPlugin<object> | undefined;
  host: PluginHost | undefined;
  /** Load order among loaded plugins. */
  seq: number;
}

interface Candidate {
  cls: PluginClass;
  folder: PluginFolder | undefined;
  source: string;
}

/**
 * The plugin system of one bot (`bot.plugins`). Its public methods are documented once,
 * on the contract it implements, {@link BotPlugins} (src/client/plugins.ts); editors show
 * that text on these methods too.
 */
export class PluginManager implements BotPlugins {
  /** The plugin event bus (also reachable from plugins as `this.publish` / `this.subscribe`). */
  readonly bus: PluginBus;
  readonly #bot: BotClient;
  readonly #internals: BotInternals;
  readonly #records = new Map<string, PluginRecord>();
  readonly #data = new Map<string, DataSlot>();
  readonly #switches = new Map<string, ChatSwitches>();
  readonly #watchers = new Map<string, FSWatcher>();
  #seq = 0;
  #queue: Promise<unknown> = Promise.resolve();
  #saver: ReturnType<typeof setInterval> | undefined;

  constructor(bot: BotClient, internals: BotInternals) {
    this.#bot = bot;
    this.#internals = internals;
    this.bus = new PluginBus(internals);
  }

  get dir(): string | false {
    const dir = this.#bot.config.pluginsDir;
    return dir === false ? false : resolve(dir);
  }

  // ---------------------------------------------------------------- lifecycle (called by BotClient)

  start(): Promise<void> {
    return this.#serial(async () => {
      const candidates: Candidate[] = [];
      this.#internals.pluginClasses.forEach((cls, index) => {
        if (isPluginClass(cls))
          candidates.push({ cls, folder: undefined, source: `plugins[${index}]` });
        else {
          this.#report(
            new PluginLoadError(
              undefined,
              undefined,
              `plugins[${index}] is not a plugin class`,
              "Pass classes extending NcatBotPlugin or definePlugin(...) results.",
            ),
            undefined,
            "load",
          );
        }
      });
      const dir = this.dir;
      if (dir !== false) {
        if (existsSync(dir)) {
          const { folders, problems } = findPluginFolders(dir);
          for (const problem of problems) this.#report(problem, undefined, "load");
          const imported = await Promise.all(
            folders.map((folder) =>
              importPlugin(folder).then(
                (cls) => ({ cls, folder, source: folder.dir }),
                (error: unknown) => {
                  this.#report(error, undefined, "load");
                  return undefined;
                },
              ),
            ),
          );
          for (const c of imported) if (c) candidates.push(c);
        } else if (this.#bot.config.pluginsDirExplicit) {
          this.#report(
            new PluginLoadError(
              undefined,
              dir,
              "the plugins folder does not exist",
              "Create it, or set `pluginsDir` to the right folder (or to false).",
            ),
            undefined,
            "load",
          );
        }
      }
      await this.#loadAll(candidates);
      this.#saver = setInterval(() => this.#saveChanged(), DATA_SAVE_INTERVAL_MS);
      this.#saver.unref();
      if (this.#bot.config.hotReload)
        for (const record of this.#records.values()) this.#watch(record);
    });
  }

  stop(): Promise<void> {
    return this.#serial(async () => {
      for (const watcher of this.#watchers.values()) watcher.close();
      this.#watchers.clear();
      if (this.#saver) clearInterval(this.#saver);
      const loaded = this.#loaded().reverse();
      for (const record of loaded) await this.#teardown(record);
    });
  }

  // ---------------------------------------------------------------- public API

  list(): PluginInfo[] {
    return [...this.#records.values()]
      .sort((a, b) => a.seq - b.seq)
      .map((r) => ({
        name: r.name,
        version: r.meta.version,
        description: r.meta.description,
        state: r.state === "loading" ? "unloaded" : r.state === "unloading" ? "loaded" : r.state,
        folder: r.folder?.dir,
        dependencies: r.meta.dependencies ?? {},
        error: r.error,
      }));
  }

  get(name: string): NcatBotPlugin<object> | undefined {
    const record = this.#records.get(name);
    return record?.state === "loaded" ? record.instance : undefined;
  }

  load(plugin: string | PluginClass): Promise<PluginInfo> {
    return this.#serial(async () => {
      let candidate: Candidate;
      if (typeof plugin !== "string") {
        if (!isPluginClass(plugin)) {
          throw new PluginLoadError(
            undefined,
            undefined,
            "the value given to load() is not a plugin class",
            "Pass a class extending NcatBotPlugin or a definePlugin(...) result.",
          );
        }
        candidate = { cls: plugin, folder: undefined, source: "load()" };
      } else {
        const known = this.#records.get(plugin);
        if (known?.state === "loaded") return this.#info(known);
        const folder = known?.folder ?? this.#folderNamed(plugin);
        if (folder) candidate = { cls: await importPlugin(folder), folder, source: folder.dir };
        else if (known) candidate = { cls: known.cls, folder: undefined, source: "load()" };
        else {
          throw new PluginLoadError(
            plugin,
            undefined,
            `no plugin of that name is known${this.dir ? ` and ${this.dir} has no folder "${plugin}"` : ""}`,
            "Check the name (bot.plugins.list() shows the known ones).",
          );
        }
      }
      return this.#loadCandidate(candidate);
    });
  }

  loadFolder(dir: string): Promise<PluginInfo> {
    return this.#serial(async () => {
      const path = resolve(dir);
      const entry = findEntry(path);
      if (typeof entry !== "string") throw entry;
      const folder: PluginFolder = { folder: basename(path), dir: path, entry };
      return this.#loadCandidate({ cls: await importPlugin(folder), folder, source: path });
    });
  }

  async #loadCandidate(candidate: Candidate): Promise<PluginInfo> {
    const failure = (await this.#loadAll([candidate]))[0];
    if (failure) throw failure;
    const meta = normalizeMeta(candidate.cls.meta);
    const record = typeof meta === "string" ? undefined : this.#records.get(meta.name);
    if (!record) throw new NcatBotError("the plugin did not load");
    return this.#info(record);
  }

  unload(name: string): Promise<void> {
    return this.#serial(async () => {
      const record = this.#loadedRecord(name);
      for (const dependent of this.#dependentsOf(name).reverse()) await this.#teardown(dependent);
      await this.#teardown(record);
    });
  }

  reload(name: string): Promise<void> {
    return this.#serial(async () => {
      const record = this.#loadedRecord(name);
      const cls = record.folder ? await importPlugin(record.folder) : record.cls;
      const meta = normalizeMeta(cls.meta);
      if (typeof meta === "string" || meta.name !== name) {
        throw new PluginLoadError(
          name,
          record.folder?.entry,
          typeof meta === "string" ? meta : `the new code is named "${meta.name}"`,
          "Keep the plugin's meta.name while reloading; restart the bot to rename a plugin.",
        );
      }
      const release = this.#internals.holdEvents();
      try {
        const dependents = this.#dependentsOf(name);
        for (const dependent of [...dependents].reverse()) await this.#teardown(dependent);
        await this.#teardown(record);
        record.cls = cls;
        record.meta = meta;
        const failures: Error[] = [];
        for (const r of [record, ...dependents]) {
          const failure = await this.#instantiate(r);
          if (failure) failures.push(failure);
        }
        if (failures[0]) throw failures[0];
      } finally {
        release();
      }
    });
  }

  disable(name: string, chat: ChatRef): void {
    this.#switchesOf(this.#knownRecord(name).name).set(chat, false);
  }

  enable(name: string, chat: ChatRef): void {
    this.#switchesOf(this.#knownRecord(name).name).set(chat, true);
  }

  isEnabled(name: string, chat: ChatRef): boolean {
    return this.#switchesOf(this.#knownRecord(name).name).isEnabledIn(chat);
  }

  publish(name: string, data?: unknown): Promise<void> {
    return this.bus.publish(name, data, "bot");
  }

  subscribe<T = unknown>(name: string, listener: BusListener<T>): () => void {
    return this.bus.subscribe(name, listener as BusListener<never>, undefined);
  }

  // ---------------------------------------------------------------- loading

  /** Validates, orders and loads `candidates`; returns the failures (already reported). */
  async #loadAll(candidates: readonly Candidate[]): Promise<Error[]> {
    const failures: Error[] = [];
    const fail = (error: Error, plugin: string | undefined, record?: PluginRecord) => {
      failures.push(error);
      if (record) {
        record.state = "failed";
        record.error = error.message;
      }
      this.#report(error, plugin, "load");
    };
    const fresh: PluginRecord[] = [];
    for (const candidate of candidates) {
      const meta = normalizeMeta(candidate.cls.meta);
      if (typeof meta === "string") {
        fail(
          new PluginLoadError(
            undefined,
            candidate.folder?.entry ?? candidate.source,
            meta,
            'Give the class `static meta = { name: "my-plugin", version: "1.0.0" }`.',
          ),
          undefined,
        );
        continue;
      }
      const existing = this.#records.get(meta.name) ?? fresh.find((r) => r.name === meta.name);
      const reusable =
        existing &&
        existing.state !== "loaded" &&
        !fresh.includes(existing) &&
        sameSource(existing, candidate);
      if (existing && !reusable) {
        const first = existing.folder?.dir ?? "a class in plugins: [...]";
        const second = candidate.folder?.dir ?? candidate.source;
        fail(
          new PluginLoadError(
            meta.name,
            second,
            `another plugin has the same name (${first})`,
            "Rename one of them (meta.name must be unique), or remove the copy.",
          ),
          meta.name,
        );
        continue;
      }
      const record: PluginRecord = existing ?? {
        name: meta.name,
        cls: candidate.cls,
        meta,
        folder: candidate.folder,
        state: "unloaded",
        error: undefined,
        instance: undefined,
        host: undefined,
        seq: 0,
      };
      record.cls = candidate.cls;
      record.meta = meta;
      record.folder = candidate.folder ?? record.folder;
      this.#records.set(meta.name, record);
      fresh.push(record);
    }
    const available = new Map(this.#loaded().map((r) => [r.name, r.meta.version]));
    const { order, failed } = orderPlugins(
      fresh.map((r) => ({
        name: r.name,
        version: r.meta.version,
        dependencies: r.meta.dependencies ?? {},
        record: r,
      })),
      available,
    );
    for (const { item, reason } of failed) {
      fail(
        new PluginLoadError(
          item.name,
          item.record.folder?.entry,
          reason,
          "The other plugins still load.",
        ),
        item.name,
        item.record,
      );
    }
    for (const { record } of order) {
      const broken = Object.keys(record.meta.dependencies ?? {}).find(
        (dep) => this.#records.get(dep)?.state !== "loaded",
      );
      if (broken) {
        fail(
          new PluginLoadError(
            record.name,
            record.folder?.entry,
            `its dependency "${broken}" did not load`,
            "Fix that plugin first.",
          ),
          record.name,
          record,
        );
        continue;
      }
      const failure = await this.#instantiate(record);
      if (failure) failures.push(failure);
    }
    return failures;
  }

  /** Creates the instance and runs `onLoad`. On failure everything it registered is removed. */
  async #instantiate(record: PluginRecord): Promise<Error | undefined> {
    const { meta } = record;
    record.state = "loading";
    record.error = undefined;
    const scope = this.#bot.scope.child(meta.name);
    let host: PluginHost;
    let instance: NcatBotPlugin<object>;
    try {
      host = this.#createHost(record, scope);
      instance = constructWith(
        host,
        () => new (record.cls as unknown as new () => NcatBotPlugin<object>)(),
      );
      const unknown = host.unknownConfigKeys();
      if (unknown.length) {
        host.log.warn(
          { keys: unknown },
          `plugins.${meta.name} has settings the plugin does not declare (typos?): ${unknown.join(", ")}`,
        );
      }
    } catch (error) {
      await scope.dispose();
      return this.#failed(record, error, error instanceof ConfigError ? "config" : "load");
    }
    record.host = host;
    record.instance = instance;
    try {
      await withTimeout(
        () => (instance as unknown as PluginHooks).onLoad?.(),
        timeoutOf(meta),
        `plugin "${meta.name}": onLoad`,
      );
    } catch (error) {
      await scope.dispose();
      record.host = undefined;
      record.instance = undefined;
      return this.#failed(record, error, "onLoad");
    }
    record.state = "loaded";
    record.seq = ++this.#seq;
    host.log.debug({ version: meta.version }, "plugin loaded");
    if (this.#bot.config.hotReload) this.#watch(record);
    await this.bus.publish(BUS_EVENTS.loaded, { name: meta.name, version: meta.version }, "bot");
    return undefined;
  }

  #failed(record: PluginRecord, error: unknown, source: HandlerErrorSource): Error {
    record.state = "failed";
    const wrapped =
      error instanceof PluginLoadError
        ? error
        : new PluginLoadError(
            record.name,
            record.folder?.entry,
            `${source === "config" ? "its config is wrong" : `${source} failed`}: ${error instanceof Error ? error.message : String(error)}`,
            source === "config"
              ? "Fix the setting (the plugin was not loaded)."
              : "The plugin was unloaded; the bot keeps running.",
            error,
          );
    record.error = wrapped.message;
    this.#report(wrapped, record.name, source);
    return wrapped;
  }

  #createHost(record: PluginRecord, scope: Scope): PluginHost {
    const { meta } = record;
    const config = this.#bot.config;
    const dataDir = pluginDataDir(resolve(config.dataDir), meta.name);
    const pluginConfig = new PluginConfig({
      plugin: meta.name,
      section: config.pluginSettings[meta.name],
      file: config.configFile,
      writeTo: config.configPath,
      env: this.#internals.env,
    });
    return new PluginHost({
      bot: this.#bot,
      internals: this.#internals,
      meta,
      scope,
      bus: this.bus,
      config: pluginConfig,
      data: this.#dataOf(meta.name, dataDir),
      dataDir,
      switches: this.#switchesOf(meta.name),
      timeZone: config.timeZone,
      save: (slot) => this.#save(slot),
    });
  }

  /** Runs `onClose`, disposes the scope, saves the data. Failures are reported. */
  async #teardown(record: PluginRecord): Promise<void> {
    const { instance, host } = record;
    if (record.state !== "loaded" || !instance || !host) return;
    record.state = "unloading";
    try {
      await withTimeout(
        () => (instance as unknown as PluginHooks).onClose?.(),
        timeoutOf(record.meta),
        `plugin "${record.name}": onClose`,
      );
    } catch (error) {
      this.#report(error, record.name, "onClose");
    }
    await host.scope.dispose();
    const slot = this.#data.get(record.name);
    if (slot) {
      try {
        this.#save(slot);
      } catch (error) {
        this.#report(error, record.name, "data");
      }
    }
    record.state = "unloaded";
    record.instance = undefined;
    record.host = undefined;
    host.log.debug("plugin unloaded");
    await this.bus.publish(
      BUS_EVENTS.unloaded,
      { name: record.name, version: record.meta.version },
      "bot",
    );
  }

  // ---------------------------------------------------------------- data, switches, watching

  #dataOf(name: string, dir: string): DataSlot {
    let slot = this.#data.get(name);
    if (slot) return slot;
    const file = `${dir}/data.json`;
    let read: ReturnType<typeof readJsonFile>;
    try {
      read = readJsonFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new PluginLoadError(
        name,
        file,
        `its data file cannot be read (${code})`,
        "Check the file's permissions, or move it away to start with empty data; the plugin was not loaded.",
        error,
      );
    }
    if (read.kind === "corrupt") {
      this.#bot.log.warn(
        { plugin: name, file, movedTo: read.movedTo },
        `plugin "${name}": ${file} was not valid JSON (${read.reason}); it was kept as ${read.movedTo} and the plugin starts with empty data. Restore it from there if needed`,
      );
    }
    slot = {
      value: read.kind === "ok" ? read.value : {},
      saved: read.kind === "ok" ? JSON.stringify(read.value) : undefined,
      file,
    };
    this.#data.set(name, slot);
    return slot;
  }

  #save(slot: DataSlot): void {
    const text = JSON.stringify(slot.value);
    if (text === slot.saved) return;
    if (slot.saved === undefined && text === "{}") return;
    writeJsonAtomic(slot.file, slot.value);
    slot.saved = text;
  }

  #saveChanged(): void {
    for (const [name, slot] of this.#data) {
      try {
        this.#save(slot);
      } catch (error) {
        this.#report(error, name, "data");
      }
    }
  }

  #switchesOf(name: string): ChatSwitches {
    let switches = this.#switches.get(name);
    if (!switches) {
      const file = `${pluginDataDir(resolve(this.#bot.config.dataDir), name)}/switches.json`;
      switches = new ChatSwitches(
        file,
        (userId) => isRoot(this.#bot.config, userId),
        (movedTo, reason) =>
          this.#bot.log.warn(
            { plugin: name, file, movedTo },
            `plugin "${name}": ${file} was not valid JSON (${reason}); kept as ${movedTo}, every chat switched on`,
          ),
      );
      this.#switches.set(name, switches);
    }
    return switches;
  }

  #watch(record: PluginRecord): void {
    const folder = record.folder;
    if (!folder || this.#watchers.has(record.name)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const watcher = watch(folder.dir, { recursive: true }, (_event, file) => {
        if (file && /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(String(file))) return;
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          if (this.#records.get(record.name)?.state !== "loaded") return;
          this.#bot.log.info({ plugin: record.name, file }, "plugin file changed; reloading");
          this.reload(record.name).catch(() => {
            // Already reported to the error hook; the old instance may still run.
          });
        }, 150);
      });
      watcher.unref();
      this.#watchers.set(record.name, watcher);
    } catch (error) {
      this.#bot.log.warn(
        { plugin: record.name, err: error },
        "cannot watch the plugin folder; hot reload is off for it",
      );
    }
  }

  // ---------------------------------------------------------------- helpers

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => {});
    return next;
  }

  #loaded(): PluginRecord[] {
    return [...this.#records.values()]
      .filter((r) => r.state === "loaded")
      .sort((a, b) => a.seq - b.seq);
  }

  #loadedRecord(name: string): PluginRecord {
    const record = this.#knownRecord(name);
    if (record.state !== "loaded")
      throw new NcatBotError(
        `plugin "${name}" is not loaded (it is ${record.state}); load it with bot.plugins.load("${name}")`,
      );
    return record;
  }

  #knownRecord(name: string): PluginRecord {
    const record = this.#records.get(name);
    if (!record) {
      const known = [...this.#records.keys()];
      throw new NcatBotError(
        `no plugin named "${name}"; known plugins: ${known.length ? known.join(", ") : "none"}`,
      );
    }
    return record;
  }

  /** Loaded plugins that depend on `name`, directly or not, in load order. */
  #dependentsOf(name: string): PluginRecord[] {
    const out = new Set<string>([name]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of this.#loaded()) {
        if (out.has(r.name)) continue;
        if (Object.keys(r.meta.dependencies ?? {}).some((d) => out.has(d))) {
          out.add(r.name);
          grew = true;
        }
      }
    }
    return this.#loaded().filter((r) => r.name !== name && out.has(r.name));
  }

  #folderNamed(name: string): PluginFolder | undefined {
    const dir = this.dir;
    if (dir === false) return undefined;
    const path = resolve(dir, name);
    if (!existsSync(path)) return undefined;
    const entry = findEntry(path);
    if (typeof entry !== "string") throw entry;
    return { folder: name, dir: path, entry };
  }

  #info(record: PluginRecord): PluginInfo {
    return this.list().find((p) => p.name === record.name) as PluginInfo;
  }

  #report(error: unknown, plugin: string | undefined, source: HandlerErrorSource): void {
    this.#bot.reportError(new HandlerError(error, { handler: source, plugin, source }));
  }
}

function sameSource(record: PluginRecord, candidate: Candidate): boolean {
  return record.folder?.dir === candidate.folder?.dir;
}

function timeoutOf(meta: PluginContext["meta"]): number {
  return meta.timeoutMs ?? LIFECYCLE_TIMEOUT_MS;
}

function isRoot(config: object, userId: unknown): boolean {
  if (userId === undefined || userId === null) return false;
  const root = (config as { root?: unknown }).root;
  if (root === undefined || root === null) return false;
  const list = Array.isArray(root) ? root : [root];
  return list.some((r) => String(r) === String(userId));
}

/** Runs `fn` (sync or async); rejects when it throws or takes longer than `ms`. */
async function withTimeout(fn: () => unknown, ms: number, what: string): Promise<void> {
  const result = fn();
  if (
    !(result instanceof Promise) &&
    typeof (result as { then?: unknown } | undefined)?.then !== "function"
  )
    return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      result,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new NcatBotError(
                `${what} did not finish within ${ms} ms (it may be stuck); raise meta.timeoutMs if it needs longer`,
              ),
            ),
          ms,
        );
      }),
    ]);
  } finally {
    if (timer) clearTimeout(timer);
  }
}
