/**
 * NapCat's HTTP POST client: every non-meta event is POSTed to the bot, signed
 * with `X-Signature: sha1=<hex HMAC-SHA1(secret, body)>` when a secret is set; a
 * JSON object in a 2xx answer is applied as a quick operation.
 *
 * @module
 */
import { createHmac } from "node:crypto";
import { request } from "node:http";
import type { FakeEventPayload } from "../events.js";
import type { EventSink, Hub } from "../hub.js";
import type { FakeHttpPostOptions } from "../types.js";

/** The HMAC signature header value for a body. */
export function signBody(secret: string, body: string): string {
  return `sha1=${createHmac("sha1", secret).update(body).digest("hex")}`;
}

/** A running HTTP POST client. */
export interface HttpPostHandle {
  /** Errors of failed posts (a message each; never contains the secret). */
  readonly errors: string[];
  close(): Promise<void>;
}

/** Starts posting events of `hub` to `options.url`. */
export function startHttpPost(hub: Hub, options: FakeHttpPostOptions): HttpPostHandle {
  const pending = new Set<Promise<void>>();
  const controller = new AbortController();
  const errors: string[] = [];
  const timeoutMs = options.timeoutMs ?? 5000;

  const post = (json: string, event: FakeEventPayload): Promise<void> =>
    new Promise<void>((resolve) => {
      const headers: Record<string, string> = {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(json)),
        "x-self-id": String(hub.world.selfId),
      };
      if (options.secret) headers["x-signature"] = signBody(options.secret, json);
      const req = request(
        options.url,
        { method: "POST", headers, agent: false, signal: controller.signal, timeout: timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const text = Buffer.concat(chunks).toString("utf8").trim();
            const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
            if (!ok || text === "") return resolve();
            let operation: unknown;
            try {
              operation = JSON.parse(text);
            } catch {
              errors.push(`quick operation is not JSON (HTTP ${res.statusCode})`);
              return resolve();
            }
            if (
              typeof operation !== "object" ||
              operation === null ||
              Array.isArray(operation) ||
              Object.keys(operation).length === 0
            )
              return resolve();
            void hub
              .handle(
                ".handle_quick_operation",
                { context: event, operation },
                undefined,
                "http-post",
              )
              .then(() => resolve());
          });
          res.on("error", () => resolve());
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
      req.on("error", (error) => {
        if (!controller.signal.aborted) errors.push(`POST ${options.url} failed: ${error.message}`);
        resolve();
      });
      req.end(json);
    });

  const sink: EventSink = {
    meta: false,
    send(json, event) {
      const p = post(json, event);
      pending.add(p);
      void p.then(() => pending.delete(p));
    },
  };
  hub.sinks.add(sink);
  return {
    errors,
    async close() {
      hub.sinks.delete(sink);
      controller.abort();
      await Promise.all(pending);
    },
  };
}
