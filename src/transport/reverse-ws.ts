/**
 * Reverse WebSocket: NcatBot listens, NapCat connects (OneBot "反向 WebSocket").
 * Several NapCat accounts may connect; calls route by `selfId`.
 *
 * @module
 */

import { createServer, type IncomingMessage, type Server } from "node:http";
import type { Duplex } from "node:stream";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";
import { NotConnectedError, TransportError } from "../errors.js";
import { accountMissing } from "./accounts.js";
import { presentedToken, safeEqual } from "./auth.js";
import { selfIdMismatch } from "./errors-explain.js";
import { frameBytes, mayBeSyncResponse, parseObject } from "./frames.js";
import { PendingCalls } from "./pending-calls.js";
import { boundPort, closeServer, listen } from "./server-util.js";
import type { SelfId, Transport, TransportHooks } from "./types.js";
import { callOverWebSocket } from "./ws-call.js";

/** Settings of {@link ReverseWsTransport}. */
export interface ReverseWsOptions {
  /** Interface to listen on, e.g. `127.0.0.1`. */
  host: string;
  /** Port to listen on (0 = any free port, see {@link ReverseWsTransport.port}). */
  port: number;
  /** Only accept upgrades on this path (default: any path). */
  path?: string | undefined;
  /** Token NapCat must present (`Authorization: Bearer` or `access_token`). Required. */
  token: string;
  /** Warn when a connecting account differs. */
  expectedSelfId?: SelfId | undefined;
}

interface Account {
  selfId: SelfId;
  ws: WebSocket;
  pending: PendingCalls;
  link: number;
}

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/**
 * Server NapCat's reverse-WebSocket client connects to.
 *
 * `start()` resolves once the server is listening (ready to receive): NapCat
 * connects on its own schedule (retrying every 5 s), so waiting for it would make
 * start-up depend on NapCat's timing. Watch the `connected` state to know when an
 * account is up; calls before that fail at once with `NotConnectedError`.
 * Upgrades without the right token get HTTP 401 (missing) / 403 (wrong).
 */
export class ReverseWsTransport implements Transport {
  private readonly server: Server;
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    // Frames are decoded with replacement characters anyway; skip ws's extra pass.
    skipUTF8Validation: true,
  });
  private readonly accounts = new Map<string, Account>();
  private readonly links = new Map<number, Account>();
  private linkSeq = 0;
  private stopped = false;

  constructor(
    private readonly options: ReverseWsOptions,
    private readonly hooks: TransportHooks,
  ) {
    this.server = createServer((_req, res) => {
      res.statusCode = 426;
      res.end("NcatBot reverse WebSocket: connect with a WebSocket client");
    });
    this.server.on("upgrade", (req, socket, head) => this.onUpgrade(req, socket, head));
  }

  /** The port actually bound (useful with port 0). */
  get port(): number {
    return boundPort(this.server, this.options.port);
  }

  async start(): Promise<void> {
    await listen(
      this.server,
      this.options.host,
      this.options.port,
      "reverse WebSocket server",
      "wsListenPort",
    );
    this.hooks.onLog(
      "info",
      `waiting for NapCat on ws://${this.options.host}:${this.port}${this.options.path ?? "/"}`,
    );
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const account of this.accounts.values()) {
      account.pending.rejectAll(
        (action) => new TransportError(`the bot was stopped while "${action}" was waiting`),
      );
      account.ws.terminate();
    }
    this.accounts.clear();
    this.links.clear();
    for (const ws of this.wss.clients) ws.terminate();
    await closeServer(this.server);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  call(action: string, paramsJson: string, timeoutMs: number, selfId?: SelfId): Promise<unknown> {
    const account = this.pick(selfId);
    if (!account) {
      const detail =
        selfId === undefined
          ? "no NapCat account has connected to the reverse WebSocket server yet"
          : accountMissing(selfId, [...this.accounts.keys()]);
      return Promise.reject(new NotConnectedError(action, detail));
    }
    return callOverWebSocket(account.ws, account.pending, action, paramsJson, timeoutMs);
  }

  listenPort(): number {
    return this.port;
  }

  sendFrames(link: number, frames: readonly string[]): boolean {
    const account = this.links.get(link);
    if (!account) return false;
    for (const frame of frames) account.ws.send(frame);
    return true;
  }

  isConnected(selfId?: SelfId): boolean {
    return this.pick(selfId) !== undefined;
  }

  connectedSelfIds(): SelfId[] {
    return [...this.accounts.values()].map((a) => a.selfId);
  }

  private pick(selfId: SelfId | undefined): Account | undefined {
    if (selfId !== undefined) return this.accounts.get(String(selfId));
    return this.accounts.values().next().value;
  }

  private onUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const from = req.socket.remoteAddress ?? "?";
    if (this.stopped) {
      reject(socket, 503, "Service Unavailable");
      return;
    }
    const path = (req.url ?? "/").split("?")[0];
    if (this.options.path && path !== this.options.path) {
      this.hooks.onLog(
        "warn",
        `reverse WebSocket: refused a connection from ${from} on path ${path} (expected ${this.options.path})`,
      );
      reject(socket, 404, "Not Found");
      return;
    }
    const token = presentedToken(req);
    if (token === undefined || !safeEqual(token, this.options.token)) {
      const status = token === undefined ? 401 : 403;
      this.hooks.onLog(
        "warn",
        `reverse WebSocket: refused a connection from ${from}: ${token === undefined ? "no token" : "wrong token"} ` +
          "(set the same token in NapCat's reverse WebSocket client and in `wsToken`)",
      );
      reject(socket, status, status === 401 ? "Unauthorized" : "Forbidden");
      return;
    }
    const header = req.headers["x-self-id"];
    const raw = typeof header === "string" ? header.trim() : "";
    if (!raw) {
      this.hooks.onLog(
        "warn",
        `reverse WebSocket: refused a connection from ${from}: no X-Self-ID header (is it NapCat?)`,
      );
      reject(socket, 400, "Bad Request");
      return;
    }
    const selfId: SelfId = /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, selfId));
  }

  private onConnection(ws: WebSocket, selfId: SelfId): void {
    const key = String(selfId);
    const previous = this.accounts.get(key);
    if (previous) {
      this.hooks.onLog("info", `account ${selfId} reconnected; closing its previous connection`);
      this.drop(previous, "replaced by a new connection from the same account");
      previous.ws.terminate();
    }
    this.linkSeq += 1;
    const account: Account = { selfId, ws, pending: new PendingCalls(), link: this.linkSeq };
    this.accounts.set(key, account);
    this.links.set(account.link, account);
    const mismatch = selfIdMismatch(selfId, this.options.expectedSelfId);
    if (mismatch) this.hooks.onLog("warn", mismatch);
    this.hooks.onLog("info", `NapCat account ${selfId} connected (reverse WebSocket)`);
    this.hooks.onLink?.({ link: account.link, selfId, up: true });
    this.hooks.onState({ kind: "connected", selfId });
    // Hot path: only answers to this thread's own (Sync) calls are parsed here.
    ws.on("message", (data) => {
      const bytes = frameBytes(data);
      if (account.pending.size > 0 && mayBeSyncResponse(bytes)) {
        const obj = parseObject(bytes.toString("utf8"));
        if (obj && account.pending.settle(obj)) return;
        if (obj && obj.post_type === undefined) return;
      }
      this.hooks.onFrame(bytes, selfId);
    });
    ws.on("error", (error) =>
      this.hooks.onLog("warn", `reverse WebSocket account ${selfId}: ${error.message}`),
    );
    ws.on("close", (code) => this.drop(account, `NapCat closed the connection (code ${code})`));
  }

  private drop(account: Account, reason: string): void {
    const key = String(account.selfId);
    if (this.accounts.get(key) !== account) return;
    this.accounts.delete(key);
    this.links.delete(account.link);
    account.pending.rejectAll(
      (action) =>
        new TransportError(
          `the connection of account ${account.selfId} closed while "${action}" was waiting: ${reason}`,
        ),
    );
    if (this.stopped) return;
    this.hooks.onLink?.({
      link: account.link,
      selfId: account.selfId,
      up: false,
      reason: `account ${account.selfId}: ${reason}`,
    });
    this.hooks.onLog(
      "warn",
      `NapCat account ${account.selfId} disconnected: ${reason}; waiting for it to reconnect`,
    );
    this.hooks.onState({
      kind: "disconnected",
      reason: `account ${account.selfId}: ${reason}`,
      willRetry: true,
    });
  }
}
