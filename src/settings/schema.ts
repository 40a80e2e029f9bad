/**
 * Declarative settings: each setting is declared once (type, default, environment
 * variable, aliases, docs) and everything else is derived from that declaration:
 * the option types, the keys a YAML file may hold, the environment names, the
 * defaults, the `ConfigError`s (key, problem, fix) and the docs table.
 *
 * `BotClient`'s settings (src/client/settings.ts) and each plugin's settings use
 * the same {@link defineSettings}.
 *
 * @example
 * ```ts
 * const settings = defineSettings({
 *   /** Greeting sent to new members. *\/
 *   greeting: text({ doc: "Greeting sent to new members", zh: "新成员欢迎语", default: "欢迎" }),
 *   maxWarnings: int({ doc: "Warnings before a kick", zh: "踢出前的警告次数", default: 3, min: 1 }),
 * });
 * const values = settings.resolve([{ where: "plugins.welcome", values: { maxWarnings: 5 } }]);
 * values.greeting; // "欢迎" (typed string)
 * ```
 *
 * @module
 */
import { ConfigError } from "../errors.js";
import { maskSecretsInText } from "./redact.js";
import { Secret } from "./secret.js";

/** Where a value came from, for error messages (`BotClient options`, a file path, `env NCATBOT_X`). */
export interface SettingContext {
  /** The setting's full key, e.g. `connection.port`. */
  readonly key: string;
  /** The source, e.g. `ncatbot.config.yaml`. */
  readonly where: string;
  /** How to set it, e.g. "`apiTimeoutMs` (env NCATBOT_API_TIMEOUT_MS)". */
  readonly how: string;
}

/** One declared setting. `In` is what a user may write, `Out` what the resolved settings hold. */
export interface Setting<In, Out, D extends boolean = boolean> {
  /** Whether a default fills the setting when no source gives it. */
  readonly hasDefault: D;
  /** One line in English (TSDoc, README). */
  readonly doc: string;
  /** One line in Chinese (the docs table). */
  readonly zh: string;
  /** The environment variable that sets it, if any. */
  readonly env?: string | undefined;
  /** Other names accepted in files and options (NcatBot's snake_case names). */
  readonly aliases?: readonly string[] | undefined;
  /** The default, or a function of the other resolved values; undefined: none. */
  readonly default?: Out | ((resolved: Readonly<Record<string, unknown>>) => Out) | undefined;
  /** The default as the docs show it. */
  readonly defaultText?: string | undefined;
  /** The type as the docs show it, e.g. `number (ms)`. */
  readonly typeText: string;
  /** Whether the value is a secret (stored as {@link Secret}, shown masked). */
  readonly secret?: boolean | undefined;
  /** Checks and converts one given value; throws {@link ConfigError}. */
  parse(value: unknown, ctx: SettingContext): Out;
  /** Converts an environment variable's text into a value for {@link Setting.parse}. */
  fromEnv?(text: string, ctx: SettingContext): unknown;
  /** Phantom: the input type. */
  readonly __in?: In;
}

/** Any setting. */
// biome-ignore lint/suspicious/noExplicitAny: a setting of any input and output type
export type AnySetting = Setting<any, any, boolean>;

/** A settings declaration: key to setting. */
export type SettingsShape = Readonly<Record<string, AnySetting>>;

/** What a user may write for each setting (all optional). TSDoc on the shape's keys carries over. */
export type SettingsInput<S extends SettingsShape> = {
  [K in keyof S]?: S[K] extends Setting<infer In, unknown> ? In : never;
};

/** The resolved settings: defaulted settings are always present, the others may be undefined. */
export type SettingsOutput<S extends SettingsShape> = {
  readonly [K in keyof S]: S[K] extends Setting<unknown, infer Out, infer D>
    ? D extends true
      ? Out
      : Out | undefined
    : never;
};

/** One source of values, in order of precedence (later wins). */
export interface SettingsSource {
  /** How errors name it: `BotClient options`, `/path/ncatbot.config.yaml`. */
  readonly where: string;
  /** The values, as given (unknown keys are errors). */
  readonly values: Readonly<Record<string, unknown>>;
}

/** Options of {@link Settings.resolve}. */
export interface ResolveOptions {
  /** Environment to read (last source, wins); omitted: none. */
  readonly env?: NodeJS.ProcessEnv | undefined;
  /** Prefix of keys in error messages, e.g. `plugins.welcome.`. */
  readonly keyPrefix?: string | undefined;
  /** Keys a source may carry that are not settings of this schema (read by someone else). */
  readonly passThrough?: readonly string[] | undefined;
}

/** A compiled settings declaration: resolve sources, list keys and env names, render docs. */
export interface Settings<S extends SettingsShape> {
  /** The declaration. */
  readonly shape: S;
  /** Every key, in declaration order. */
  readonly keys: readonly (keyof S & string)[];
  /** Environment variable name to key. */
  readonly envNames: ReadonlyMap<string, keyof S & string>;
  /** Every name a source may use (keys and aliases) to the key. */
  readonly names: ReadonlyMap<string, keyof S & string>;
  /**
   * Merges the sources (later wins), then the environment, checks every value and
   * fills the defaults. Throws {@link ConfigError} naming the setting, the problem and the fix.
   */
  resolve(sources: readonly SettingsSource[], options?: ResolveOptions): SettingsOutput<S>;
  /** A Markdown table of the settings (Chinese docs): key, type, default, env, meaning. */
  docsTable(options?: { keyPrefix?: string }): string;
  /** How docs and errors say where a value goes: the key in backticks, then "(env NAME)". */
  how(key: keyof S & string, keyPrefix?: string): string;
}

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0] ?? 0;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j] ?? 0;
      row[j] = Math.min(
        (row[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        previous + (a[i - 1]?.toLowerCase() === b[j - 1]?.toLowerCase() ? 0 : 1),
      );
      previous = current;
    }
  }
  return row[b.length] ?? 0;
}

/** The closest of `names` to `given`, when close enough to be a typo. */
export function didYouMean(given: string, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const name of names) {
    const d = distance(given, name);
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(given.length / 3))
    ? best
    : undefined;
}

/** A short, masked description of a given value for error messages. */
export function showValue(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") {
    const masked = maskSecretsInText(value);
    return JSON.stringify(masked.length > 80 ? `${masked.slice(0, 80)}…` : masked);
  }
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  return String(value);
}

/**
 * Declares a group of settings. Keys are looked up in Maps (a `__proto__` or
 * `constructor` key in a file is an unknown setting, never a prototype).
 */
export function defineSettings<const S extends SettingsShape>(shape: S): Settings<S> {
  type Key = keyof S & string;
  const keys = Object.keys(shape) as Key[];
  const names = new Map<string, Key>();
  const envNames = new Map<string, Key>();
  for (const key of keys) {
    const setting = shape[key] as AnySetting;
    names.set(key, key);
    for (const alias of setting.aliases ?? []) names.set(alias, key);
    if (setting.env) envNames.set(setting.env, key);
  }
  const how = (key: Key, keyPrefix = ""): string => {
    const env = (shape[key] as AnySetting).env;
    return `\`${keyPrefix}${key}\`${env ? ` (env ${env})` : ""}`;
  };

  function resolve(
    sources: readonly SettingsSource[],
    options: ResolveOptions = {},
  ): SettingsOutput<S> {
    const prefix = options.keyPrefix ?? "";
    const passThrough = new Set(options.passThrough ?? []);
    const given = new Map<Key, unknown>();
    for (const source of sources) {
      for (const name of Object.keys(source.values)) {
        const value = source.values[name];
        if (value === undefined) continue;
        const key = names.get(name);
        if (key === undefined) {
          if (passThrough.has(name)) continue;
          const near = didYouMean(name, names.keys());
          throw new ConfigError(
            `${prefix}${name}`,
            `unknown setting in ${source.where}`,
            `${near ? `Did you mean \`${prefix}${near}\`? ` : ""}Valid settings: ${keys.map((k) => `${prefix}${k}`).join(", ")}`,
          );
        }
        const setting = shape[key] as AnySetting;
        given.set(
          key,
          setting.parse(value, {
            key: `${prefix}${key}`,
            where: source.where,
            how: how(key, prefix),
          }),
        );
      }
    }
    const env = options.env;
    if (env) {
      for (const [name, key] of envNames) {
        const text = env[name];
        if (text === undefined || text === "") continue;
        const setting = shape[key] as AnySetting;
        const ctx = { key: `${prefix}${key}`, where: `env ${name}`, how: how(key, prefix) };
        given.set(key, setting.parse(setting.fromEnv ? setting.fromEnv(text, ctx) : text, ctx));
      }
    }
    // Declaration order: a default computed from other settings sees those declared before it.
    const out: Record<string, unknown> = {};
    for (const key of keys) {
      if (given.has(key)) {
        out[key] = given.get(key);
        continue;
      }
      const fallback = (shape[key] as AnySetting).default;
      out[key] = typeof fallback === "function" ? fallback(out) : fallback;
    }
    return out as SettingsOutput<S>;
  }

  function docsTable(tableOptions: { keyPrefix?: string } = {}): string {
    const prefix = tableOptions.keyPrefix ?? "";
    const rows = keys.map((key) => {
      const s = shape[key] as AnySetting;
      const names = [`\`${prefix}${key}\``, ...(s.aliases ?? []).map((a) => `\`${a}\``)].join(
        " / ",
      );
      const cell = (text: string | undefined) => (text ? text.replace(/\|/g, "\\|") : "—");
      return `| ${names} | ${cell(s.typeText)} | ${cell(s.defaultText)} | ${s.env ? `\`${s.env}\`` : "—"} | ${cell(s.zh)} |`;
    });
    return [
      "| 设置 | 类型 | 默认值 | 环境变量 | 说明 |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  }

  return { shape, keys, envNames, names, resolve, docsTable, how };
}

// ---------------------------------------------------------------- field builders

/** A default value, or a function of the other resolved values. */
export type DefaultOf<Out> = Out | ((resolved: Readonly<Record<string, unknown>>) => Out);

/** What every builder accepts. */
export interface FieldOptions<Out> {
  /** One line in English. */
  doc: string;
  /** One line in Chinese (docs table). */
  zh: string;
  env?: string;
  aliases?: readonly string[];
  default?: DefaultOf<Out>;
  defaultText?: string;
  /** An extra check: the problem, or undefined when the value is fine. */
  check?: (value: Out) => string | undefined;
  /** What to do when the value is wrong (default: derived from the type). */
  fix?: string;
}

/** Builder options with a default: the resolved setting is never undefined. */
export type WithDefault<O> = O & {
  default: NonNullable<O extends FieldOptions<infer Out> ? DefaultOf<Out> : never>;
};

function typeError(
  ctx: SettingContext,
  expected: string,
  value: unknown,
  fix?: string,
): ConfigError {
  return new ConfigError(
    ctx.key,
    `expected ${expected} in ${ctx.where}, got ${showValue(value)}`,
    fix ?? `Set ${ctx.how} to ${expected}`,
  );
}

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
    if (typeof value !== "string") throw typeError(ctx, "a string", value, options.fix);
    return value;
  });
}

/** One of a fixed list of strings. */
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
  const list = values.join(", ");
  return field(options, values.map((v) => `"${v}"`).join(" | "), (value, ctx) => {
    if (typeof value !== "string") throw typeError(ctx, `one of ${list}`, value, options.fix);
    if (!values.includes(value as T)) {
      const near = didYouMean(value, values);
      throw new ConfigError(
        ctx.key,
        `unknown value ${showValue(value)} in ${ctx.where}`,
        `${near ? `Did you mean "${near}"? ` : ""}Set ${ctx.how} to one of ${list}`,
      );
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

/** A number setting; environment text is converted with `Number`. */
export function num(options: WithDefault<NumberOptions>): Setting<number, number, true>;
export function num(options: NumberOptions): Setting<number, number, false>;
export function num(options: NumberOptions): Setting<number, number, boolean> {
  const what = numberWhat(options);
  const example = typeof options.default === "number" ? `, e.g. ${options.default}` : "";
  return field(
    options,
    `number${options.unit ? ` (${options.unit})` : ""}`,
    (value, ctx) => {
      if (!numberFits(value, options)) {
        throw new ConfigError(
          ctx.key,
          `must be ${what}, got ${showValue(value)} in ${ctx.where}`,
          options.fix ?? `Set ${ctx.how} to ${what}${example}`,
        );
      }
      return value as number;
    },
    {
      // Text that is not a number stays text, so the error shows what was written.
      fromEnv: (t) => (t.trim() === "" || Number.isNaN(Number(t)) ? t : Number(t)),
    },
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

/** A boolean setting; environment text `true/false/1/0/yes/no/on/off`. */
export function bool(options: WithDefault<FieldOptions<boolean>>): Setting<boolean, boolean, true>;
export function bool(options: FieldOptions<boolean>): Setting<boolean, boolean, false>;
export function bool(options: FieldOptions<boolean>): Setting<boolean, boolean, boolean> {
  return field(
    options,
    "boolean",
    (value, ctx) => {
      if (typeof value !== "boolean") throw typeError(ctx, "true or false", value, options.fix);
      return value;
    },
    {
      fromEnv: (t) => {
        const lower = t.trim().toLowerCase();
        return TRUE_TEXT.has(lower) ? true : FALSE_TEXT.has(lower) ? false : t;
      },
    },
  );
}

/** A list of strings; environment text is comma-separated. */
export function list(
  options: WithDefault<FieldOptions<readonly string[]>>,
): Setting<readonly string[], readonly string[], true>;
export function list(
  options: FieldOptions<readonly string[]>,
): Setting<readonly string[], readonly string[], false>;
export function list(
  options: FieldOptions<readonly string[]>,
): Setting<readonly string[], readonly string[], boolean> {
  return field(
    options,
    "string[]",
    (value, ctx) => {
      if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) {
        throw typeError(ctx, "a list of strings", value, options.fix);
      }
      return [...(value as string[])];
    },
    { fromEnv: (t) => t.split(",").map((s) => s.trim()) },
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
