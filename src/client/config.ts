/**
 * Bot configuration: constructor options, then `ncatbot.config.yaml`, then
 * `NCATBOT_*` environment variables, each overriding the one before. The config
 * file is read, never written.
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import type { CommandSettings } from "../command/messages.js";
import { ConfigError } from "../errors.js";
import { IO_DEFAULTS } from "../io/options.js";
import { isLoopbackHost } from "../message/media.js";
import type { LogFormat, LogLevel } from "./logger.js";

/** Forward WebSocket: NapCat is the server, the bot connects (the default). */
export interface ForwardWsConnection {
  mode: "forward-ws";
}

/** Reverse WebSocket: the bot listens, NapCat connects (one or several accounts). */
export interface ReverseWsConnection {
  mode: "reverse-ws";
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on (NapCat's `websocketClients[].url` points here). */
  port: number;
  /** Path to accept, default `/`. */
  path?: string;
  /** Token NapCat must present. Defaults to `wsToken`. Required. */
  token?: string;
}

/** HTTP: the bot calls NapCat's HTTP server and receives events by HTTP POST or SSE. */
export interface HttpConnection {
  mode: "http";
  /** NapCat's HTTP server, e.g. `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** Token for the HTTP server. Defaults to `wsToken`. */
  token?: string;
  /** How events arrive. */
  events:
    | { mode: "http-post"; port: number; host?: string; path?: string; secret?: string }
    | { mode: "sse"; url?: string };
}

/** The transport to NapCat. */
export type ConnectionOption = ForwardWsConnection | ReverseWsConnection | HttpConnection;

/** Reconnect policy: capped exponential backoff with jitter. */
export interface ReconnectOption {
  initialDelayMs?: number;
  maxDelayMs?: number;
  factor?: number;
  /** 0..1: fraction of each delay that is random. */
  jitter?: number;
  /** Give up after this many failed attempts. Default: never. */
  maxAttempts?: number;
}

/** Everything `new BotClient(options)` accepts. All optional. */
export interface BotClientOptions {
  /** NapCat's WebSocket server. Default `ws://127.0.0.1:3001`. Env `NCATBOT_WS_URI`. */
  wsUri?: string;
  /** NapCat's access token (`token` in NapCat's network config). Env `NCATBOT_WS_TOKEN`. */
  wsToken?: string;
  /** Transport. Default: forward WebSocket to `wsUri`. */
  connection?: ConnectionOption;
  /** The bot's QQ number, if you want NcatBot to check it (NcatBot's `bt_uin`). Env `NCATBOT_SELF_ID`. */
  selfId?: number | string;
  /** How long an action may take before `ActionTimeoutError`. Default 30000. Env `NCATBOT_API_TIMEOUT_MS`. */
  apiTimeoutMs?: number;
  /** Reconnect policy, or `false` to never reconnect. Default: forever, 0.5 s doubling to 30 s, 20 % jitter. */
  reconnect?: ReconnectOption | false;
  /** Reconnect when no frame arrives for this long. Default: 2.5x NapCat's heartbeat interval. */
  heartbeatTimeoutMs?: number;
  /** How long `start()` may wait for the first connection. Default 15000. */
  startTimeoutMs?: number;
  /** Log a handler still running after this many ms. Default: off. */
  handlerTimeoutMs?: number;
  /**
   * Whether NapCat runs on this machine, so local files can be sent as `file://`.
   * Default: true when the NapCat address is loopback.
   */
  napcatIsLocal?: boolean;
  /** Log level. Default `info`. Env `NCATBOT_LOG_LEVEL`. */
  logLevel?: LogLevel;
  /** `pretty` (default on a terminal) or `json`. Env `NCATBOT_LOG_FORMAT`. */
  logFormat?: LogFormat;
  /** Config file to read, or `false` for none. Default `ncatbot.config.yaml` if present. Env `NCATBOT_CONFIG`. */
  configFile?: string | false;

  // ---- plugins (see docs/plugins.md) ----
  /** Folder of plugin folders loaded at start, or `false` for none. Default `plugins` (if it exists). Env `NCATBOT_PLUGINS_DIR`. */
  pluginsDir?: string | false;
  /** Where plugins keep their data (`<dataDir>/<plugin>/data.json`). Default `data`. Env `NCATBOT_DATA_DIR`. */
  dataDir?: string;
  /** Plugin classes or `definePlugin(...)` results to load at start, besides `pluginsDir`. */
  plugins?: readonly unknown[];
  /** Reload a plugin when a file in its folder changes (what `ncatbot dev` sets). Default false. */
  hotReload?: boolean;
  /** IANA time zone of daily and cron tasks (`Asia/Shanghai`). Default: the machine's. Env `NCATBOT_TIME_ZONE`. */
  timeZone?: string;
  // -- commands (see docs/commands.md)
  /** The QQ number(s) with every permission (role `root`). Env `NCATBOT_ROOT` (comma-separated). */
  root?: number | string | ReadonlyArray<number | string>;
  /** Prefixes of commands. Default `["/", "!"]`; `[]` makes every command a keyword. */
  commandPrefixes?: readonly string[];
  /** Replies, built-in commands and the permission file of commands. */
  commands?: CommandSettings;
}

/** The settings after every source is merged and checked. */
export interface ResolvedConfig {
  wsUri: string;
  wsToken: string | undefined;
  connection: ConnectionOption;
  selfId: number | string | undefined;
  apiTimeoutMs: number;
  reconnect: ReconnectOption | false;
  heartbeatTimeoutMs: number | undefined;
  startTimeoutMs: number;
  handlerTimeoutMs: number | undefined;
  napcatIsLocal: boolean;
  logLevel: LogLevel;
  logFormat: LogFormat | undefined;
  /** The config file that was read, if any. */
  configFile: string | undefined;
  /** Where the config file is or would be (for `setConfig`); undefined with `configFile: false`. */
  configPath: string | undefined;
  pluginsDir: string | false;
  /** True when `pluginsDir` was given (then a missing folder is an error). */
  pluginsDirExplicit: boolean;
  dataDir: string;
  hotReload: boolean;
  timeZone: string | undefined;
  /** The config file's `plugins:` section: each plugin's settings by plugin name. */
  pluginSettings: Readonly<Record<string, unknown>>;
  /** `root` as a list of QQ numbers (strings). */
  root: readonly string[];
  commandPrefixes: readonly string[];
  commands: CommandSettings;
}

/** The defaults, in one place. */
export const DEFAULTS = {
  wsUri: "ws://127.0.0.1:3001",
  apiTimeoutMs: IO_DEFAULTS.apiTimeoutMs,
  startTimeoutMs: IO_DEFAULTS.startTimeoutMs,
  configFile: "ncatbot.config.yaml",
} as const;

type Kind =
  | "string"
  | "number"
  | "boolean"
  | "object"
  | "string|number"
  | "object|false"
  | "string|false"
  | "string[]"
  | "string|number|array";

/** Every key a config file may hold, with its type. NcatBot (Python) names are aliases. */
const KEYS: Readonly<Record<string, Kind>> = {
  wsUri: "string",
  wsToken: "string",
  connection: "object",
  selfId: "string|number",
  apiTimeoutMs: "number",
  reconnect: "object|false",
  heartbeatTimeoutMs: "number",
  startTimeoutMs: "number",
  handlerTimeoutMs: "number",
  napcatIsLocal: "boolean",
  logLevel: "string",
  logFormat: "string",
  pluginsDir: "string|false",
  dataDir: "string",
  hotReload: "boolean",
  timeZone: "string",
  plugins: "object",
  root: "string|number|array",
  commandPrefixes: "string[]",
  commands: "object",
};

const ALIASES: Readonly<Record<string, string>> = {
  ws_uri: "wsUri",
  ws_token: "wsToken",
  bt_uin: "selfId",
  self_id: "selfId",
  api_timeout_ms: "apiTimeoutMs",
  log_level: "logLevel",
};

const ENV: Readonly<Record<string, string>> = {
  NCATBOT_WS_URI: "wsUri",
  NCATBOT_WS_TOKEN: "wsToken",
  NCATBOT_SELF_ID: "selfId",
  NCATBOT_API_TIMEOUT_MS: "apiTimeoutMs",
  NCATBOT_LOG_LEVEL: "logLevel",
  NCATBOT_LOG_FORMAT: "logFormat",
  NCATBOT_PLUGINS_DIR: "pluginsDir",
  NCATBOT_DATA_DIR: "dataDir",
  NCATBOT_TIME_ZONE: "timeZone",
  NCATBOT_ROOT: "root",
};

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"];

function kindMatches(kind: Kind, value: unknown): boolean {
  switch (kind) {
    case "string|number":
      return typeof value === "string" || typeof value === "number";
    case "object":
      return typeof value === "object" && value !== null && !Array.isArray(value);
    case "object|false":
      return value === false || (typeof value === "object" && value !== null);
    case "string|false":
      return value === false || typeof value === "string";
    case "string[]":
      return Array.isArray(value) && value.every((v) => typeof v === "string");
    case "string|number|array":
      return (Array.isArray(value) ? value : [value]).every(
        (v) => typeof v === "string" || typeof v === "number",
      );
    default:
      return typeof value === kind;
  }
}

/** Checks one source's keys and types; `where` names the source in errors. */
function checkSource(raw: Record<string, unknown>, where: string): Partial<BotClientOptions> {
  const out: Record<string, unknown> = {};
  for (const [given, value] of Object.entries(raw)) {
    const key = ALIASES[given] ?? given;
    const kind = KEYS[key];
    if (!kind) {
      throw new ConfigError(
        given,
        `unknown setting in ${where}`,
        `Valid settings: ${Object.keys(KEYS).join(", ")}.`,
      );
    }
    if (!kindMatches(kind, value)) {
      throw new ConfigError(
        key,
        `expected ${kind.replace("|", " or ")} in ${where}, got ${value === null ? "null" : typeof value}`,
        "Fix the value's type.",
      );
    }
    out[key] = value;
  }
  return out as Partial<BotClientOptions>;
}

function readConfigFile(path: string, explicit: boolean): Partial<BotClientOptions> {
  if (!existsSync(path)) {
    if (explicit) {
      throw new ConfigError(
        "configFile",
        `file not found: ${path}`,
        "Create it or point `configFile` / NCATBOT_CONFIG at the right file.",
      );
    }
    return {};
  }
  let parsed: unknown;
  try {
    // Loaded only when a config file exists: most bots start without one.
    const yaml = createRequire(import.meta.url)("yaml") as typeof import("yaml");
    parsed = yaml.parse(readFileSync(path, "utf8"));
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ConfigError(
      "configFile",
      `${path} is not valid YAML (${reason})`,
      "Fix the YAML syntax.",
    );
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) {
    throw new ConfigError(
      "configFile",
      `${path} must hold a mapping of settings`,
      "Write `key: value` lines, e.g. `wsUri: ws://127.0.0.1:3001`.",
    );
  }
  return checkSource(parsed as Record<string, unknown>, path);
}

function readEnv(env: NodeJS.ProcessEnv): Partial<BotClientOptions> {
  const out: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(ENV)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    if (KEYS[key] === "number") {
      const n = Number(value);
      if (!Number.isFinite(n)) {
        throw new ConfigError(
          key,
          `${name}=${value} is not a number`,
          `Set ${name} to a number of milliseconds.`,
        );
      }
      out[key] = n;
    } else {
      out[key] = value;
    }
  }
  return out as Partial<BotClientOptions>;
}

function positive(key: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
    throw new ConfigError(
      key,
      `must be a positive number of milliseconds, got ${value}`,
      `Set ${key} to e.g. 30000.`,
    );
  }
}

function checkWsUri(uri: string): void {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    throw new ConfigError(
      "wsUri",
      `"${uri}" is not a URL`,
      "Use e.g. ws://127.0.0.1:3001 (NapCat's WebSocket server).",
    );
  }
  if (url.protocol !== "ws:" && url.protocol !== "wss:") {
    throw new ConfigError(
      "wsUri",
      `"${url.protocol}" URLs are not WebSocket URLs`,
      'Use ws:// or wss://, e.g. ws://127.0.0.1:3001. For NapCat\'s HTTP server use `connection: { mode: "http" }`.',
    );
  }
  if (url.username || url.password || url.searchParams.has("access_token")) {
    throw new ConfigError(
      "wsUri",
      "the URL carries credentials",
      "Put the token in `wsToken` (env NCATBOT_WS_TOKEN), not in the URL.",
    );
  }
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
  const given = checkSource(settings as Record<string, unknown>, "BotClient options");
  const fileSetting = env.NCATBOT_CONFIG ?? configFile;
  const explicitFile = typeof fileSetting === "string";
  const filePath = fileSetting === false ? undefined : resolve(fileSetting ?? DEFAULTS.configFile);
  const fromFile = filePath ? readConfigFile(filePath, explicitFile) : {};
  const merged: BotClientOptions = { ...given, ...fromFile, ...readEnv(env) };

  const wsUri = merged.wsUri ?? DEFAULTS.wsUri;
  const connection = merged.connection ?? { mode: "forward-ws" };
  if (connection.mode === "forward-ws") checkWsUri(wsUri);
  else if (!["reverse-ws", "http"].includes(connection.mode)) {
    throw new ConfigError(
      "connection.mode",
      `unknown mode "${String((connection as { mode: unknown }).mode)}"`,
      'Use "forward-ws", "reverse-ws" or "http".',
    );
  }
  // Timeouts the I/O layer uses are checked by normalizeIoOptions (see BotClient); this one is ours.
  positive("handlerTimeoutMs", merged.handlerTimeoutMs);
  const logLevel = merged.logLevel ?? "info";
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      "logLevel",
      `unknown level "${logLevel}"`,
      `Use one of ${LOG_LEVELS.join(", ")}.`,
    );
  }
  if (
    merged.logFormat !== undefined &&
    merged.logFormat !== "pretty" &&
    merged.logFormat !== "json"
  ) {
    throw new ConfigError(
      "logFormat",
      `unknown format "${String(merged.logFormat)}"`,
      'Use "pretty" or "json".',
    );
  }
  const napcatAddress =
    connection.mode === "http"
      ? connection.apiUrl
      : connection.mode === "reverse-ws"
        ? "ws://127.0.0.1"
        : wsUri;

  return {
    wsUri,
    wsToken: merged.wsToken,
    connection,
    selfId: merged.selfId,
    apiTimeoutMs: merged.apiTimeoutMs ?? DEFAULTS.apiTimeoutMs,
    reconnect: merged.reconnect ?? {},
    heartbeatTimeoutMs: merged.heartbeatTimeoutMs,
    startTimeoutMs: merged.startTimeoutMs ?? DEFAULTS.startTimeoutMs,
    handlerTimeoutMs: merged.handlerTimeoutMs,
    napcatIsLocal: merged.napcatIsLocal ?? isLoopbackHost(napcatAddress),
    logLevel: logLevel as LogLevel,
    logFormat: merged.logFormat,
    configFile: filePath && existsSync(filePath) ? filePath : undefined,
    configPath: filePath,
    pluginsDir: merged.pluginsDir ?? "plugins",
    pluginsDirExplicit: merged.pluginsDir !== undefined,
    dataDir: merged.dataDir ?? "data",
    hotReload: merged.hotReload ?? false,
    timeZone: merged.timeZone,
    pluginSettings: (fromFile as unknown as { plugins?: Record<string, unknown> }).plugins ?? {},
    root: rootList(merged.root),
    commandPrefixes: merged.commandPrefixes ?? ["/", "!"],
    commands: merged.commands ?? {},
  };
}

/** `root` as QQ number strings (`"1, 2"` from the environment is split on commas). */
function rootList(root: BotClientOptions["root"]): readonly string[] {
  if (root === undefined) return [];
  const list = Array.isArray(root) ? root : String(root).split(",");
  const out = list.map((v) => String(v).trim()).filter((v) => v !== "");
  for (const id of out) {
    if (!/^\d+$/.test(id)) {
      throw new ConfigError(
        "root",
        `"${id}" is not a QQ number`,
        "List QQ numbers, e.g. root: [12345678].",
      );
    }
  }
  return out;
}
