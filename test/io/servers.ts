/**
 * Minimal NapCat stand-ins for I/O tests: a WebSocket server and an HTTP API
 * server on 127.0.0.1, OS-chosen ports. Not the product fake (src/testing/).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";

export type Reply = { data: unknown } | { retcode: number; wording?: string } | "silent";
export type Handler = (action: string, params: Record<string, unknown>) => Reply;

export const SELF_ID = 10001;

function envelope(reply: Exclude<Reply, "silent">, echo: unknown): Record<string, unknown> {
  if ("data" in reply)
    return { status: "ok", retcode: 0, data: reply.data, message: "", wording: "", echo };
  return {
    status: "failed",
    retcode: reply.retcode,
    data: null,
    message: "bad",
    wording: reply.wording ?? "失败",
    echo,
  };
}

/** Default behaviour by action name: bad -> retcode 1400, slow/hang -> no answer, else echo params. */
export function scripted(action: string, params: Record<string, unknown>): Reply {
  if (action === "bad") return { retcode: 1400, wording: "参数错误" };
  if (action === "slow" || action === "hang") return "silent";
  return { data: { got: params } };
}

export interface FakeWsServer {
  url: string;
  port: number;
  attempts: number;
  /** Event connections (every path but `/api`). */
  sockets: Set<WebSocket>;
  /** NapCat's API-only connections (`/api`: no events, no lifecycle). */
  apiSockets: Set<WebSocket>;
  /** Connections made to `/api`. */
  apiAttempts: number;
  authHeaders: (string | undefined)[];
  /** Every action received, in order (both paths). */
  actions: string[];
  broadcast(frame: object | string): void;
  waitForClient(): Promise<WebSocket>;
  close(): Promise<void>;
}

/** How the fake treats `/api` upgrades: serve them, answer HTTP 404, or never answer. */
export type ApiPathMode = "ok" | "404" | "hang";

export async function startWsServer(
  opts: { token?: string; handler?: Handler; api?: ApiPathMode } = {},
): Promise<FakeWsServer> {
  const isApi = (url: string | undefined) => (url ?? "/").split("?")[0] === "/api";
  const httpServer = createServer();
  const wss = new WebSocketServer({
    server: httpServer,
    verifyClient: (info, cb) => {
      if (!isApi(info.req.url) || (opts.api ?? "ok") === "ok") cb(true);
      else if (opts.api === "404") cb(false, 404);
      // "hang": never answer the upgrade
    },
  });
  const rawSockets = new Set<Socket>(); // "hang" upgrades are nobody else's to end
  httpServer.on("connection", (socket) => {
    rawSockets.add(socket);
    socket.on("close", () => rawSockets.delete(socket));
  });
  await new Promise<void>((r) => httpServer.listen(0, "127.0.0.1", () => r()));
  const port = (httpServer.address() as AddressInfo).port;
  const waiters: ((ws: WebSocket) => void)[] = [];
  const fake: FakeWsServer = {
    url: `ws://127.0.0.1:${port}`,
    port,
    attempts: 0,
    sockets: new Set(),
    apiSockets: new Set(),
    apiAttempts: 0,
    authHeaders: [],
    actions: [],
    broadcast(frame) {
      const text = typeof frame === "string" ? frame : JSON.stringify(frame);
      for (const ws of fake.sockets) ws.send(text);
    },
    waitForClient() {
      return new Promise((r) => waiters.push(r));
    },
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((r) => wss.close(() => r()));
      for (const socket of rawSockets) socket.destroy();
      await new Promise<void>((r) => httpServer.close(() => r()));
    },
  };
  wss.on("connection", (ws, req) => {
    fake.attempts += 1;
    fake.authHeaders.push(req.headers.authorization);
    if (opts.token !== undefined && req.headers.authorization !== `Bearer ${opts.token}`) {
      ws.send(
        JSON.stringify({
          status: "failed",
          retcode: 1403,
          data: null,
          message: "token验证失败",
          wording: "token验证失败",
        }),
      );
      ws.close();
      return;
    }
    const api = isApi(req.url);
    const set = api ? fake.apiSockets : fake.sockets;
    if (api) fake.apiAttempts += 1;
    set.add(ws);
    ws.on("close", () => set.delete(ws));
    if (!api) {
      ws.send(
        JSON.stringify({
          time: 1,
          self_id: SELF_ID,
          post_type: "meta_event",
          meta_event_type: "lifecycle",
          sub_type: "connect",
        }),
      );
    }
    ws.on("message", (data) => {
      const req = JSON.parse(String(data)) as {
        action: string;
        params: Record<string, unknown>;
        echo: unknown;
      };
      fake.actions.push(req.action);
      if (req.action === "block") for (let i = 0; i < 20; i++) fake.broadcast(msgEvent(i));
      if (req.action === "flood") flood(fake, req.params);
      const reply: Reply =
        req.action === "get_login_info"
          ? { data: { user_id: SELF_ID, nickname: "bot" } }
          : (opts.handler?.(req.action, req.params) ?? scripted(req.action, req.params));
      if (reply !== "silent") ws.send(JSON.stringify(envelope(reply, req.echo)));
    });
    if (!api) for (const w of waiters.splice(0)) w(ws);
  });
  return fake;
}

export interface FakeHttpServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** NapCat's HTTP server: POST /<action>. `/_events` streams SSE frames pushed with `push`. */
export async function startHttpApi(
  opts: { token?: string; handler?: Handler } = {},
): Promise<FakeHttpServer & { push(frame: object): void; sseClients: number }> {
  const streams = new Set<import("node:http").ServerResponse>();
  const server = createServer((req, res) => {
    if (opts.token !== undefined && req.headers.authorization !== `Bearer ${opts.token}`) {
      res.statusCode = 403;
      res.end("forbidden");
      return;
    }
    if (req.method === "GET" && req.url === "/_events") {
      res.writeHead(200, { "Content-Type": "text/event-stream" });
      res.write(": hi\n\n");
      streams.add(res);
      fake.sseClients += 1;
      res.on("close", () => streams.delete(res));
      return;
    }
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const action = (req.url ?? "/").slice(1);
      const params = JSON.parse(Buffer.concat(chunks).toString() || "{}") as Record<
        string,
        unknown
      >;
      const reply: Reply =
        action === "get_login_info"
          ? { data: { user_id: SELF_ID, nickname: "bot" } }
          : (opts.handler?.(action, params) ?? scripted(action, params));
      if (reply === "silent") return;
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify(envelope(reply, null)));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  const fake = {
    url: `http://127.0.0.1:${port}`,
    server,
    sseClients: 0,
    push(frame: object) {
      for (const s of streams) s.write(`data: ${JSON.stringify(frame)}\n\n`);
    },
    async close() {
      for (const s of streams) s.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  return fake;
}

/**
 * A sink that records everything. Events arrive parsed; `raw` is their JSON text
 * again (same key order), so tests can compare with what the server sent.
 */
export function recordingSink() {
  const events: { raw: string; payload: Record<string, unknown>; selfId: unknown }[] = [];
  const states: string[] = [];
  const logs: string[] = [];
  return {
    events,
    states,
    logs,
    sink: {
      onEvent(payload: Record<string, unknown>, selfId: unknown) {
        events.push({ raw: JSON.stringify(payload), payload, selfId });
      },
      onState(s: { kind: string }) {
        states.push(s.kind);
      },
      onLog(level: string, message: string) {
        logs.push(`${level}: ${message}`);
      },
    },
  };
}

/** Waits until `cond` holds (polled every 10 ms), at most `ms`. */
export async function until(cond: () => boolean | Promise<boolean>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function msgEvent(n: number): Record<string, unknown> {
  return {
    time: 1,
    self_id: SELF_ID,
    post_type: "message",
    message_type: "private",
    sub_type: "friend",
    message_id: n,
    user_id: 2,
    raw_message: `m${n}`,
    message: [],
    font: 0,
    sender: { user_id: 2 },
  };
}

/**
 * Sends `count` events of about `bytes` bytes each (every `bigEvery`-th one
 * `bigBytes` long), numbered from 0, before the answer to the "flood" action.
 */
function flood(fake: FakeWsServer, params: Record<string, unknown>): void {
  const count = Number(params.count);
  const bytes = Number(params.bytes);
  const bigEvery = Number(params.bigEvery ?? 0);
  const bigBytes = Number(params.bigBytes ?? 0);
  for (let i = 0; i < count; i++) {
    const size = bigEvery > 0 && i % bigEvery === bigEvery - 1 ? bigBytes : bytes;
    fake.broadcast({ ...msgEvent(i), raw_message: `m${i} ${"文".repeat(Math.floor(size / 3))}` });
  }
}

export const fastReconnect = { initialDelayMs: 50, maxDelayMs: 200, factor: 2, jitter: 0 };
