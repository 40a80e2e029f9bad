/**
 * Plugin settings declared in code: defaults, descriptions and types, with the
 * value types inferred from the defaults (`{ greeting: { default: "你好" } }` gives
 * `config.greeting: string`).
 *
 * @module
 */
import { ConfigError } from "../errors.js";

/** The types a plugin setting may have. */
export type ConfigFieldType = "string" | "number" | "boolean" | "string[]" | "number[]" | "object";

/** One setting: its default (which fixes its type), a description for people, and optional checks. */
export interface ConfigField<T = unknown> {
  /** The value when neither the config file nor the environment sets one. Its type is the setting's type. */
  default: T;
  /** What the setting does (shown in docs and errors). */
  description?: string;
  /** The type, when the default does not tell (e.g. an empty array). Inferred from `default` otherwise. */
  type?: ConfigFieldType;
  /** The allowed values, if only some are. */
  choices?: readonly T[];
}

/** A plugin's settings: name → field. */
export type ConfigSchema = Readonly<Record<string, ConfigField>>;

/** Literal types widened (`"你好"` → `string`) so a setting's type is its default's kind. */
export type Widen<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? boolean
      : T extends readonly (infer U)[]
        ? Widen<U>[]
        : T;

/** The values of a schema: `this.config` of a plugin. Read-only: change them with `setConfig`. */
export type ConfigValues<S extends ConfigSchema> = {
  readonly [K in keyof S]: S[K] extends ConfigField<infer T> ? Widen<T> : never;
};

/** The type of a field: declared, else read from the default. */
export function fieldType(field: ConfigField): ConfigFieldType {
  if (field.type) return field.type;
  const value = field.default;
  if (Array.isArray(value))
    return value.every((v) => typeof v === "number") && value.length > 0 ? "number[]" : "string[]";
  switch (typeof value) {
    case "string":
      return "string";
    case "number":
      return "number";
    case "boolean":
      return "boolean";
    default:
      return "object";
  }
}

/** True when `value` has `type`. */
export function hasType(type: ConfigFieldType, value: unknown): boolean {
  switch (type) {
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "number[]":
      return Array.isArray(value) && value.every((v) => typeof v === "number");
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function kindOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** Converts an environment variable's text to a setting's type, or throws naming the variable. */
export function fromEnvText(
  type: ConfigFieldType,
  text: string,
  variable: string,
  key: string,
): unknown {
  switch (type) {
    case "string":
      return text;
    case "number": {
      const n = Number(text);
      if (text.trim() === "" || !Number.isFinite(n)) {
        throw new ConfigError(
          key,
          `${variable}="${text}" is not a number`,
          `Set ${variable} to a number.`,
        );
      }
      return n;
    }
    case "boolean":
      if (/^(true|1|yes|on)$/i.test(text)) return true;
      if (/^(false|0|no|off)$/i.test(text)) return false;
      throw new ConfigError(
        key,
        `${variable}="${text}" is not a boolean`,
        `Set ${variable} to true or false.`,
      );
    default: {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new ConfigError(key, `${variable} is not JSON`, `Set ${variable} to a JSON ${type}.`);
      }
      if (!hasType(type, value)) {
        throw new ConfigError(
          key,
          `${variable} holds ${kindOf(value)}, expected ${type}`,
          `Set ${variable} to a JSON ${type}.`,
        );
      }
      return value;
    }
  }
}

/** Throws a ConfigError naming `where` (the file), the key and the expected type, when `value` does not fit. */
export function checkValue(field: ConfigField, value: unknown, key: string, where: string): void {
  const type = fieldType(field);
  if (!hasType(type, value)) {
    throw new ConfigError(
      key,
      `expected ${type} in ${where}, got ${kindOf(value)} (${JSON.stringify(value)})`,
      `Write a ${type} there${field.description ? ` (${field.description})` : ""}, or remove the line to use the default ${JSON.stringify(field.default)}.`,
    );
  }
  if (field.choices && !field.choices.some((choice) => Object.is(choice, value))) {
    throw new ConfigError(
      key,
      `${JSON.stringify(value)} in ${where} is not one of ${field.choices.map((c) => JSON.stringify(c)).join(", ")}`,
      "Use one of the listed values.",
    );
  }
}

/** `greeting` → `GREETING`, `maxCount` → `MAX_COUNT`, `my-plugin` → `MY_PLUGIN`. */
export function envName(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

/** The environment variable of one plugin setting: `NCATBOT_PLUGIN_<PLUGIN>_<KEY>`. */
export function pluginEnvVariable(plugin: string, key: string): string {
  return `NCATBOT_PLUGIN_${envName(plugin)}_${envName(key)}`;
}
