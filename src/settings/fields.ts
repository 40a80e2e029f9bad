/**
 * The setting builders of the settings schema (./schema.ts): `text`, `oneOf`,
 * `num` / `int`, `bool`, `list`, `record`, `secret` and `custom`.
 * Each one checks a given value, converts environment text, and words its
 * `ConfigError` the same way: the problem names the expected type as the docs
 * table shows it (`expected number in <where>, got the string "lots"`), the fix
 * says where to set it (`` Set `plugins.greeter.times` (env NCATBOT_PLUGIN_GREETER_TIMES) to a number ``).
 *
 * @module
 */

import { didYouMean } from "../did-you-mean.js";
import { ConfigError } from "../errors.js";
import { describeValue } from "./describe-value.js";
import { maskSecretsInText } from "./redact.js";
import type { Setting, SettingContext } from "./schema.js";
import { Secret } from "./secret.js";

/** A default value, or a function of the other resolved values. */
export type DefaultOf<Out> = Out | ((resolved: Readonly<Record<string, unknown>>) => Out);

/** What every builder accepts. */
export interface FieldOptions<Out> {
  /** One line in English. */
  doc: string;
  /** One line in Chinese (docs table). */
  zh: string;
  /** The environment variable (otherwise derived from `defineSettings`' `envPrefix`, if any). */
  env?: string;
  /** Other names accepted in files and options. */
  aliases?: readonly string[];
  /** The value when no source gives one. */
  default?: DefaultOf<Out>;
  /** The default as the docs show it (default: its JSON). */
  defaultText?: string;
  /** The allowed values, if only some are (compared with `includes`). */
  choices?: readonly Out[];
  /** An extra check: the problem, or undefined when the value is fine. */
  check?: (value: Out) => string | undefined;
  /** What to do when the value is wrong (default: derived from the type). */
  fix?: string;
}

/** Builder options with a default: the resolved setting is never undefined. */
export type WithDefault<O> = O & {
  default: NonNullable<O extends FieldOptions<infer Out> ? DefaultOf<Out> : never>;
};

/**
 * The error for a value of the wrong type: `expected <typeText> in <where>, got <value>`,
 * fixed by setting it to `expected` (a phrase such as "a number").
 */
function typeError(
  ctx: SettingContext,
  typeText: string,
  expected: string,
  value: unknown,
  fix?: string,
): ConfigError {
  return new ConfigError(
    ctx.key,
    `expected ${typeText} in ${ctx.where}, got ${describeValue(value)}`,
    fix ?? `Set ${ctx.how} to ${expected}`,
  );
}

/** The error for environment text that cannot be read as the setting's type. */
function envError(ctx: SettingContext, text: string, problem: string, expected: string) {
  return new ConfigError(
    ctx.key,
    `${ctx.where}=${JSON.stringify(maskSecretsInText(text))} ${problem}`,
    `Set ${ctx.how} to ${expected}`,
  );
}

/** Shows one allowed value in a message. */
const shown = (value: unknown) =>
  typeof value === "string" ? `"${value}"` : JSON.stringify(value);

function field<In, Out, D extends boolean>(
  options: FieldOptions<Out>,
  typeText: string,
  parse: (value: unknown, ctx: SettingContext) => Out,
  extra: Partial<Pick<Setting<In, Out>, "fromEnv" | "secret">> = {},
): Setting<In, Out, D> {
  const defaultText =
    options.defaultText ??
    (options.default === undefined || typeof options.default === "function"
      ? undefined
      : JSON.stringify(options.default));
  const choices = options.choices;
  const choiceList = choices?.map(shown).join(", ");
  return {
    hasDefault: (options.default !== undefined) as D,
    doc: options.doc,
    zh: options.zh,
    env: options.env,
    aliases: options.aliases,
    default: options.default,
    defaultText,
    typeText,
    ...extra,
    parse(value, ctx) {
      const out = parse(value, ctx);
      if (choices !== undefined && !choices.includes(out)) {
        const near =
          typeof out === "string"
            ? didYouMean(
                out,
                choices.filter((c): c is Out & string => typeof c === "string"),
              )
            : undefined;
        throw new ConfigError(
          ctx.key,
          `${describeValue(out)} in ${ctx.where} is not one of ${choiceList}`,
          options.fix ??
            `${near ? `Did you mean "${near}"? ` : ""}Set ${ctx.how} to one of ${choiceList}`,
        );
      }
      const problem = options.check?.(out);
      if (problem !== undefined) {
        throw new ConfigError(
          ctx.key,
          `${problem} (in ${ctx.where})`,
          options.fix ?? `Fix ${ctx.how}`,
        );
      }
      return out;
    },
  };
}

/** A string setting. */
export function text(options: WithDefault<FieldOptions<string>>): Setting<string, string, true>;
export function text(options: FieldOptions<string>): Setting<string, string, false>;
export function text(options: FieldOptions<string>): Setting<string, string, boolean> {
  return field(options, "string", (value, ctx) => {
    if (typeof value !== "string") throw typeError(ctx, "string", "a string", value, options.fix);
    return value;
  });
}

/** One of a fixed list of strings (a {@link text} with `choices`; the docs show the union). */
export function oneOf<const T extends string>(
  values: readonly T[],
  options: WithDefault<FieldOptions<T>>,
): Setting<T, T, true>;
export function oneOf<const T extends string>(
  values: readonly T[],
  options: FieldOptions<T>,
): Setting<T, T, false>;
export function oneOf<const T extends string>(
  values: readonly T[],
  options: FieldOptions<T>,
): Setting<T, T, boolean> {
  return field({ ...options, choices: values }, values.map(shown).join(" | "), (value, ctx) => {
    if (typeof value !== "string") {
      throw typeError(ctx, "string", `one of ${values.map(shown).join(", ")}`, value, options.fix);
    }
    return value as T;
  });
}

/** Options of {@link num}. */
export interface NumberOptions extends FieldOptions<number> {
  /** Smallest allowed value (inclusive). */
  min?: number;
  /** Largest allowed value (inclusive). */
  max?: number;
  /** Greater than 0. */
  positive?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
  /** Unit shown in docs and errors, e.g. `ms`. */
  unit?: string;
}

/** Reads environment text as a number, or throws naming the variable. */
function numberFromEnv(t: string, ctx: SettingContext): number {
  const n = Number(t);
  if (t.trim() === "" || Number.isNaN(n)) throw envError(ctx, t, "is not a number", "a number");
  return n;
}

/**
 * A number setting. A value that is no number is a type error
 * (`expected number in …`); one out of range says the range (`must be a positive …`).
 * Environment text must read as a number.
 */
export function num(options: WithDefault<NumberOptions>): Setting<number, number, true>;
export function num(options: NumberOptions): Setting<number, number, false>;
export function num(options: NumberOptions): Setting<number, number, boolean> {
  const what = numberWhat(options);
  const example = typeof options.default === "number" ? `, e.g. ${options.default}` : "";
  const typeText = `number${options.unit ? ` (${options.unit})` : ""}`;
  return field(
    options,
    typeText,
    (value, ctx) => {
      if (typeof value !== "number" || Number.isNaN(value)) {
        throw typeError(ctx, typeText, `${what}${example}`, value, options.fix);
      }
      if (!numberFits(value, options)) {
        throw new ConfigError(
          ctx.key,
          `must be ${what}, got ${describeValue(value)} in ${ctx.where}`,
          options.fix ?? `Set ${ctx.how} to ${what}${example}`,
        );
      }
      return value;
    },
    { fromEnv: numberFromEnv },
  );
}

/** "a positive whole number of milliseconds between 1 and 10" for {@link num}'s options. */
export function numberWhat(options: Omit<NumberOptions, "doc" | "zh">): string {
  const range =
    options.min !== undefined && options.max !== undefined
      ? ` between ${options.min} and ${options.max}`
      : options.min !== undefined
        ? ` >= ${options.min}`
        : options.max !== undefined
          ? ` <= ${options.max}`
          : "";
  return `${options.positive ? "a positive " : "a "}${options.integer ? "whole number" : "number"}${
    options.unit === "ms" ? " of milliseconds" : ""
  }${range}`;
}

/** Whether `value` satisfies {@link num}'s options. */
export function numberFits(
  value: unknown,
  options: Omit<NumberOptions, "doc" | "zh">,
): value is number {
  return (
    typeof value === "number" &&
    !Number.isNaN(value) &&
    !(options.integer === true && !Number.isInteger(value)) &&
    !(options.positive === true && !(value > 0)) &&
    !(options.min !== undefined && value < options.min) &&
    !(options.max !== undefined && value > options.max)
  );
}

const TRUE_TEXT = new Set(["true", "1", "yes", "on"]);
const FALSE_TEXT = new Set(["false", "0", "no", "off"]);

/** A boolean setting; environment text `true/false/1/0/yes/no/on/off` (any case). */
export function bool(options: WithDefault<FieldOptions<boolean>>): Setting<boolean, boolean, true>;
export function bool(options: FieldOptions<boolean>): Setting<boolean, boolean, false>;
export function bool(options: FieldOptions<boolean>): Setting<boolean, boolean, boolean> {
  return field(
    options,
    "boolean",
    (value, ctx) => {
      if (typeof value !== "boolean") {
        throw typeError(ctx, "boolean", "true or false", value, options.fix);
      }
      return value;
    },
    {
      fromEnv: (t, ctx) => {
        const lower = t.trim().toLowerCase();
        if (TRUE_TEXT.has(lower)) return true;
        if (FALSE_TEXT.has(lower)) return false;
        throw envError(ctx, t, "is not a boolean", "true or false");
      },
    },
  );
}

/** Reads environment text as JSON, or throws naming the variable. */
function jsonFromEnv(t: string, ctx: SettingContext, expected: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    throw envError(ctx, t, "is not JSON", `JSON: ${expected}`);
  }
}

/**
 * A list setting: of strings, or of numbers with `items: "number"`. Environment
 * text is a JSON array when it looks like one (`["a","b"]`), otherwise
 * comma-separated (`a, b`).
 */
export function list(
  options: WithDefault<FieldOptions<readonly string[]>>,
): Setting<readonly string[], readonly string[], true>;
export function list(
  options: FieldOptions<readonly string[]>,
): Setting<readonly string[], readonly string[], false>;
export function list(
  options: FieldOptions<readonly number[]>,
  items: "number",
): Setting<readonly number[], readonly number[], boolean>;
export function list(
  given: FieldOptions<readonly string[]> | FieldOptions<readonly number[]>,
  items: "string" | "number" = "string",
): Setting<readonly (string | number)[], readonly (string | number)[], boolean> {
  // The overloads tie `items` to the options' element type.
  const options = given as FieldOptions<readonly (string | number)[]>;
  const typeText = `${items}[]`;
  const expected = `a list of ${items}s`;
  return field(
    options,
    typeText,
    (value, ctx) => {
      if (!Array.isArray(value) || !value.every((v) => typeof v === items)) {
        throw typeError(ctx, typeText, expected, value, options.fix);
      }
      return [...(value as (string | number)[])];
    },
    {
      fromEnv: (t, ctx) => {
        const trimmed = t.trim();
        if (trimmed.startsWith("[") && trimmed.endsWith("]")) return jsonFromEnv(t, ctx, expected);
        const parts = t.split(",").map((s) => s.trim());
        return items === "number" ? parts.map((s) => numberFromEnv(s, ctx)) : parts;
      },
    },
  );
}

/** A mapping of free-form values (`{ a: 1 }`); environment text is a JSON object. */
export function record<T extends object>(
  options: WithDefault<FieldOptions<T>>,
): Setting<T, T, true>;
export function record<T extends object>(options: FieldOptions<T>): Setting<T, T, false>;
export function record<T extends object>(options: FieldOptions<T>): Setting<T, T, boolean> {
  return field(
    options,
    "object",
    (value, ctx) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw typeError(ctx, "object", "a mapping (`key: value` lines)", value, options.fix);
      }
      return value as T;
    },
    { fromEnv: (t, ctx) => jsonFromEnv(t, ctx, "an object") },
  );
}

/** Characters a token may hold: printable ASCII, as an HTTP header (`Authorization: Bearer …`) needs. */
const TOKEN_CHARS = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/** The problem with a token's characters (never its value), or undefined. */
export function tokenProblem(token: string): string | undefined {
  if (token === "" || TOKEN_CHARS.test(token)) return undefined;
  for (let i = 0; i < token.length; i++) {
    const c = token.charCodeAt(i);
    if (c < 0x20 || c > 0x7e) {
      return `contains ${c > 0x7e ? "a non-ASCII" : "a control"} character at position ${i + 1}, which cannot travel in an HTTP header (Authorization: Bearer …)`;
    }
  }
  return "starts or ends with a space";
}

/**
 * A secret (token, signing secret): a string or a {@link Secret}, stored as a
 * `Secret` so that logging or serializing the settings shows `***`. Checked to
 * be printable ASCII, as HTTP headers require.
 */
export function secret(options: FieldOptions<Secret>): Setting<string | Secret, Secret, false> {
  return field(options, "string (secret)", (value, ctx) => parseSecret(value, ctx), {
    secret: true,
  });
}

/** Checks one secret value (see {@link secret}); for secrets nested in object settings. */
export function parseSecret(value: unknown, ctx: SettingContext): Secret {
  const raw = value instanceof Secret ? value.reveal() : value;
  if (typeof raw !== "string") {
    throw new ConfigError(
      ctx.key,
      `expected a string in ${ctx.where}, got ${value === null ? "null" : typeof value}`,
      `Set ${ctx.how} to the token configured in NapCat`,
    );
  }
  const problem = tokenProblem(raw);
  if (problem !== undefined) {
    throw new ConfigError(
      ctx.key,
      `the token in ${ctx.where} ${problem}`,
      `Set ${ctx.how} to the ASCII token configured in NapCat's network settings (letters, digits and punctuation), the same on both sides`,
    );
  }
  return value instanceof Secret ? value : new Secret(raw);
}

/** A setting with its own parser (objects, unions). */
export function custom<In, Out>(
  options: WithDefault<FieldOptions<Out>> & { typeText: string },
  parse: (value: unknown, ctx: SettingContext) => Out,
  fromEnv?: (text: string, ctx: SettingContext) => unknown,
): Setting<In, Out, true>;
export function custom<In, Out>(
  options: FieldOptions<Out> & { typeText: string },
  parse: (value: unknown, ctx: SettingContext) => Out,
  fromEnv?: (text: string, ctx: SettingContext) => unknown,
): Setting<In, Out, false>;
export function custom<In, Out>(
  options: FieldOptions<Out> & { typeText: string },
  parse: (value: unknown, ctx: SettingContext) => Out,
  fromEnv?: (text: string, ctx: SettingContext) => unknown,
): Setting<In, Out, boolean> {
  return field(options, options.typeText, parse, fromEnv ? { fromEnv } : {});
}

/** A whole-number setting ({@link num} with `integer: true`). */
export function int(options: WithDefault<NumberOptions>): Setting<number, number, true>;
export function int(options: NumberOptions): Setting<number, number, false>;
export function int(options: NumberOptions): Setting<number, number, boolean> {
  return num({ ...options, integer: true });
}
