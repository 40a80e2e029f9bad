/**
 * SSE event receiver: `GET <apiUrl>/_events` (Bearer token) on NapCat's HTTP
 * server; each `data:` block is one event. Reconnects with backoff.
 *
 * @module
 */
import http from "node:http";
import https from "node:https";
import { backoffDelay, type ReconnectPolicy } from "./backoff.js";
import { badTokenError, explainNetworkError, redactUrl } from "./errors-explain.js";
import type { SelfId, TransportHooks } from "./types.js";

/** Settings of {@link SseReceiver}. */
export interface SseOptions {
  /** Full events URL, e.g. `http://127.0.0.1:3000/_events`. */
  url: string;
  token?: string | undefined;
  reconnect: ReconnectPolicy;
}

/** Reads NapCat's server-sent events stream and forwards each `data:` payload raw. */
export class SseReceiver {
  private req: http.ClientRequest | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private failures = 0;
  private readonly target: string;
  private firstOpen: { resolve(): void; reject(error: Error): void } | undefined;

  constructor(
    private readonly options: SseOptions,
    private readonly hooks: TransportHooks,
    private readonly selfId: () => SelfId | undefined,
  ) {
    this.target = redactUrl(options.url);
  }

  /**
   * Opens the stream. Resolves once it is open (so no event sent after `start()`
   * resolves is missed); rejects with `ConfigError` when the token is refused.
   * Other failures are retried with backoff and logged; the caller bounds the wait.
   */
  start(): Promise<void> {
    const opened = new Promise<void>((resolve, reject) => {
      this.firstOpen = { resolve, reject };
    });
    this.open();
    return opened;
  }

  /** Closes the stream and cancels retries. */
  stop(): void {
    this.stopped = true;
    this.firstOpen = undefined;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.req?.destroy();
    this.req = undefined;
  }

  private retry(reason: string): void {
    if (this.stopped) return;
    this.failures += 1;
    if (this.failures > this.options.reconnect.maxAttempts) {
      this.hooks.onLog("error", `SSE ${this.target}: ${reason}; gave up`);
      return;
    }
    const delay = backoffDelay(this.options.reconnect, this.failures);
    this.hooks.onLog(
      this.failures === 1 ? "warn" : "debug",
      `SSE ${this.target}: ${reason}; retrying in ${delay} ms`,
    );
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.open();
    }, delay);
  }

  private open(): void {
    if (this.stopped) return;
    const url = new URL(this.options.url);
    const headers: Record<string, string> = { Accept: "text/event-stream" };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    const lib = url.protocol === "https:" ? https : http;
    let done = false;
    const gone = (reason: string): void => {
      if (done) return;
      done = true;
      this.req = undefined;
      this.retry(reason);
    };
    const req = lib.get(url, { headers }, (res) => {
      const status = res.statusCode ?? 0;
      if (status === 401 || status === 403) {
        done = true;
        res.resume();
        const error = badTokenError("sse", `HTTP ${status} from ${this.target}`);
        // Said once: to start()'s caller when it is waiting, else in the log.
        if (this.firstOpen) this.firstOpen.reject(error);
        else this.hooks.onLog("error", error.message);
        this.firstOpen = undefined;
        return;
      }
      if (status !== 200) {
        res.resume();
        gone(
          `HTTP ${status}: check that the SSE URL points at NapCat's HTTP server with SSE enabled`,
        );
        return;
      }
      this.failures = 0;
      this.hooks.onLog("info", `SSE stream open at ${this.target}`);
      this.firstOpen?.resolve();
      this.firstOpen = undefined;
      res.setEncoding("utf8");
      let buffer = "";
      let data = "";
      res.on("data", (chunk: string) => {
        buffer += chunk;
        let nl = buffer.indexOf("\n");
        while (nl >= 0) {
          let line = buffer.slice(0, nl);
          buffer = buffer.slice(nl + 1);
          if (line.endsWith("\r")) line = line.slice(0, -1);
          if (line === "") {
            if (data) this.hooks.onFrame(data, this.selfId());
            data = "";
          } else if (line.startsWith("data:")) {
            const part = line.charCodeAt(5) === 32 ? line.slice(6) : line.slice(5);
            data = data ? `${data}\n${part}` : part;
          }
          nl = buffer.indexOf("\n");
        }
      });
      res.on("end", () => gone("the stream ended"));
      res.on("error", (e) => gone(e.message));
    });
    req.on("error", (error) =>
      gone(explainNetworkError(error, this.target, "HTTP server").message),
    );
    this.req = req;
  }
}
