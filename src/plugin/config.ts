/**
 * A plugin's settings at run time: values from the `plugins.<name>` section of the
 * config file, then the environment, checked against the plugin's schema; and
 * `setConfig`, which writes one key back with the YAML library's document API so
 * the rest of the file (other keys, comments, layout) stays as the user wrote it.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { ConfigError } from "../errors.js";
import { writeFileAtomic } from "../files/atomic.js";
import { lazyRequire } from "../lazy-require.js";
import { type AnySetting, defineSettings, envName, type Settings } from "../settings/schema.js";
import { Secret } from "../settings/secret.js";
import { type ConfigSchema, settingOf } from "../settings/shorthand.js";
import type { ConfigChange } from "./plugin.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

/** The prefix of a plugin's environment variables: `NCATBOT_PLUGIN_<PLUGIN>_`. */
export function pluginEnvPrefix(plugin: string): string {
  return `NCATBOT_PLUGIN_${envName(plugin)}_`;
}

/** The environment variable of one plugin setting: `NCATBOT_PLUGIN_<PLUGIN>_<KEY>`. */
export function pluginEnvVariable(plugin: string, key: string): string {
  return `${pluginEnvPrefix(plugin)}${envName(key)}`;
}

/** Where a plugin's settings come from. */
export interface ConfigSources {
  plugin: string;
  /** The config file's `plugins.<name>` section (undefined when absent). */
  section: unknown;
  /** The config file read (for error messages), if any. */
  file: string | undefined;
  /** Where `setConfig` writes; undefined with `configFile: false`. */
  writeTo: string | undefined;
  env: NodeJS.ProcessEnv;
}

/** One declared key: its setting and the compiled group it belongs to (for `how`). */
interface Declared {
  readonly setting: AnySetting;
  readonly group: Settings<Readonly<Record<string, AnySetting>>>;
}

/**
 * The live settings of one plugin instance. Each `define` compiles its fields into
 * settings of the settings schema (src/settings/) with the plugin's env prefix and
 * resolves them with the `plugins.<name>.` key prefix.
 */
export class PluginConfig {
  readonly #sources: ConfigSources;
  readonly #declared = new Map<string, Declared>();
  readonly #values: Record<string, unknown> = {};
  readonly #listeners = new Set<(change: ConfigChange) => unknown>();
  /** The object plugins read (`this.config`): a getter per key, always current. */
  readonly view: Record<string, unknown> = {};

  constructor(sources: ConfigSources) {
    this.#sources = sources;
  }

  get #keyPrefix(): string {
    return `plugins.${this.#sources.plugin}.`;
  }

  /**
   * Adds `schema`'s keys and resolves their values (default, then file, then env).
   *
   * @throws ConfigError naming the file (or variable), the key and the expected type.
   */
  define(schema: ConfigSchema): Record<string, unknown> {
    const { plugin, section, file, env } = this.#sources;
    const where = file ?? "the config file";
    if (
      section !== undefined &&
      (section === null || typeof section !== "object" || Array.isArray(section))
    ) {
      throw new ConfigError(
        `plugins.${plugin}`,
        `expected a mapping of settings in ${where}`,
        `Write \`plugins:\\n  ${plugin}:\\n    key: value\``,
      );
    }
    const given = (section ?? {}) as Record<string, unknown>;
    const shape: Record<string, AnySetting> = {};
    for (const [key, field] of Object.entries(schema)) shape[key] = settingOf(key, field);
    const group = defineSettings(shape, { envPrefix: pluginEnvPrefix(plugin) });
    // Keys of the section that this schema does not declare belong to another define() call or are typos.
    const values = group.resolve([{ where, values: given }], {
      env,
      keyPrefix: this.#keyPrefix,
      passThrough: Object.keys(given),
    });
    for (const key of group.keys) {
      this.#declared.set(key, { setting: group.shape[key] as AnySetting, group });
      this.#values[key] = values[key];
      Object.defineProperty(this.view, key, {
        enumerable: true,
        configurable: true,
        get: () => this.#values[key],
      });
    }
    return this.view;
  }

  /** Keys set in the file that no schema declares (likely typos). */
  unknownKeys(): string[] {
    const section = this.#sources.section;
    if (section === null || typeof section !== "object") return [];
    return Object.keys(section).filter((key) => !this.#declared.has(key));
  }

  /** Runs `listener` after each change. */
  onChange(listener: (change: ConfigChange) => unknown): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The listeners, for the host to call inside the error boundary. */
  get listeners(): ReadonlySet<(change: ConfigChange) => unknown> {
    return this.#listeners;
  }

  /**
   * Checks and sets `key`, then writes it to the config file (creating the file or
   * the section when needed). Returns the change.
   *
   * @throws ConfigError for an unknown key or a value of the wrong type.
   */
  set(key: string, value: unknown): ConfigChange {
    const { plugin, writeTo } = this.#sources;
    const declared = this.#declared.get(key);
    const path = `${this.#keyPrefix}${key}`;
    if (!declared) {
      throw new ConfigError(
        path,
        "this plugin declares no such setting",
        `Known settings: ${[...this.#declared.keys()].join(", ") || "none"}.`,
      );
    }
    const checked = declared.setting.parse(value, {
      key: path,
      where: "setConfig()",
      how: declared.group.how(key, this.#keyPrefix),
    });
    const previous = this.#values[key];
    if (writeTo !== undefined) {
      const text = existsSync(writeTo) ? readFileSync(writeTo, "utf8") : "";
      const doc = yaml().parseDocument(text);
      if (doc.errors.length > 0) {
        throw new ConfigError(
          path,
          `${writeTo} is not valid YAML (${doc.errors[0]?.message.split("\n")[0]}), so it was not changed`,
          "Fix the YAML syntax.",
        );
      }
      doc.setIn(["plugins", plugin, key], checked instanceof Secret ? checked.reveal() : checked);
      writeFileAtomic(writeTo, doc.toString());
    }
    this.#values[key] = checked;
    return { key, value: checked, previous };
  }
}
