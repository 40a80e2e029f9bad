/**
 * Every `BotClient` setting, declared once. The option types (`BotClientOptions`),
 * the keys `ncatbot.config.yaml` may hold, the `NCATBOT_*` environment names, the
 * defaults, the validation errors and the docs table (docs/configuration.md) all
 * come from this one declaration.
 *
 * @module
 */
import type { CommandSettings } from "../command/messages.js";
import { ConfigError as ConfigErrorFor } from "../errors.js";
import { IO_DEFAULTS } from "../io/options.js";
import { isLoopbackHost } from "../message/media.js";
import { bool, custom, list, num, oneOf, secret, text } from "../settings/fields.js";
import { defineSettings } from "../settings/schema.js";
import { MAX_TIMER_MS } from "../transport/watchdog.js";
import {
  type ConnectionOption,
  parseConnection,
  type ResolvedConnection,
} from "./connection-setting.js";
import { parseReconnect, type ReconnectOption } from "./reconnect-setting.js";

const LOG_LEVELS = ["trace", "debug", "info", "warn", "error", "fatal", "silent"] as const;

/** A timeout setting in ms: positive, and small enough for Node's timers. */
const timeout = (doc: string, zh: string) =>
  ({ doc, zh, unit: "ms", positive: true, max: MAX_TIMER_MS }) as const;

function parseSelfId(value: unknown): number | string | undefined {
  if (typeof value === "number" && Number.isInteger(value) && value > 0) return value;
  if (typeof value === "string" && /^\d+$/.test(value)) return value;
  return undefined;
}

function parseRoot(value: unknown): readonly string[] | undefined {
  const items = Array.isArray(value)
    ? value
    : typeof value === "string"
      ? value.split(",")
      : [value];
  const out: string[] = [];
  for (const raw of items) {
    const item = typeof raw === "string" ? raw.trim() : raw;
    if (item === "") continue;
    const id = parseSelfId(item);
    if (id === undefined) return undefined;
    out.push(String(id));
  }
  return out;
}

/** The declaration of every setting (TSDoc on each key shows on `BotClientOptions` hover). */
export const BOT_SETTINGS = defineSettings({
  /** NapCat's WebSocket server. Default `ws://127.0.0.1:3001`. Env `NCATBOT_WS_URI`. */
  wsUri: text({
    doc: "NapCat's WebSocket server (forward WebSocket mode)",
    zh: "NapCat 的 WebSocket 服务器地址（正向 WS）",
    env: "NCATBOT_WS_URI",
    aliases: ["ws_uri"],
    default: "ws://127.0.0.1:3001",
  }),
  /** NapCat's access token (`token` in NapCat's network config). Env `NCATBOT_WS_TOKEN`. Printable ASCII. */
  wsToken: secret({
    doc: "NapCat's access token (`token` in NapCat's network settings)",
    zh: "NapCat 网络配置里的 token（访问令牌，只能是 ASCII 字符）",
    env: "NCATBOT_WS_TOKEN",
    aliases: ["ws_token"],
  }),
  /** Transport. Default: forward WebSocket to `wsUri`. */
  connection: custom<ConnectionOption, ResolvedConnection>(
    {
      doc: "The transport: forward-ws, reverse-ws, or http (+ http-post / sse events)",
      zh: "连接方式：`forward-ws`、`reverse-ws` 或 `http`（事件走 HTTP POST 或 SSE），见 connect.md",
      typeText: "object",
      default: { mode: "forward-ws" },
      defaultText: '{ mode: "forward-ws" }',
    },
    parseConnection,
  ),
  /** The bot's QQ number, if you want NcatBot to check it (NcatBot's `bt_uin`). Env `NCATBOT_SELF_ID`. */
  selfId: custom<number | string, number | string>(
    {
      doc: "The bot's QQ number, checked against the connected account (NcatBot's `bt_uin`)",
      zh: "机器人的 QQ 号；设置后会与 NapCat 登录的账号核对（NcatBot 的 `bt_uin`）",
      typeText: "number | string",
      env: "NCATBOT_SELF_ID",
      aliases: ["bt_uin", "self_id"],
    },
    (value, ctx) => {
      const id = parseSelfId(value);
      if (id === undefined) {
        throw new ConfigErrorFor(
          ctx.key,
          `must be a QQ number, got ${typeof value} in ${ctx.where}`,
          `Set ${ctx.how} to the bot's QQ number, e.g. 123456789`,
        );
      }
      return id;
    },
  ),
  /** How long an action may take before `ActionTimeoutError`. Default 30000. Env `NCATBOT_API_TIMEOUT_MS`. */
  apiTimeoutMs: num({
    ...timeout(
      "How long an action may take before ActionTimeoutError",
      "一次 API 调用的超时（毫秒）",
    ),
    env: "NCATBOT_API_TIMEOUT_MS",
    aliases: ["api_timeout_ms"],
    default: IO_DEFAULTS.apiTimeoutMs,
  }),
  /** Reconnect policy, or `false` to never reconnect. Default: forever, 0.5 s doubling to 30 s, 20 % jitter. */
  reconnect: custom<ReconnectOption | false, ReconnectOption | false>(
    {
      doc: "Reconnect policy, or false to never reconnect",
      zh: "断线重连策略（`initialDelayMs`、`maxDelayMs`、`factor`、`jitter`、`maxAttempts`），`false` 表示不重连",
      typeText: "object | false",
      default: {},
      defaultText: "从 500 ms 起每次翻倍，最多 30 s，20 % 抖动，永远重试",
    },
    parseReconnect,
  ),
  /** Reconnect when no frame arrives for this long. Default: 2.5x NapCat's heartbeat interval; 0: off. */
  heartbeatTimeoutMs: num({
    doc: "Reconnect when no frame arrives for this long (0: off)",
    zh: "这么久收不到任何帧就重连（毫秒，0 关闭）",
    unit: "ms",
    min: 0,
    max: MAX_TIMER_MS,
    defaultText: "NapCat 心跳间隔的 2.5 倍",
  }),
  /** How long `start()` may wait for the first connection. Default 15000. */
  startTimeoutMs: num({
    ...timeout(
      "How long start() may wait for the first connection",
      "`start()` 等待首次连接的最长时间（毫秒）",
    ),
    default: IO_DEFAULTS.startTimeoutMs,
  }),
  /** Log a handler still running after this many ms. Default: off. */
  handlerTimeoutMs: num(
    timeout(
      "Log a handler still running after this many ms",
      "回调运行超过这么久就记一条警告（毫秒）",
    ),
  ),
  /**
   * Whether NapCat runs on this machine, so local files can be sent as `file://`.
   * Default: true when the NapCat address is loopback.
   */
  napcatIsLocal: bool({
    doc: "Whether NapCat runs on this machine (local files go as file://)",
    zh: "NapCat 是否在本机（本机时本地文件用 `file://` 发送）",
    default: (r) => isLoopbackHost(napcatAddress(r)),
    defaultText: "NapCat 地址是 127.0.0.1 / localhost 时为 true",
  }),
  /** Log level. Default `info`. Env `NCATBOT_LOG_LEVEL`. */
  logLevel: oneOf(LOG_LEVELS, {
    doc: "Log level",
    zh: "日志级别",
    env: "NCATBOT_LOG_LEVEL",
    aliases: ["log_level"],
    default: "info",
  }),
  /** `pretty` (default on a terminal) or `json`. Env `NCATBOT_LOG_FORMAT`. */
  logFormat: oneOf(["pretty", "json"], {
    doc: "Log format",
    zh: "日志格式：`pretty`（人读）或 `json`（日志收集）",
    env: "NCATBOT_LOG_FORMAT",
    aliases: ["log_format"],
    defaultText: "终端上 pretty，否则 json",
  }),

  // ---------------------------------------------------------------- plugins (issue 14)
  /** Folder of plugin folders loaded at start, or `false` for none. Default `plugins`. Env `NCATBOT_PLUGINS_DIR`. */
  pluginsDir: custom<string | false, string | false>(
    {
      doc: "Folder of plugin folders loaded at start, or false for none",
      zh: "插件目录（启动时加载其中每个插件），`false` 表示不加载",
      typeText: "string | false",
      env: "NCATBOT_PLUGINS_DIR",
      aliases: ["plugins_dir"],
      default: "plugins",
    },
    (value, ctx) => {
      if (value === false || typeof value === "string") return value;
      throw new ConfigErrorFor(
        ctx.key,
        `expected a folder or false in ${ctx.where}`,
        `Set ${ctx.how} to a folder, e.g. "plugins"`,
      );
    },
  ),
  /** Where plugins keep their data (`<dataDir>/<plugin>/`). Default `data`. Env `NCATBOT_DATA_DIR`. */
  dataDir: text({
    doc: "Where plugins keep their data",
    zh: "插件数据目录",
    env: "NCATBOT_DATA_DIR",
    aliases: ["data_dir"],
    default: "data",
  }),
  /** Reload a plugin when a file in its folder changes (what `ncatbot dev` sets). Default false. */
  hotReload: bool({
    doc: "Reload a plugin when its files change (ncatbot dev)",
    zh: "插件文件变化时自动重新加载（`ncatbot dev` 会打开）",
    env: "NCATBOT_HOT_RELOAD",
    aliases: ["hot_reload"],
    default: false,
  }),
  /** IANA time zone of scheduled tasks (`Asia/Shanghai`). Default: the machine's. Env `NCATBOT_TIME_ZONE`. */
  timeZone: text({
    doc: "IANA time zone of scheduled tasks",
    zh: "定时任务使用的时区（IANA 名称，如 `Asia/Shanghai`）",
    env: "NCATBOT_TIME_ZONE",
    aliases: ["time_zone"],
    defaultText: "本机时区",
    check: (zone) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: zone });
        return undefined;
      } catch {
        return `unknown time zone ${JSON.stringify(zone)}`;
      }
    },
    fix: 'Use an IANA time zone name, e.g. "Asia/Shanghai"',
  }),

  // ---------------------------------------------------------------- commands (issue 15)
  /** The QQ number(s) with every permission (role `root`). Env `NCATBOT_ROOT` (comma-separated). */
  root: custom<number | string | ReadonlyArray<number | string>, readonly string[]>(
    {
      doc: "QQ number(s) with every permission",
      zh: "拥有全部权限的 QQ 号（可以是列表）",
      typeText: "number | string | list",
      env: "NCATBOT_ROOT",
      default: [],
      defaultText: "无",
    },
    (value, ctx) => {
      const ids = parseRoot(value);
      if (ids === undefined) {
        throw new ConfigErrorFor(
          ctx.key,
          `expected QQ numbers in ${ctx.where}`,
          `Set ${ctx.how} to a QQ number or a list of them`,
        );
      }
      return ids;
    },
    (t) => t.split(",").map((s) => s.trim()),
  ),
  /** Replies, built-in commands and the permission file of commands (see docs/commands.md). */
  commands: custom<CommandSettings, CommandSettings>(
    {
      doc: "Replies, built-in commands and the permission file of commands",
      zh: "命令系统的回复文字、内置命令和权限文件（见 commands.md）",
      typeText: "object",
      default: {},
      defaultText: "{}",
    },
    (value, ctx) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        throw new ConfigErrorFor(
          ctx.key,
          `expected an object in ${ctx.where}`,
          `Write ${ctx.how} as a mapping (see docs/commands.md)`,
        );
      }
      return value as CommandSettings;
    },
  ),
  /** Prefixes of commands. Default `["/", "!"]`; `[]` makes every command a keyword. */
  commandPrefixes: list({
    doc: "Prefixes of commands",
    zh: "命令前缀；`[]` 表示命令不需要前缀",
    env: "NCATBOT_COMMAND_PREFIXES",
    aliases: ["command_prefixes"],
    default: ["/", "!"],
  }),
});

/** The address NcatBot talks to, for `napcatIsLocal`'s default. */
function napcatAddress(resolved: Readonly<Record<string, unknown>>): string {
  const connection = resolved.connection as ResolvedConnection | undefined;
  if (connection?.mode === "http") return connection.apiUrl;
  if (connection?.mode === "reverse-ws") return "ws://127.0.0.1";
  return String(resolved.wsUri ?? "");
}
