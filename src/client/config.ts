/**
 * Bot configuration: constructor options, then `ncatbot.config.yaml`, then
 * `NCATBOT_*` environment variables, each overriding the one before. The config
 * file is read, never written. Every setting is declared once in
 * {@link BOT_SETTINGS} (src/client/settings.ts); this file reads the sources and
 * runs the checks that involve several settings.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { inspect } from "node:util";
import { ConfigError } from "../errors.js";
import type { Clock } from "../handle/clock.js";
import { lazyRequire } from "../lazy-require.js";
import { maskSecrets } from "../settings/redact.js";
import type { SettingsInput, SettingsOutput } from "../settings/schema.js";
import { Secret } from "../settings/secret.js";
import { CONNECTION_FIELDS, checkUrl } from "./connection-setting.js";
import type { BotLogger } from "./logger.js";
import { RECONNECT_FIELDS } from "./reconnect-setting.js";
import { BOT_SETTINGS } from "./settings.js";

export type {
  ConnectionOption,
  ForwardWsConnection,
  HttpConnection,
  HttpPostEvents,
  ResolvedConnection,
  ReverseWsConnection,
  SseEvents,
} from "./connection-setting.js";
export type { ReconnectOption } from "./reconnect-setting.js";
export { BOT_SETTINGS } from "./settings.js";

const yaml = lazyRequire<typeof import("yaml")>("yaml");

type Declared = typeof BOT_SETTINGS.shape;

/** Everything `new BotClient(options)` accepts. All optional. Each setting's TSDoc is in src/client/settings.ts. */
export interface BotClientOptions extends SettingsInput<Declared> {
  /** Config file to read, or `false` for none. Default `ncatbot.config.yaml` if present. Env `NCATBOT_CONFIG`. */
  configFile?: string | false;
  /** Plugin classes or `definePlugin(...)` results to load at start, besides `pluginsDir` (not a file setting). */
  plugins?: readonly unknown[];
}

/** Extra constructor arguments that are objects rather than settings. */
export interface BotClientExtras {
  /** Use this logger instead of creating one. */
  logger?: BotLogger;
  /** Environment to read `NCATBOT_*` from. Default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The clock scheduled tasks use. Default: the machine's (tests pass a manual one). */
  clock?: Clock;
}

/**
 * The settings after every source is merged and checked. Tokens are {@link Secret}s:
 * logging, inspecting or `JSON.stringify`-ing the config shows `***`.
 */
export interface ResolvedConfig extends SettingsOutput<Declared> {
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
  /** Where the config file is or would be; undefined with `configFile: false`. */
  readonly configPath: string | undefined;
  /** True when `pluginsDir` was given by a source (then a missing folder is an error). */
  readonly pluginsDirExplicit: boolean;
  /** The config file's `plugins:` section, untouched: each plugin's settings by plugin name. */
  readonly pluginSettings: Readonly<Record<string, unknown>>;
}

/** The defaults of the settings that have a plain one, in one place (derived from the schema). */
export const DEFAULTS = {
  wsUri: BOT_SETTINGS.shape.wsUri.default,
  apiTimeoutMs: BOT_SETTINGS.shape.apiTimeoutMs.default,
  startTimeoutMs: BOT_SETTINGS.shape.startTimeoutMs.default,
  configFile: "ncatbot.config.yaml",
} as const;

/** The environment variable naming the config file. */
export const CONFIG_FILE_ENV = "NCATBOT_CONFIG";

/**
 * Every setting path a user can set (`wsToken`, `connection.events.port`,
 * `reconnect.factor`, `configFile`): error messages may only name these.
 */
export const SETTING_PATHS: ReadonlySet<string> = new Set([
  ...BOT_SETTINGS.keys,
  "configFile",
  "plugins",
  ...["reverse-ws", "http"].flatMap((m) =>
    (CONNECTION_FIELDS[m] ?? []).map((f) => `connection.${f}`),
  ),
  ...["http-post", "sse"].flatMap((m) =>
    (CONNECTION_FIELDS[m] ?? []).map((f) => `connection.events.${f}`),
  ),
  ...Object.keys(RECONNECT_FIELDS).map((f) => `reconnect.${f}`),
]);

/** Every environment variable NcatBot reads: the settings' and {@link CONFIG_FILE_ENV}. */
export const SETTING_ENV_NAMES: ReadonlySet<string> = new Set([
  ...BOT_SETTINGS.envNames.keys(),
  "NCATBOT_CONFIG",
]);

/** Keys a config file may hold besides the settings: passed on untouched. */
const FILE_SECTIONS = ["plugins"] as const;

interface FileContents {
  values: Record<string, unknown>;
  pluginSettings: Record<string, unknown>;
}

function readConfigFile(path: string, explicit: boolean): FileContents | undefined {
  if (!existsSync(path)) {
    if (explicit) {
      throw new ConfigError(
        "configFile",
        `file not found: ${path}`,
        `Create it or point \`configFile\` / ${CONFIG_FILE_ENV} at the right file`,
      );
    }
    return undefined;
  }
  let parsed: unknown;
  try {
    // Loaded only when a config file exists: most bots start without one.
    parsed = yaml().parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigError(
      "configFile",
      `${path} is not valid YAML (${reason})`,
      "Fix the YAML syntax",
    );
  }
  if (parsed === null || parsed === undefined) return { values: {}, pluginSettings: {} };
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(
      "configFile",
      `${path} must hold a mapping of settings`,
      "Write `key: value` lines, e.g. `wsUri: ws://127.0.0.1:3001`",
    );
  }
  const { plugins, ...values } = parsed as Record<string, unknown>;
  if (
    plugins !== undefined &&
    plugins !== null &&
    (typeof plugins !== "object" || Array.isArray(plugins))
  ) {
    throw new ConfigError(
      "plugins",
      `the plugins section of ${path} must be a mapping of plugin names to their settings`,
      "Write `plugins:` then one `<plugin name>:` block per plugin",
    );
  }
  return { values, pluginSettings: (plugins as Record<string, unknown> | null | undefined) ?? {} };
}

function checkWsUri(uri: string, where: string): void {
  checkUrl(
    uri,
    { key: "wsUri", where, how: BOT_SETTINGS.how("wsUri") },
    ["ws:", "wss:"],
    'ws://127.0.0.1:3001 (NapCat\'s WebSocket server; for its HTTP server use `connection: { mode: "http" }`)',
    "`wsToken` (env NCATBOT_WS_TOKEN)",
  );
}

/** Makes `util.inspect(config)` and `JSON.stringify(config)` show every secret masked. */
function masked<T extends object>(config: T): T {
  Object.defineProperties(config, {
    toJSON: { value: () => maskSecrets({ ...config }), enumerable: false },
    [inspect.custom]: {
      value: (_depth: number, options: object) => inspect(maskSecrets({ ...config }), options),
      enumerable: false,
    },
  });
  return config;
}

/**
 * Merges options, config file and environment (later wins), checks every value
 * and fills the defaults. Throws {@link ConfigError} naming the bad setting.
 */
export function resolveConfig(
  options: BotClientOptions = {},
  env: NodeJS.ProcessEnv = process.env,
): ResolvedConfig {
  const { configFile, plugins: _pluginClasses, ...settings } = options;
  if (configFile !== undefined && configFile !== false && typeof configFile !== "string") {
    throw new ConfigError(
      "configFile",
      "expected a file path or false",
      "Set `configFile` to a path, or false for none",
    );
  }
  const envFile = env[CONFIG_FILE_ENV];
  const fileSetting = envFile !== undefined && envFile !== "" ? envFile : configFile;
  const explicitFile = typeof fileSetting === "string";
  const filePath = fileSetting === false ? undefined : resolve(fileSetting ?? DEFAULTS.configFile);
  const file = filePath ? readConfigFile(filePath, explicitFile) : undefined;

  const sources = [{ where: "BotClient options", values: settings as Record<string, unknown> }];
  if (file && filePath) sources.push({ where: filePath, values: file.values });
  const values = BOT_SETTINGS.resolve(sources, { env, passThrough: FILE_SECTIONS });

  if (values.connection.mode === "forward-ws") checkWsUri(values.wsUri, "the settings");
  if (
    values.connection.mode === "reverse-ws" &&
    !(values.connection.token ?? values.wsToken)?.isSet
  ) {
    throw new ConfigError(
      "wsToken",
      "the reverse WebSocket server needs a token",
      "Set `wsToken` (env NCATBOT_WS_TOKEN) or `connection.token`, and the same token in NapCat's WebSocket client",
    );
  }
  const pluginsDirGiven =
    sources.some((s) => s.values.pluginsDir !== undefined || s.values.plugins_dir !== undefined) ||
    Boolean(env.NCATBOT_PLUGINS_DIR);
  return masked({
    ...values,
    configFile: filePath && file ? filePath : undefined,
    configPath: filePath,
    pluginsDirExplicit: pluginsDirGiven,
    pluginSettings: file?.pluginSettings ?? {},
  });
}

/** The real value of an optional secret (for transports), `undefined` when unset or empty. */
export function reveal(secret: Secret | undefined): string | undefined {
  return secret instanceof Secret && secret.isSet ? secret.reveal() : undefined;
}
