/**
 * Settings declared by their default, the shorthand plugins write
 * (`{ greeting: { default: "你好", description: "问候语" } }`): each field becomes a
 * setting of the settings schema (./fields.ts), chosen by its default's type, so
 * a plugin's settings are checked, read from the environment and worded in
 * errors exactly like the bot's own.
 *
 * @module
 */
import { bool, list, num, record, text } from "./fields.js";
import type { AnySetting } from "./schema.js";

/** The types a shorthand setting may have. */
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

/** The type of a field: declared, else read from the default (`[]` counts as `string[]`). */
export function fieldType(field: ConfigField): ConfigFieldType {
  if (field.type) return field.type;
  const value = field.default;
  if (Array.isArray(value))
    return value.length > 0 && value.every((v) => typeof v === "number") ? "number[]" : "string[]";
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

/**
 * The setting a shorthand field stands for: `text`, `num`, `bool`, `list`
 * (of strings or numbers) or `record` by {@link fieldType}, with the field's default, choices
 * and description (`key` documents a field without one).
 */
export function settingOf(key: string, field: ConfigField): AnySetting {
  const doc = field.description ?? key;
  // The field's default and choices are of the type fieldType names; the builders check values.
  const options = {
    doc,
    zh: field.description ?? "",
    default: field.default as never,
    ...(field.choices ? { choices: field.choices as never[] } : {}),
  };
  switch (fieldType(field)) {
    case "string":
      return text(options);
    case "number":
      return num(options);
    case "boolean":
      return bool(options);
    case "string[]":
      return list(options);
    case "number[]":
      return list(options, "number");
    default:
      return record(options);
  }
}

/** Settings in the shorthand: name → field (a plugin's `defineConfig` argument). */
export type ConfigSchema = Readonly<Record<string, ConfigField>>;

/** The values of a shorthand schema: `this.config` of a plugin. Read-only: change them with `setConfig`. */
export type ConfigValues<S extends ConfigSchema> = {
  readonly [K in keyof S]: S[K] extends ConfigField<infer T> ? Widen<T> : never;
};
