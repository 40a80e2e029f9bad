/**
 * A plugin's settings at run time: values from the `plugins.<name>` section of the
 * config file, then the environment, checked against the plugin's schema; and
 * `setConfig`, which writes one key back with the YAML library's document API so
 * the rest of the file (other keys, comments, layout) stays as the user wrote it.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { parseDocument } from "yaml";
import { ConfigError } from "../errors.js";
import {
  type ConfigSchema,
  checkValue,
  fieldType,
  fromEnvText,
  pluginEnvVariable,
} from "./config-schema.js";
import { writeFileAtomic } from "./data-store.js";
import type { ConfigChange } from "./plugin.js";

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

/** The live settings of one plugin instance. */
export class PluginConfig {
  readonly #sources: ConfigSources;
  readonly #schema: Record<string, ConfigSchema[string]> = {};
  readonly #values: Record<string, unknown> = {};
  readonly #listeners = new Set<(change: ConfigChange) => unknown>();
  /** The object plugins read (`this.config`): a getter per key, always current. */
  readonly view: Record<string, unknown> = {};

  constructor(sources: ConfigSources) {
    this.#sources = sources;
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
        `Write \`plugins:\\n  ${plugin}:\\n    key: value\`.`,
      );
    }
    const given = (section ?? {}) as Record<string, unknown>;
    for (const [key, field] of Object.entries(schema)) {
      const path = `plugins.${plugin}.${key}`;
      let value: unknown = field.default;
      if (key in given) {
        checkValue(field, given[key], path, where);
        value = given[key];
      }
      const variable = pluginEnvVariable(plugin, key);
      const text = env[variable];
      if (text !== undefined && text !== "") {
        value = fromEnvText(fieldType(field), text, variable, path);
        checkValue(field, value, path, `environment variable ${variable}`);
      }
      this.#schema[key] = field;
      this.#values[key] = value;
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
    return Object.keys(section).filter((key) => !(key in this.#schema));
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
    const field = this.#schema[key];
    const path = `plugins.${plugin}.${key}`;
    if (!field) {
      throw new ConfigError(
        path,
        "this plugin declares no such setting",
        `Known settings: ${Object.keys(this.#schema).join(", ") || "none"}.`,
      );
    }
    checkValue(field, value, path, "setConfig()");
    const previous = this.#values[key];
    if (writeTo !== undefined) {
      const text = existsSync(writeTo) ? readFileSync(writeTo, "utf8") : "";
      const doc = parseDocument(text);
      if (doc.errors.length > 0) {
        throw new ConfigError(
          path,
          `${writeTo} is not valid YAML (${doc.errors[0]?.message.split("\n")[0]}), so it was not changed`,
          "Fix the YAML syntax.",
        );
      }
      doc.setIn(["plugins", plugin, key], value);
      writeFileAtomic(writeTo, doc.toString());
    }
    this.#values[key] = value;
    return { key, value, previous };
  }
}
