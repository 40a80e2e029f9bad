/**
 * Forward WebSocket: NcatBot connects to NapCat's WebSocket server (default
 * port 3001; OneBot "正向 WebSocket"). Reconnects with capped, jittered backoff.
 *
 * @module
 */

import type { ClientRequest, IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import WebSocket from "ws";
import { ActionFailedError, NotConnectedError, TransportError } from "../errors.js";
import { otherAccount } from "./accounts.js";
import { backoffDelay, type ReconnectPolicy } from "./backoff.js";
import {
  badTokenError,
  type Explained,
  explainNetworkError,
  explainUnexpectedResponse,
  redactUrl,
  selfIdMismatch,
  transportError,
} from "./errors-explain.js";
import { framePreview } from "./frame-preview.js";
import { frameBytes, mayBeBadToken, mayBeSyncResponse, parseObject } from "./frames.js";
import { PendingCalls } from "./pending-calls.js";
import { answerPings, MANUAL_PONG } from "./pong.js";
import { TickCork } from "./tick-cork.js";
import type { SelfId, Transport, TransportHooks } from "./types.js";
import { Watchdog } from "./watchdog.js";
import { callOverWebSocket } from "./ws-call.js";

/** Settings of {@link ForwardWsTransport}. */
export interface ForwardWsOptions {
  /** NapCat WebSocket server URI, e.g. `ws://127.0.0.1:3001` (`wsUri`). */
  uri: string;
  /** Access token, sent as `Authorization: Bearer <token>` (`wsToken`). */
  token?: string | undefined;
  reconnect: ReconnectPolicy;
  /** See `IoOptions.heartbeatTimeoutMs`. */
  heartbeatTimeoutMs?: number | undefined;
  /** Timeout of the `get_login_info` probe sent right after the socket opens. */
  probeTimeoutMs: number;
  /** Warn when the connected account differs. */
  expectedSelfId?: SelfId | undefined;
  /**
   * Send the `get_login_info` probe on open (default true). Off for NapCat's
   * API-only `/api` connection that Sync calls use: the main connection has
   * already checked the token and learned the account, so it counts as connected
   * once the socket is open.
   */
  probe?: boolean | undefined;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

/**
 * Client of NapCat's WebSocket server.
 *
 * `start()` resolves once the socket is open and NapCat accepted the token (the
 * `get_login_info` probe answered, which also tells the account id). It rejects with
 * `ConfigError` (key `wsToken`) on a rejected token, with `TransportError` when the
 * port answers plain HTTP or the host does not resolve; refused connections are
 * retried (NapCat may still be starting) until the caller's start timeout.
 * Calls made while disconnected fail at once with `NotConnectedError` (they are not
 * queued: a queued `send_*` could fire minutes later, surprising the user).
 */
export class ForwardWsTransport implements Transport {
  private ws: WebSocket | undefined;
  private pending = new PendingCalls();
  private connected = false;
  private selfId: SelfId | undefined;
  private stopped = false;
  private fatal = false;
  private failures = 0;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private waiter: Waiter | undefined;
  private readonly target: string;
  /** Id of the last connection attempt; `link` is the one currently usable by `sendFrames`. */
  private linkSeq = 0;
  private link = 0;
  private watchdog: Watchdog | undefined;
  /** The current connection's TCP socket (from the upgrade response), for {@link TickCork}. */
  private socket: Duplex | undefined;
  private readonly cork = new TickCork();

  constructor(
    private readonly options: ForwardWsOptions,
    private readonly hooks: TransportHooks,
  ) {
    this.target = redactUrl(options.uri);
  }

  start(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.waiter = { resolve, reject };
      this.connect();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.finishStart(new TransportError("the bot was stopped before it connected to NapCat"));
    const ws = this.ws;
    this.ws = undefined;
    this.connected = false;
    this.pending.rejectAll(
      (action) => new TransportError(`the bot was stopped while "${action}" was waiting`),
    );
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const force = setTimeout(() => {
        ws.terminate();
        resolve();
      }, 1000);
      ws.once("close", () => {
        clearTimeout(force);
        resolve();
      });
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
      else ws.close(1000, "bye");
    });
  }

  call(action: string, paramsJson: string, timeoutMs: number, selfId?: SelfId): Promise<unknown> {
    const ws = this.ws;
    if (!this.connected || !ws) {
      return Promise.reject(new NotConnectedError(action, `forward WebSocket ${this.target}`));
    }
    const other = otherAccount(selfId, this.selfId);
    if (other !== undefined) return Promise.reject(new NotConnectedError(action, other));
    return callOverWebSocket(ws, this.pending, action, paramsJson, timeoutMs);
  }

  isConnected(selfId?: SelfId): boolean {
    if (!this.connected) return false;
    return (
      selfId === undefined || this.selfId === undefined || String(selfId) === String(this.selfId)
    );
  }

  connectedSelfIds(): SelfId[] {
    return this.connected && this.selfId !== undefined ? [this.selfId] : [];
  }

  sendFrames(link: number, frames: readonly string[]): boolean {
    const ws = this.ws;
    if (!this.connected || !ws || link !== this.link) return false;
    // Frames written in this tick leave together in one write at its end.
    if (this.socket !== undefined) this.cork.hold(this.socket);
    // No per-frame callback: a failed write closes the socket, and the link-down
    // report fails every call still waiting on it.
    for (const frame of frames) ws.send(frame);
    return true;
  }

  flushWrites(): void {
    this.cork.flush();
  }

  learnHeartbeat(link: number, intervalMs: number): void {
    if (link === this.link && this.connected) this.watchdog?.learn(intervalMs);
  }

  /** Settles `start()`; true when it was still waiting (then the caller gets `error`). */
  private finishStart(error?: Error): boolean {
    const w = this.waiter;
    if (!w) return false;
    this.waiter = undefined;
    if (error) w.reject(error);
    else w.resolve();
    return true;
  }

  private connect(): void {
    if (this.stopped) return;
    this.attempt += 1;
    this.hooks.onState({ kind: "connecting", attempt: this.attempt });
    const headers: Record<string, string> = {};
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.options.uri, {
        headers,
        perMessageDeflate: false,
        handshakeTimeout: 10_000,
        // Frames are decoded with replacement characters anyway; skip ws's extra pass.
        skipUTF8Validation: true,
        ...MANUAL_PONG,
      });
      answerPings(ws);
    } catch (error) {
      this.fatal = true;
      const message = `invalid WebSocket URI ${this.target}: ${(error as Error).message}. Use a URI like ws://127.0.0.1:3001`;
      this.hooks.onLog("error", message);
      this.hooks.onState({ kind: "disconnected", reason: message, willRetry: false });
      this.finishStart(new TransportError(message));
      return;
    }
    const pending = new PendingCalls();
    this.linkSeq += 1;
    const link = this.linkSeq;
    this.ws = ws;
    this.pending = pending;
    let gone = false;
    let lastProblem: Explained | undefined;
    const watchdog = new Watchdog(this.options.heartbeatTimeoutMs, (silentMs) => {
      lastProblem = {
        message: `no frame from NapCat for ${silentMs} ms (heartbeat missed)`,
        retryable: true,
      };
      this.hooks.onLog(
        "warn",
        `forward WebSocket ${this.target}: ${lastProblem.message}; reconnecting`,
      );
      ws.terminate();
    });
    this.watchdog = watchdog;

    const onGone = (explained: Explained): void => {
      if (gone) return;
      gone = true;
      watchdog.stop();
      const wasConnected = this.connected && this.ws === ws;
      if (this.ws === ws) {
        this.connected = false;
        this.ws = undefined;
        this.socket = undefined;
      }
      if (wasConnected) {
        this.hooks.onLink?.({
          link,
          selfId: this.selfId,
          up: false,
          reason: explained.message,
        });
      }
      pending.rejectAll(
        (action) =>
          new TransportError(
            `the connection to NapCat closed while "${action}" was waiting: ${explained.message}`,
          ),
      );
      if (this.stopped) return;
      if (this.fatal) return;
      if (this.waiter && !explained.retryable) {
        this.fatal = true;
        this.hooks.onState({ kind: "disconnected", reason: explained.message, willRetry: false });
        // start() is waiting and rejects with it: said once, by the caller.
        this.finishStart(transportError(explained));
        return;
      }
      this.failures += 1;
      if (this.failures > this.options.reconnect.maxAttempts) {
        const message = `${explained.message}; gave up after ${this.options.reconnect.maxAttempts} reconnect attempts`;
        this.hooks.onState({ kind: "disconnected", reason: message, willRetry: false });
        // Said once: to start()'s caller when it is waiting, else in the log.
        if (!this.finishStart(new TransportError(message))) {
          this.hooks.onLog("error", `forward WebSocket ${this.target}: ${message}`);
        }
        return;
      }
      const delay = backoffDelay(this.options.reconnect, this.failures);
      this.hooks.onLog(
        wasConnected || this.failures === 1 ? "warn" : "debug",
        `forward WebSocket ${this.target}: ${explained.message}; retrying in ${delay} ms`,
      );
      this.hooks.onState({
        kind: "disconnected",
        reason: explained.message,
        willRetry: true,
        retryInMs: delay,
      });
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        this.connect();
      }, delay);
    };

    const onBadToken = (detail: string): void => {
      if (this.fatal) return;
      this.fatal = true;
      const error = badTokenError("forward-ws", detail);
      this.hooks.onState({ kind: "disconnected", reason: error.message, willRetry: false });
      this.connected = false;
      // Said once: to start()'s caller when it is waiting, else in the log.
      if (!this.finishStart(error)) this.hooks.onLog("error", error.message);
      ws.terminate();
    };

    ws.on("upgrade", (res: IncomingMessage) => {
      this.socket = res.socket;
    });
    ws.on("unexpected-response", (req: ClientRequest, res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      res.resume();
      req.destroy();
      // NapCat's WebSocket server accepts every upgrade and reports a bad token with a
      // retcode 1403 frame; an HTTP status (even 401/403) means another server: wrong port.
      onGone(explainUnexpectedResponse(status, this.target));
    });
    ws.on("error", (error) => {
      lastProblem = explainNetworkError(error, this.target, "WebSocket server");
      if (ws.readyState === WebSocket.CONNECTING || ws.readyState === WebSocket.CLOSED)
        onGone(lastProblem);
    });
    ws.on("close", (code) => {
      onGone(
        lastProblem ?? { message: `NapCat closed the connection (code ${code})`, retryable: true },
      );
    });
    ws.on("open", () => {
      if (this.options.probe === false) {
        this.onConnected(ws, link, undefined);
        return;
      }
      callOverWebSocket(ws, pending, "get_login_info", "{}", this.options.probeTimeoutMs).then(
        (data) => {
          const id = (data as { user_id?: unknown } | null)?.user_id;
          this.onConnected(
            ws,
            link,
            typeof id === "number" || typeof id === "string" ? id : undefined,
          );
        },
        (error: unknown) => {
          if (error instanceof ActionFailedError && error.retcode === 1403) {
            onBadToken("retcode 1403");
            return;
          }
          if (gone || error instanceof TransportError) return;
          this.hooks.onLog(
            "warn",
            `forward WebSocket ${this.target}: get_login_info probe failed (${(error as Error).message}); assuming connected`,
          );
          this.onConnected(ws, link, undefined);
        },
      );
    });
    // The hot path: every frame NapCat sends. Only answers to this thread's own calls
    // (Sync calls, the probe) are parsed here; everything else goes on as bytes.
    ws.on("message", (data) => {
      watchdog.frames += 1;
      const bytes = frameBytes(data);
      if (pending.size > 0 && mayBeSyncResponse(bytes)) {
        const obj = parseObject(bytes.toString("utf8"));
        if (obj && pending.settle(obj)) return;
        if (obj && obj.post_type === undefined) {
          this.hooks.onLog("debug", "dropped a late or unknown response frame", {
            frame: framePreview(bytes),
          });
          return;
        }
      } else if (!this.connected) {
        const raw = bytes.toString("utf8");
        if (mayBeBadToken(raw)) {
          const obj = parseObject(raw);
          if (obj && obj.retcode === 1403 && obj.post_type === undefined) {
            onBadToken("retcode 1403");
            return;
          }
        }
      }
      this.hooks.onFrame(bytes, this.selfId);
    });
  }

  private onConnected(ws: WebSocket, link: number, selfId: SelfId | undefined): void {
    if (this.ws !== ws || this.stopped || this.fatal) return;
    this.connected = true;
    this.failures = 0;
    this.selfId = selfId;
    this.link = link;
    const mismatch = selfIdMismatch(selfId, this.options.expectedSelfId);
    if (mismatch) this.hooks.onLog("warn", mismatch);
    this.hooks.onLog(
      "info",
      `connected to NapCat at ${this.target}`,
      selfId === undefined ? undefined : { selfId },
    );
    this.hooks.onLink?.({ link, selfId, up: true });
    this.hooks.onState(
      selfId === undefined ? { kind: "connected" } : { kind: "connected", selfId },
    );
    this.finishStart();
  }
}
