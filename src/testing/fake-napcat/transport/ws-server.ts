/**
 * NapCat's forward WebSocket server: `/api` carries API calls only; any other
 * path is universal (events + API, with `lifecycle.connect` on open). A bad token
 * gets a `retcode 1403` frame and a close, after the upgrade is accepted.
 *
 * @module
 */
import { createServer, type Server } from "node:http";
import { type WebSocket, WebSocketServer } from "ws";
import { RETCODE } from "../errors.js";
import { lifecycleEvent } from "../events.js";
import type { EventSink, Hub } from "../hub.js";
import { failedResponse, parseRequestFrame } from "../router.js";
import { tokenAccepted } from "./auth.js";

/** A listening forward-WS server. */
export interface WsServerHandle {
  readonly port: number;
  close(): Promise<void>;
}

/** Wires one WebSocket (forward or reverse) to the hub: answers requests on it. */
export function serveApi(
  hub: Hub,
  socket: WebSocket,
  transport: "ws" | "ws-api" | "reverse-ws",
): void {
  socket.on("message", (data: Buffer | ArrayBuffer | Buffer[]) => {
    const text = Array.isArray(data)
      ? Buffer.concat(data).toString("utf8")
      : Buffer.from(data as ArrayBuffer).toString("utf8");
    const parsed = parseRequestFrame(text);
    const reply = parsed.ok
      ? hub.handle(parsed.action, parsed.params, parsed.echo, transport)
      : Promise.resolve(parsed.response);
    void reply.then((response) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(response));
    });
  });
}

/** Makes a WebSocket an event sink (meta events included). */
export function wsSink(socket: WebSocket): EventSink {
  return {
    meta: true,
    send(json) {
      if (socket.readyState === socket.OPEN) socket.send(json);
    },
  };
}

/** Listens on 127.0.0.1:`port` (0 = the OS picks) and resolves to the bound port. */
export function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      const address = server.address();
      resolve(typeof address === "object" && address ? address.port : port);
    });
  });
}

/** Starts the forward-WS server on 127.0.0.1. */
export async function startWsServer(
  hub: Hub,
  port: number,
  token: string | undefined,
): Promise<WsServerHandle> {
  const server = createServer((_req, res) => {
    res
      .writeHead(426, { "content-type": "text/plain" })
      .end("This is NapCat's WebSocket port: connect with a WebSocket client.");
  });
  const wss = new WebSocketServer({ server });
  wss.on("connection", (socket, req) => {
    const url = new URL(req.url ?? "/", "ws://127.0.0.1");
    if (!tokenAccepted(token, req.headers, url)) {
      socket.send(
        JSON.stringify({ ...failedResponse(RETCODE.forbidden, "token验证失败", null), echo: null }),
      );
      socket.close(1000, "token verify failed");
      return;
    }
    const apiOnly = url.pathname === "/api" || url.pathname === "/api/";
    serveApi(hub, socket, apiOnly ? "ws-api" : "ws");
    if (apiOnly) return;
    const sink = wsSink(socket);
    hub.sinks.add(sink);
    socket.on("close", () => hub.sinks.delete(sink));
    socket.send(JSON.stringify(lifecycleEvent(hub.world)));
  });
  const bound = await listen(server, port);
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => {
          server.closeAllConnections();
          server.close(() => resolve());
        });
      }),
  };
}
