/**
 * NapCat's HTTP server: `POST /<action>` (JSON or form body, query params merged),
 * token by `Authorization: Bearer` or `?access_token=` (bad token: HTTP 403), and
 * Server-Sent Events on `GET /_events`.
 *
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { RETCODE } from "../errors.js";
import type { EventSink, Hub } from "../hub.js";
import type { Params } from "../params.js";
import { failedResponse } from "../router.js";
import { tokenAccepted } from "./auth.js";
import { listen } from "./ws-server.js";

/** A listening HTTP API server. */
export interface HttpServerHandle {
  readonly port: number;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error("request body larger than 16 MiB"));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, { "content-type": "application/json; charset=utf-8" })
    .end(JSON.stringify(body));
}

function parseBody(text: string, contentType: string): Params | string {
  if (text.trim() === "") return {};
  if (contentType.includes("application/x-www-form-urlencoded"))
    return Object.fromEntries(new URLSearchParams(text));
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === "object" && parsed !== null && !Array.isArray(parsed))
      return parsed as Params;
    return "the request body must be a JSON object of params";
  } catch {
    return "json解析失败: the request body is not valid JSON";
  }
}

function openSse(hub: Hub, res: ServerResponse, streams: Set<ServerResponse>): void {
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  res.write(": connected\n\n");
  const sink: EventSink = { meta: false, send: (json) => res.write(`data: ${json}\n\n`) };
  hub.sinks.add(sink);
  streams.add(res);
  res.on("close", () => {
    hub.sinks.delete(sink);
    streams.delete(res);
  });
}

/** Starts the HTTP API server on 127.0.0.1. */
export async function startHttpServer(
  hub: Hub,
  port: number,
  token: string | undefined,
): Promise<HttpServerHandle> {
  const streams = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    if (!tokenAccepted(token, req.headers, url)) {
      sendJson(res, 403, {
        status: "failed",
        retcode: RETCODE.forbidden,
        data: null,
        message: "token verify failed!",
        wording: "token verify failed!",
      });
      return;
    }
    if (url.pathname === "/_events" && req.method === "GET") {
      openSse(hub, res, streams);
      return;
    }
    const action = decodeURIComponent(url.pathname.slice(1));
    if (action === "") {
      sendJson(
        res,
        404,
        failedResponse(
          RETCODE.notFound,
          "POST /<action> with the action name in the path",
          undefined,
        ),
      );
      return;
    }
    void (async () => {
      const query: Record<string, unknown> = Object.fromEntries(url.searchParams);
      delete query.access_token;
      const body = parseBody(await readBody(req), req.headers["content-type"] ?? "");
      if (typeof body === "string") {
        sendJson(res, 200, failedResponse(RETCODE.badRequest, body, undefined));
        return;
      }
      sendJson(res, 200, await hub.handle(action, { ...query, ...body }, undefined, "http"));
    })().catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(
          res,
          400,
          failedResponse(
            RETCODE.badRequest,
            error instanceof Error ? error.message : String(error),
            undefined,
          ),
        );
    });
  });
  const bound = await listen(server, port);
  return {
    port: bound,
    close: () =>
      new Promise<void>((resolve) => {
        for (const stream of streams) stream.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
