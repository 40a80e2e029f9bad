/**
 * Access-token checks shared by the WS and HTTP servers: `Authorization: Bearer
 * <token>` or `?access_token=<token>`, compared in constant time.
 *
 * @module
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** The token a request presents (header first, then query), or undefined. */
export function presentedToken(headers: IncomingHttpHeaders, url: URL): string | undefined {
  const header = headers.authorization;
  if (typeof header === "string") {
    const match = /^(?:Bearer|Token)\s+(.+)$/i.exec(header.trim());
    if (match?.[1]) return match[1];
  }
  return url.searchParams.get("access_token") ?? undefined;
}

/** Whether the request may pass: no token configured, or the presented one matches. */
export function tokenAccepted(
  expected: string | undefined,
  headers: IncomingHttpHeaders,
  url: URL,
): boolean {
  if (expected === undefined || expected === "") return true;
  const given = presentedToken(headers, url);
  return given !== undefined && timingSafeEqual(digest(given), digest(expected));
}
