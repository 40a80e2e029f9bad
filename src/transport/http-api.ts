/**
 * HTTP API client: `POST <apiUrl>/<action>` with a JSON body and a Bearer token
 * (NapCat's "HTTP 服务器", default port 3000). Responses use the same envelope as WS.
 *
 * @module
 */
import http from "node:http";
import https from "node:https";
import { ActionTimeoutError, TransportError } from "../errors.js";
import { badTokenError, explainNetworkError, redactUrl } from "./errors-explain.js";
import { parseObject } from "./frames.js";
import { unwrapEnvelope } from "./pending-calls.js";

/** Settings of {@link HttpApiClient}. */
export interface HttpApiOptions {
  /** Base URL of NapCat's HTTP server, e.g. `http://127.0.0.1:3000` (`connection.apiUrl`). */
  apiUrl: string;
  /** Access token sent as `Authorization: Bearer <token>` (`httpToken`). */
  token?: string | undefined;
}

/** Calls NapCat actions over HTTP. Owns a keep-alive agent, destroyed by {@link HttpApiClient.close}. */
export class HttpApiClient {
  private readonly base: URL;
  private readonly agent: http.Agent;
  private readonly target: string;

  constructor(private readonly options: HttpApiOptions) {
    this.base = new URL(options.apiUrl.endsWith("/") ? options.apiUrl : `${options.apiUrl}/`);
    this.target = redactUrl(this.base.toString());
    this.agent =
      this.base.protocol === "https:"
        ? new https.Agent({ keepAlive: true })
        : new http.Agent({ keepAlive: true });
  }

  /**
   * Runs `action`. Resolves to `data`; rejects with `ActionFailedError` (params left
   * undefined), `ActionTimeoutError`, `ConfigError` (HTTP 401/403: token) or
   * `TransportError` (network, non-JSON answer, other HTTP status).
   */
  call(action: string, paramsJson: string, timeoutMs: number): Promise<unknown> {
    const url = new URL(action, this.base);
    const body = Buffer.from(paramsJson, "utf8");
    const headers: Record<string, string | number> = {
      "Content-Type": "application/json",
      "Content-Length": body.length,
    };
    if (this.options.token) headers.Authorization = `Bearer ${this.options.token}`;
    const lib = url.protocol === "https:" ? https : http;
    return new Promise<unknown>((resolve, reject) => {
      let settled = false;
      const finish = (error: Error | undefined, data?: unknown): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) reject(error);
        else resolve(data);
      };
      const req = lib.request(url, { method: "POST", headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("error", (e) =>
          finish(new TransportError(`reading the answer to "${action}" failed: ${e.message}`)),
        );
        res.on("end", () => {
          const status = res.statusCode ?? 0;
          if (status === 401 || status === 403) {
            finish(badTokenError("http", `HTTP ${status} from ${this.target}`));
            return;
          }
          const text = Buffer.concat(chunks).toString("utf8");
          const envelope = parseObject(text);
          if (!envelope) {
            finish(
              new TransportError(
                `${this.target} answered "${action}" with HTTP ${status} and no OneBot JSON: check that \`connection.apiUrl\` points at NapCat's HTTP server (default port 3000)`,
              ),
            );
            return;
          }
          try {
            finish(undefined, unwrapEnvelope(action, envelope));
          } catch (error) {
            finish(error as Error);
          }
        });
      });
      const timer = setTimeout(() => {
        req.destroy();
        finish(new ActionTimeoutError(action, timeoutMs));
      }, timeoutMs);
      req.on("error", (error) => {
        finish(
          new TransportError(explainNetworkError(error, this.target, "HTTP server").message, {
            cause: error,
          }),
        );
      });
      req.end(body);
    });
  }

  /** Closes idle keep-alive sockets; in-flight calls fail. */
  close(): void {
    this.agent.destroy();
  }
}
