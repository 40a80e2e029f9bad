/**
 * Declarative settings: each setting is declared once (type, default, environment
 * variable, aliases, docs) with a builder of ./fields.ts (`text`, `num`, `list`,
 * `record`, ...) and everything else is derived from that declaration:
 * the option types, the keys a YAML file may hold, the environment names, the
 * defaults, the `ConfigError`s (key, problem, fix) and the docs table.
 *
 * `BotClient`'s settings (src/client/settings.ts) and each plugin's settings
 * (src/plugin/config.ts, through the shorthand of ./shorthand.ts) use the same
 * {@link defineSettings}: a plugin's are compiled with `envPrefix` and resolved
 * with `keyPrefix`, so their errors, env names and docs come out the same way.
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
import { didYouMean } from "../did-you-mean.js";
import { ConfigError } from "../errors.js";

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
  /** Whether the value is a secret (stored as a `Secret`, shown masked). */
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
  /** Environment variable name to key (declared `env` names and those derived from `envPrefix`). */
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

/** Options of {@link defineSettings}. */
export interface DefineOptions {
  /**
   * Gives every setting that declares no `env` of its own the variable
   * `<envPrefix><KEY>` ({@link envName} of the key): a plugin's settings use
   * `NCATBOT_PLUGIN_<PLUGIN>_`. Omitted: only declared `env` names are read.
   */
  readonly envPrefix?: string | undefined;
}

/** An environment name from a key or plugin name: `maxCount` → `MAX_COUNT`, `my-plugin` → `MY_PLUGIN`. */
export function envName(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

/**
 * Declares a group of settings. Keys are looked up in Maps (a `__proto__` or
 * `constructor` key in a file is an unknown setting, never a prototype).
 */
export function defineSettings<const S extends SettingsShape>(
  shape: S,
  defineOptions: DefineOptions = {},
): Settings<S> {
  type Key = keyof S & string;
  const keys = Object.keys(shape) as Key[];
  const names = new Map<string, Key>();
  const envNames = new Map<string, Key>();
  /** Each key's environment variable (declared, or derived from `envPrefix`). */
  const envOf = new Map<Key, string>();
  for (const key of keys) {
    const setting = shape[key] as AnySetting;
    names.set(key, key);
    for (const alias of setting.aliases ?? []) names.set(alias, key);
    const env =
      setting.env ??
      (defineOptions.envPrefix !== undefined ? `${defineOptions.envPrefix}${envName(key)}` : "");
    if (env) {
      envNames.set(env, key);
      envOf.set(key, env);
    }
  }
  const how = (key: Key, keyPrefix = ""): string => {
    const env = envOf.get(key);
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
      const env = envOf.get(key);
      return `| ${names} | ${cell(s.typeText)} | ${cell(s.defaultText)} | ${env ? `\`${env}\`` : "—"} | ${cell(s.zh)} |`;
    });
    return [
      "| 设置 | 类型 | 默认值 | 环境变量 | 说明 |",
      "| --- | --- | --- | --- | --- |",
      ...rows,
    ].join("\n");
  }

  return { shape, keys, envNames, names, resolve, docsTable, how };
}
