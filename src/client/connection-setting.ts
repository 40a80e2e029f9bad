/**
 * The `connection` setting: which transport, and its own fields. Checked key by
 * key, so every error names the exact setting (`connection.events.port`).
 *
 * @module
 */
import { ConfigError } from "../errors.js";
import { describeValue } from "../settings/describe-value.js";
import { numberFits, parseSecret } from "../settings/fields.js";
import { maskSecretsInText } from "../settings/redact.js";
import type { SettingContext } from "../settings/schema.js";
import type { Secret } from "../settings/secret.js";

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
  token?: string | Secret;
}

/** HTTP POST events: NapCat POSTs each event to the bot's server. */
export interface HttpPostEvents {
  mode: "http-post";
  /** Port of the bot's server (NapCat's `httpClients[].url` points here). */
  port: number;
  /** Address to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Path to accept, default `/`. */
  path?: string;
  /** HMAC-SHA1 signing secret (NapCat's `secret`); proves the sender, not freshness. */
  secret?: string | Secret;
  /**
   * Drop an event whose `message_id` (or `time` + type + ids) was seen in the last
   * this many ms: OneBot's HTTP POST has no replay protection. Default: off.
   */
  dedupWindowMs?: number;
}

/** SSE events: the bot reads NapCat's event stream. */
export interface SseEvents {
  mode: "sse";
  /** NapCat's SSE URL. Default `<apiUrl>/_events`. */
  url?: string;
}

/** HTTP: the bot calls NapCat's HTTP server and receives events by HTTP POST or SSE. */
export interface HttpConnection {
  mode: "http";
  /** NapCat's HTTP server, e.g. `http://127.0.0.1:3000`. */
  apiUrl: string;
  /** Token for the HTTP server. Defaults to `wsToken`. */
  token?: string | Secret;
  /** How events arrive. */
  events: HttpPostEvents | SseEvents;
}

/** The transport to NapCat. */
export type ConnectionOption = ForwardWsConnection | ReverseWsConnection | HttpConnection;

type WithSecrets<T, K extends string> = Omit<T, K> & { [P in K]?: Secret };

/** `connection` once checked: every token and secret is a {@link Secret}. */
export type ResolvedConnection =
  | ForwardWsConnection
  | WithSecrets<ReverseWsConnection, "token">
  | (WithSecrets<Omit<HttpConnection, "events">, "token"> & {
      events: WithSecrets<HttpPostEvents, "secret"> | SseEvents;
    });

/** The fields of each connection mode and events mode. */
export const CONNECTION_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "forward-ws": ["mode"],
  "reverse-ws": ["mode", "host", "port", "path", "token"],
  http: ["mode", "apiUrl", "token", "events"],
  "http-post": ["mode", "port", "host", "path", "secret", "dedupWindowMs"],
  sse: ["mode", "url"],
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function sub(ctx: SettingContext, name: string): SettingContext {
  const key = `${ctx.key}.${name}`;
  return { key, where: ctx.where, how: `\`${key}\`` };
}

function record(value: unknown, ctx: SettingContext, example: string): Record<string, unknown> {
  if (!isRecord(value)) {
    throw new ConfigError(
      ctx.key,
      `expected an object in ${ctx.where}, got ${describeValue(value)}`,
      `Write it like ${example}`,
    );
  }
  return value;
}

function checkKeys(value: Record<string, unknown>, mode: string, ctx: SettingContext): void {
  const allowed = CONNECTION_FIELDS[mode] ?? [];
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new ConfigError(
        `${ctx.key}.${key}`,
        `not a setting of ${ctx.key} mode "${mode}" (in ${ctx.where})`,
        `Valid settings: ${allowed.map((k) => `${ctx.key}.${k}`).join(", ")}`,
      );
    }
  }
}

function mode(
  value: Record<string, unknown>,
  ctx: SettingContext,
  modes: readonly string[],
): string {
  const m = value.mode;
  if (typeof m !== "string" || !modes.includes(m)) {
    throw new ConfigError(
      `${ctx.key}.mode`,
      `unknown mode ${describeValue(m)} in ${ctx.where}`,
      `Use ${modes.map((x) => `"${x}"`).join(", ")}`,
    );
  }
  return m;
}

function port(value: unknown, ctx: SettingContext): number {
  if (!numberFits(value, { integer: true, min: 0, max: 65535 })) {
    throw new ConfigError(
      ctx.key,
      `must be a port number between 0 and 65535, got ${describeValue(value)} in ${ctx.where}`,
      `Set ${ctx.how} to the port, e.g. 8080 (0: any free port)`,
    );
  }
  return value;
}

function optionalText(value: unknown, ctx: SettingContext): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") {
    throw new ConfigError(
      ctx.key,
      `expected a string in ${ctx.where}, got ${describeValue(value)}`,
      `Set ${ctx.how} to a string`,
    );
  }
  return value;
}

function path(value: unknown, ctx: SettingContext): string | undefined {
  const p = optionalText(value, ctx);
  if (p !== undefined && !p.startsWith("/")) {
    throw new ConfigError(
      ctx.key,
      `must start with "/", got ${describeValue(p)} in ${ctx.where}`,
      `Set ${ctx.how} to e.g. "/onebot"`,
    );
  }
  return p;
}

/**
 * Checks a URL without ever echoing a credential: the error shows the URL masked,
 * and a URL carrying a token is refused (tokens go in their own setting).
 */
export function checkUrl(
  value: unknown,
  ctx: SettingContext,
  protocols: readonly string[],
  example: string,
  tokenSetting: string,
): string {
  if (typeof value !== "string") {
    throw new ConfigError(
      ctx.key,
      `expected a URL string in ${ctx.where}, got ${describeValue(value)}`,
      `Use e.g. ${example}`,
    );
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(
      ctx.key,
      `"${maskSecretsInText(value)}" is not a URL (in ${ctx.where})`,
      `Use e.g. ${example}`,
    );
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(
      ctx.key,
      `"${url.protocol}" URLs do not fit here (in ${ctx.where})`,
      `Use ${protocols.map((p) => `${p}//`).join(" or ")}, e.g. ${example}`,
    );
  }
  const query = [...url.searchParams.keys()].some((k) => /token|secret|authorization/i.test(k));
  if (url.username || url.password || query) {
    throw new ConfigError(
      ctx.key,
      `the URL carries credentials (in ${ctx.where})`,
      `Put the token in ${tokenSetting}, not in the URL`,
    );
  }
  return value;
}

function secretField(value: unknown, ctx: SettingContext): Secret | undefined {
  return value === undefined ? undefined : parseSecret(value, ctx);
}

/** Checks the `connection` setting (see {@link ConnectionOption}). */
export function parseConnection(value: unknown, ctx: SettingContext): ResolvedConnection {
  const c = record(value, ctx, '{ mode: "forward-ws" }');
  const m = mode(c, ctx, ["forward-ws", "reverse-ws", "http"]);
  checkKeys(c, m, ctx);
  if (m === "forward-ws") return { mode: "forward-ws" };
  if (m === "reverse-ws") {
    const host = optionalText(c.host, sub(ctx, "host"));
    const p = path(c.path, sub(ctx, "path"));
    const token = secretField(c.token, sub(ctx, "token"));
    return {
      mode: "reverse-ws",
      port: port(c.port, sub(ctx, "port")),
      ...(host !== undefined ? { host } : {}),
      ...(p !== undefined ? { path: p } : {}),
      ...(token !== undefined ? { token } : {}),
    };
  }
  const apiUrl = checkUrl(
    c.apiUrl,
    sub(ctx, "apiUrl"),
    ["http:", "https:"],
    "http://127.0.0.1:3000",
    "`connection.token` (or `wsToken`, env NCATBOT_WS_TOKEN)",
  );
  const token = secretField(c.token, sub(ctx, "token"));
  const eventsCtx = sub(ctx, "events");
  const e = record(c.events, eventsCtx, '{ mode: "sse" } or { mode: "http-post", port: 8080 }');
  const em = mode(e, eventsCtx, ["http-post", "sse"]);
  checkKeys(e, em, eventsCtx);
  let events: WithSecrets<HttpPostEvents, "secret"> | SseEvents;
  if (em === "sse") {
    const url =
      e.url === undefined
        ? undefined
        : checkUrl(
            e.url,
            sub(eventsCtx, "url"),
            ["http:", "https:"],
            "http://127.0.0.1:3000/_events",
            "`connection.token`",
          );
    events = { mode: "sse", ...(url !== undefined ? { url } : {}) };
  } else {
    const host = optionalText(e.host, sub(eventsCtx, "host"));
    const p = path(e.path, sub(eventsCtx, "path"));
    const signing = secretField(e.secret, sub(eventsCtx, "secret"));
    const dedup = e.dedupWindowMs;
    if (dedup !== undefined && !numberFits(dedup, { min: 0, max: 86_400_000 })) {
      throw new ConfigError(
        `${eventsCtx.key}.dedupWindowMs`,
        `must be a number of milliseconds between 0 and 86400000, got ${describeValue(dedup)} in ${ctx.where}`,
        "Set it to e.g. 60000 (one minute), or leave it out",
      );
    }
    events = {
      mode: "http-post",
      port: port(e.port, sub(eventsCtx, "port")),
      ...(host !== undefined ? { host } : {}),
      ...(p !== undefined ? { path: p } : {}),
      ...(signing !== undefined ? { secret: signing } : {}),
      ...(dedup !== undefined ? { dedupWindowMs: dedup as number } : {}),
    };
  }
  return { mode: "http", apiUrl, ...(token !== undefined ? { token } : {}), events };
}
