/**
 * HTTP POST event receiver: NapCat's "HTTP 客户端" posts each event to this server.
 * With a `secret`, bodies must carry `X-Signature: sha1=<hex HMAC-SHA1(secret, body)>`.
 *
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { verifySignature } from "./auth.js";
import { boundPort, closeServer, listen } from "./server-util.js";
import type { SelfId, TransportHooks } from "./types.js";

/** Settings of {@link HttpPostReceiver}. */
export interface HttpPostOptions {
  /** Interface to listen on. */
  host: string;
  /** Port (0 = any free port, see {@link HttpPostReceiver.port}). */
  port: number;
  /** Only accept posts on this path (default: any path). */
  path?: string | undefined;
  /** Signing secret configured in NapCat; when set, unsigned or badly signed posts are refused. */
  secret?: string | undefined;
  /** How long to wait for a quick operation before answering 204 (default 1000 ms). */
  quickOperationWaitMs?: number | undefined;
  /** Largest accepted body in bytes (default 16 MiB). */
  maxBodyBytes?: number | undefined;
}

/**
 * The server NapCat posts events to. Answers 204, or 200 with a JSON quick
 * operation when the event handler returns one within `quickOperationWaitMs`.
 * Refuses (and never dispatches) bodies with a missing (401) or wrong (403) signature.
 */
export class HttpPostReceiver {
  private readonly server: Server;

  constructor(
    private readonly options: HttpPostOptions,
    private readonly hooks: TransportHooks,
    private readonly selfIdFallback: () => SelfId | undefined,
  ) {
    this.server = createServer((req, res) => this.onRequest(req, res));
  }

  /** The port actually bound. */
  get port(): number {
    return boundPort(this.server, this.options.port);
  }

  /** Starts listening; resolves once bound. */
  async start(): Promise<void> {
    await listen(
      this.server,
      this.options.host,
      this.options.port,
      "HTTP POST event server",
      "httpPostPort",
    );
    if (!this.options.secret) {
      this.hooks.onLog(
        "warn",
        "HTTP POST event server has no `secret`: anyone who can reach it can inject events",
      );
    }
  }

  /** Closes the server and its connections. */
  stop(): Promise<void> {
    return closeServer(this.server);
  }

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "/").split("?")[0];
    if (req.method !== "POST" || (this.options.path && path !== this.options.path)) {
      res.statusCode = req.method === "POST" ? 404 : 405;
      res.end();
      return;
    }
    const max = this.options.maxBodyBytes ?? 16 * 1024 * 1024;
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) {
        res.statusCode = 413;
        res.end();
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => {
      if (size > max) return;
      const body = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
      const secret = this.options.secret;
      if (secret) {
        const sig = req.headers["x-signature"];
        if (!verifySignature(secret, body, sig)) {
          const missing = sig === undefined;
          res.statusCode = missing ? 401 : 403;
          res.end();
          this.hooks.onLog(
            "warn",
            `HTTP POST: refused an event from ${req.socket.remoteAddress ?? "?"}: ${missing ? "no X-Signature" : "bad X-Signature"} (check that NapCat's secret matches \`httpPostSecret\`)`,
          );
          return;
        }
      }
      const header = req.headers["x-self-id"];
      const selfId: SelfId | undefined =
        typeof header === "string" && header
          ? /^\d{1,15}$/.test(header)
            ? Number(header)
            : header
          : this.selfIdFallback();
      let answered = false;
      const wait = setTimeout(() => reply(undefined), this.options.quickOperationWaitMs ?? 1000);
      const reply = (operationJson: string | undefined): void => {
        if (answered) return;
        answered = true;
        clearTimeout(wait);
        if (operationJson === undefined) {
          res.statusCode = 204;
          res.end();
        } else {
          res.statusCode = 200;
          res.setHeader("Content-Type", "application/json");
          res.end(operationJson);
        }
      };
      this.hooks.onFrame(body.toString("utf8"), selfId, reply);
    });
  }
}
