/**
 * Options of the I/O layer and their defaults. The client fills {@link IoOptions}
 * from its config and calls {@link normalizeIoOptions}; defaults live only here.
 *
 * @module
 */
import { ConfigError } from "../errors.js";
import { maskSecretsInText } from "../settings/redact.js";
import type { ReconnectPolicy } from "../transport/backoff.js";
import type { SelfId } from "../transport/types.js";

/** How to reach NapCat. */
export type ConnectionOptions =
  /** NcatBot connects to NapCat's WebSocket server (NapCat "WebSocket 服务器"). */
  | { mode: "forward-ws"; uri: string; token?: string | undefined }
  /** NapCat connects to NcatBot (NapCat "WebSocket 客户端"); token required. */
  | { mode: "reverse-ws"; host: string; port: number; path?: string | undefined; token: string }
  /** Actions over NapCat's HTTP server; events by HTTP POST (NapCat "HTTP 客户端") or SSE. */
  | {
      mode: "http";
      apiUrl: string;
      token?: string | undefined;
      events:
        | {
            mode: "http-post";
            host: string;
            port: number;
            path?: string | undefined;
            secret?: string | undefined;
          }
        | { mode: "sse"; url?: string | undefined };
    };

/** Everything the I/O thread needs. Only `connection` is required. */
export interface IoOptions {
  connection: ConnectionOptions;
  /** Default per-call timeout in ms (default {@link IO_DEFAULTS}.apiTimeoutMs = 30000). */
  apiTimeoutMs?: number;
  /** Reconnect policy (forward WS, SSE, HTTP probe); fields default from {@link IO_DEFAULTS}. */
  reconnect?: Partial<ReconnectPolicy>;
  /**
   * Silence watchdog: reconnect when no frame arrives for this long. Omitted: 2.5x the
   * `interval` of NapCat's heartbeat events; 0: off. Armed only once a heartbeat is seen.
   */
  heartbeatTimeoutMs?: number;
  /** `start()` gives up after this many ms (default 15000). */
  startTimeoutMs?: number;
  /** Warn (naming both ids) when the connected account differs. */
  expectedSelfId?: SelfId;
}

/** {@link IoOptions} with every default filled in. */
export interface NormalizedIoOptions {
  connection: ConnectionOptions;
  apiTimeoutMs: number;
  reconnect: ReconnectPolicy;
  heartbeatTimeoutMs: number | undefined;
  startTimeoutMs: number;
  expectedSelfId: SelfId | undefined;
}

/** Default values of the I/O options. */
export const IO_DEFAULTS = {
  apiTimeoutMs: 30_000,
  startTimeoutMs: 15_000,
  reconnect: {
    initialDelayMs: 500,
    maxDelayMs: 30_000,
    factor: 2,
    jitter: 0.2,
    maxAttempts: Number.POSITIVE_INFINITY,
  } satisfies ReconnectPolicy,
} as const;

function positive(
  key: string,
  value: number | undefined,
  fallback: number,
  allowZero = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    Number.isNaN(value) ||
    value < 0 ||
    (!allowZero && value === 0)
  ) {
    throw new ConfigError(
      key,
      `must be a positive number of milliseconds, got ${String(value)}`,
      `Set \`${key}\` to e.g. ${fallback}`,
    );
  }
  return value;
}

/** Fills defaults and validates; throws `ConfigError` naming the bad key. */
export function normalizeIoOptions(options: IoOptions): NormalizedIoOptions {
  const c = options.connection;
  if (c.mode === "forward-ws" && !/^wss?:\/\//i.test(c.uri)) {
    throw new ConfigError(
      "wsUri",
      `"${maskSecretsInText(c.uri)}" is not a ws:// or wss:// URI`,
      "Use a URI like ws://127.0.0.1:3001",
    );
  }
  if (c.mode === "reverse-ws" && !c.token) {
    throw new ConfigError(
      "wsToken",
      "the reverse WebSocket server needs a token",
      "Set `wsToken` (env NCATBOT_WS_TOKEN) and the same token in NapCat's WebSocket client",
    );
  }
  if (c.mode === "http" && !/^https?:\/\//i.test(c.apiUrl)) {
    throw new ConfigError(
      "connection.apiUrl",
      `"${maskSecretsInText(c.apiUrl)}" is not an http:// or https:// URL`,
      "Use a URL like http://127.0.0.1:3000",
    );
  }
  const r = options.reconnect ?? {};
  const d = IO_DEFAULTS.reconnect;
  const factor = r.factor ?? d.factor;
  const jitter = r.jitter ?? d.jitter;
  if (!(factor >= 1))
    throw new ConfigError("reconnect.factor", `must be >= 1, got ${factor}`, "Use e.g. 2");
  if (!(jitter >= 0 && jitter <= 1))
    throw new ConfigError(
      "reconnect.jitter",
      `must be between 0 and 1, got ${jitter}`,
      "Use e.g. 0.2",
    );
  return {
    connection: c,
    apiTimeoutMs: positive("apiTimeoutMs", options.apiTimeoutMs, IO_DEFAULTS.apiTimeoutMs),
    startTimeoutMs: positive("startTimeoutMs", options.startTimeoutMs, IO_DEFAULTS.startTimeoutMs),
    heartbeatTimeoutMs:
      options.heartbeatTimeoutMs === undefined
        ? undefined
        : positive("heartbeatTimeoutMs", options.heartbeatTimeoutMs, 0, true),
    expectedSelfId: options.expectedSelfId,
    reconnect: {
      initialDelayMs: positive(
        "reconnect.initialDelayMs",
        r.initialDelayMs,
        d.initialDelayMs,
        true,
      ),
      maxDelayMs: positive("reconnect.maxDelayMs", r.maxDelayMs, d.maxDelayMs),
      factor,
      jitter,
      maxAttempts: positive("reconnect.maxAttempts", r.maxAttempts, d.maxAttempts, true),
    },
  };
}
