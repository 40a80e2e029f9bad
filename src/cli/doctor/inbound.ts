/**
 * For the modes where NapCat connects to us (reverse WebSocket, HTTP POST): listen
 * where the bot would, and wait for NapCat to arrive, checking its token.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type WebSocket from "ws";
import { WebSocketServer } from "ws";
import { OneBotSocket } from "./onebot-socket.js";

/** What waiting for NapCat found. */
export type InboundResult =
  | { kind: "connected"; socket: OneBotSocket; close: () => Promise<void> }
  | { kind: "posted"; close: () => Promise<void> }
  | { kind: "token"; close: () => Promise<void> }
  | { kind: "timeout"; close: () => Promise<void> }
  | { kind: "listen-error"; code: string };

function presented(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === "string") {
    const match = /^(?:Bearer|Token)\s+(.+)$/i.exec(header.trim());
    if (match?.[1]) return match[1];
  }
  return new URL(req.url ?? "/", "http://x").searchParams.get("access_token") ?? undefined;
}

function listen(server: Server, host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    server.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen(port, host, () => resolve(undefined));
  });
}

function closer(server: Server, wss?: WebSocketServer): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      for (const c of wss?.clients ?? []) c.terminate();
      wss?.close();
      server.closeAllConnections();
      server.close(() => resolve());
    });
}

/** Listens on `host:port` for NapCat's reverse WebSocket (any path under `path`), up to `waitMs`. */
export async function waitForReverseWs(
  host: string,
  port: number,
  path: string,
  token: string | undefined,
  waitMs: number,
): Promise<InboundResult> {
  const server = createServer((_req, res) => res.writeHead(426).end());
  const wss = new WebSocketServer({ noServer: true });
  const close = closer(server, wss);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (result: InboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => settle({ kind: "timeout", close }), waitMs);
    server.on("upgrade", (req, socket, head) => {
      const pathname = new URL(req.url ?? "/", "http://x").pathname;
      if (!pathname.startsWith(path)) {
        socket.end("HTTP/1.1 404 Not Found\r\n\r\n");
        return;
      }
      if (token && presented(req) !== token) {
        socket.end("HTTP/1.1 401 Unauthorized\r\n\r\n");
        settle({ kind: "token", close });
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws: WebSocket) =>
        settle({ kind: "connected", socket: new OneBotSocket(ws), close }),
      );
    });
    void listen(server, host, port).then((code) => {
      if (code) {
        clearTimeout(timer);
        settled = true;
        resolve({ kind: "listen-error", code });
      }
    });
  });
}

/** Listens on `host:port` for NapCat's HTTP POST of any event, up to `waitMs`. */
export async function waitForHttpPost(
  host: string,
  port: number,
  waitMs: number,
): Promise<InboundResult> {
  let settle: (r: InboundResult) => void = () => {};
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(204).end();
    if (req.method === "POST") settle({ kind: "posted", close });
  });
  const close = closer(server);
  return new Promise((resolve) => {
    let settled = false;
    settle = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => settle({ kind: "timeout", close }), waitMs);
    void listen(server, host, port).then((code) => {
      if (code) {
        clearTimeout(timer);
        settled = true;
        resolve({ kind: "listen-error", code });
      }
    });
  });
}
