/**
 * HTTP mode: actions over NapCat's HTTP server, events by HTTP POST or SSE.
 *
 * @module
 */

import { ConfigError, NotConnectedError, TransportError } from "../errors.js";
import { otherAccount } from "./accounts.js";
import { backoffDelay, type ReconnectPolicy } from "./backoff.js";
import { redactUrl, selfIdMismatch } from "./errors-explain.js";
import { HttpApiClient } from "./http-api.js";
import { type HttpPostOptions, HttpPostReceiver } from "./http-post.js";
import { SseReceiver } from "./sse.js";
import type { SelfId, Transport, TransportHooks } from "./types.js";

/** Settings of {@link HttpTransport}. */
export interface HttpTransportOptions {
  apiUrl: string;
  token?: string | undefined;
  events: ({ mode: "http-post" } & HttpPostOptions) | { mode: "sse"; url?: string | undefined };
  reconnect: ReconnectPolicy;
  probeTimeoutMs: number;
  expectedSelfId?: SelfId | undefined;
}

/**
 * HTTP API plus an event receiver. `start()` starts the receiver (HTTP POST:
 * listening; SSE: stream opening in the background) and resolves once a
 * `get_login_info` probe over the HTTP API succeeds. A 401/403 rejects with
 * `ConfigError`; refused connections are retried until the caller's start timeout.
 * Before that, calls fail with `NotConnectedError`; afterwards each call is an
 * independent request (no connection state).
 */
export class HttpTransport implements Transport {
  private readonly api: HttpApiClient;
  private readonly post: HttpPostReceiver | undefined;
  private readonly sse: SseReceiver | undefined;
  private ready = false;
  private stopped = false;
  private selfId: SelfId | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private wakeProbe: (() => void) | undefined;

  constructor(
    private readonly options: HttpTransportOptions,
    private readonly hooks: TransportHooks,
  ) {
    this.api = new HttpApiClient({ apiUrl: options.apiUrl, token: options.token });
    const ev = options.events;
    if (ev.mode === "http-post") {
      this.post = new HttpPostReceiver(ev, hooks, () => this.selfId);
    } else {
      const url = ev.url ?? `${options.apiUrl.replace(/\/+$/, "")}/_events`;
      this.sse = new SseReceiver(
        { url, token: options.token, reconnect: options.reconnect },
        hooks,
        () => this.selfId,
      );
    }
  }

  /** Port of the HTTP POST server, when that is the event mode. */
  get postPort(): number | undefined {
    return this.post?.port;
  }

  async start(): Promise<void> {
    this.hooks.onState({ kind: "connecting", attempt: 1 });
    if (this.post) await this.post.start();
    await this.probe();
    await this.sse?.start();
  }

  private async probe(): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (this.stopped) throw new TransportError("the bot was stopped before NapCat answered");
      try {
        const data = await this.api.call("get_login_info", "{}", this.options.probeTimeoutMs);
        const id = (data as { user_id?: unknown } | null)?.user_id;
        this.selfId = typeof id === "number" || typeof id === "string" ? id : undefined;
        break;
      } catch (error) {
        // start() rejects with it: said once, by the caller.
        if (error instanceof ConfigError) throw error;
        if (!(error instanceof TransportError)) {
          this.hooks.onLog(
            "warn",
            `get_login_info probe failed (${(error as Error).message}); assuming NapCat is up`,
          );
          break;
        }
        const delay = backoffDelay(this.options.reconnect, attempt);
        this.hooks.onLog(
          attempt === 1 ? "warn" : "debug",
          `${error.message}; retrying in ${delay} ms`,
        );
        this.hooks.onState({
          kind: "disconnected",
          reason: error.message,
          willRetry: true,
          retryInMs: delay,
        });
        await new Promise<void>((resolve) => {
          this.wakeProbe = resolve;
          this.probeTimer = setTimeout(resolve, delay);
        });
        this.wakeProbe = undefined;
      }
    }
    this.ready = true;
    const mismatch = selfIdMismatch(this.selfId, this.options.expectedSelfId);
    if (mismatch) this.hooks.onLog("warn", mismatch);
    // One start-up line for the whole mode: where calls go and how events come.
    const ev = this.options.events;
    const events =
      ev.mode === "http-post" && this.post
        ? `; receiving events by HTTP POST on http://${ev.host}:${this.post.port}${ev.path ?? "/"} (NapCat's HTTP client must post there)`
        : "";
    this.hooks.onLog(
      "info",
      `connected to NapCat's HTTP server at ${redactUrl(this.options.apiUrl)}${events}`,
      this.selfId === undefined ? undefined : { selfId: this.selfId },
    );
    this.hooks.onState(
      this.selfId === undefined
        ? { kind: "connected" }
        : { kind: "connected", selfId: this.selfId },
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.ready = false;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.wakeProbe?.();
    this.sse?.stop();
    this.api.close();
    await this.post?.stop();
  }

  call(action: string, paramsJson: string, timeoutMs: number, selfId?: SelfId): Promise<unknown> {
    if (!this.ready)
      return Promise.reject(
        new NotConnectedError(action, "NapCat's HTTP API has not answered yet"),
      );
    const other = otherAccount(selfId, this.selfId);
    if (other !== undefined) return Promise.reject(new NotConnectedError(action, other));
    return this.api.call(action, paramsJson, timeoutMs);
  }

  listenPort(): number | undefined {
    return this.post?.port;
  }

  isConnected(selfId?: SelfId): boolean {
    return (
      this.ready &&
      (selfId === undefined || this.selfId === undefined || String(selfId) === String(this.selfId))
    );
  }

  connectedSelfIds(): SelfId[] {
    return this.ready && this.selfId !== undefined ? [this.selfId] : [];
  }
}
