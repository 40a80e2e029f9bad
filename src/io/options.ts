/**
 * Options of the I/O layer and their defaults. The client fills {@link IoOptions}
 * from its checked config; {@link normalizeIoOptions} fills the defaults, which live
 * only here (the settings schema takes its defaults from {@link IO_DEFAULTS}).
 *
 * @module
 */
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

/**
 * Fills in the defaults. Values are not checked again here: the client checked every
 * setting against the one settings schema (src/client/settings.ts) before building
 * these options, and named the bad key in a `ConfigError` there.
 */
export function normalizeIoOptions(options: IoOptions): NormalizedIoOptions {
  const r = options.reconnect ?? {};
  const d = IO_DEFAULTS.reconnect;
  return {
    connection: options.connection,
    apiTimeoutMs: options.apiTimeoutMs ?? IO_DEFAULTS.apiTimeoutMs,
    startTimeoutMs: options.startTimeoutMs ?? IO_DEFAULTS.startTimeoutMs,
    heartbeatTimeoutMs: options.heartbeatTimeoutMs,
    expectedSelfId: options.expectedSelfId,
    reconnect: {
      initialDelayMs: r.initialDelayMs ?? d.initialDelayMs,
      maxDelayMs: r.maxDelayMs ?? d.maxDelayMs,
      factor: r.factor ?? d.factor,
      jitter: r.jitter ?? d.jitter,
      maxAttempts: r.maxAttempts ?? d.maxAttempts,
    },
  };
}
