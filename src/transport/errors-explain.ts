/**
 * Turns low-level connection failures into messages that say what is probably
 * wrong and what to do. Never includes a token: URLs are redacted first.
 *
 * @module
 */

import { ConfigError, TransportError } from "../errors.js";
import type { SelfId } from "./types.js";

/** A failure explained: the message and whether retrying can help. */
export interface Explained {
  message: string;
  retryable: boolean;
}

/** Removes `access_token` query values and `user:pass@` from a URL for logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.username || u.password) {
      u.username = "***";
      u.password = "";
    }
    if (u.searchParams.has("access_token")) u.searchParams.set("access_token", "***");
    return u.toString();
  } catch {
    return url.replace(/access_token=[^&#]*/g, "access_token=***");
  }
}

/** The error for a token NapCat rejected (WS retcode 1403, HTTP 401/403). Names real settings only. */
export function badTokenError(mode: "forward-ws" | "http" | "sse", detail: string): ConfigError {
  const ws = mode === "forward-ws";
  return new ConfigError(
    ws ? "wsToken" : "connection.token",
    `NapCat rejected the access token (${detail})`,
    ws
      ? "Set `wsToken` (env NCATBOT_WS_TOKEN) to the token configured in NapCat's WebSocket server network settings; NcatBot stopped retrying so it does not flood NapCat"
      : "Set `connection.token` (or `wsToken`, env NCATBOT_WS_TOKEN, which it defaults to) to the token configured in NapCat's HTTP server network settings; NcatBot stopped retrying so it does not flood NapCat",
  );
}

function codeOf(error: unknown): string {
  if (typeof error === "object" && error !== null && "code" in error) {
    const code = (error as { code: unknown }).code;
    if (typeof code === "string") return code;
  }
  if (typeof error === "object" && error !== null && "cause" in error) {
    return codeOf((error as { cause: unknown }).cause);
  }
  return "";
}

/**
 * Explains a failure to reach `target` (already redacted). `service` names the
 * NapCat server that was expected there, e.g. "WebSocket server".
 */
export function explainNetworkError(error: unknown, target: string, service: string): Explained {
  const code = codeOf(error);
  const raw = error instanceof Error ? error.message : String(error);
  switch (code) {
    case "ECONNREFUSED":
      return {
        message: `connection to ${target} refused: NapCat is not running or the port is wrong: check NapCat's ${service} port`,
        retryable: true,
      };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return {
        message: `cannot resolve the host of ${target} (DNS failure): check the host name in the URI (use 127.0.0.1 when NapCat runs on this machine)`,
        retryable: code === "EAI_AGAIN",
      };
    case "ECONNRESET":
    case "EPIPE":
      return {
        message: `connection to ${target} was reset by the peer (${code})`,
        retryable: true,
      };
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return {
        message: `cannot reach ${target} (${code}): check the address and any firewall between NcatBot and NapCat`,
        retryable: true,
      };
    default:
      return { message: `connection to ${target} failed: ${raw}`, retryable: true };
  }
}

/** Explains an HTTP answer to a WebSocket upgrade request. */
export function explainUnexpectedResponse(status: number, target: string): Explained {
  return {
    message:
      `wrong port? ${target} answered the WebSocket upgrade with HTTP ${status}, so it is not NapCat's ` +
      "WebSocket server (which accepts the upgrade and reports a bad token with retcode 1403): " +
      "it may be NapCat's HTTP server (default 3000) or WebUI (6099). " +
      "Set `wsUri` to the port of NapCat's WebSocket server (default 3001)",
    retryable: false,
  };
}

/** Wraps an explanation in a `TransportError`. */
export function transportError(explained: Explained, cause?: unknown): TransportError {
  return new TransportError(explained.message, cause === undefined ? undefined : { cause });
}

/**
 * The warning for a NapCat account other than the configured one (`selfId`, NcatBot's
 * `bt_uin`), or `undefined` when they match or nothing is configured. One wording
 * for every transport.
 */
export function selfIdMismatch(
  connected: SelfId | undefined,
  expected: SelfId | undefined,
): string | undefined {
  if (expected === undefined || connected === undefined || String(expected) === String(connected)) {
    return undefined;
  }
  return `NapCat is logged in as ${connected}, but the setting \`selfId\` (env NCATBOT_SELF_ID) expects ${expected}: connect to the right NapCat instance, or fix the setting`;
}
