/**
 * Token and signature checks for the servers NcatBot runs (reverse WS, HTTP POST).
 * Comparisons are constant-time; nothing here logs a secret.
 *
 * @module
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/** Constant-time string equality (hashes first so lengths do not leak). */
export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

/**
 * The token a request presents: `Authorization: Bearer <t>` (also `Token <t>`), or
 * the `access_token` query parameter. Undefined when none.
 */
export function presentedToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  if (typeof header === "string") {
    const m = /^(?:Bearer|Token)\s+(.+)$/i.exec(header.trim());
    return m ? m[1] : header.trim();
  }
  const q = (req.url ?? "").indexOf("?");
  if (q >= 0) {
    const v = new URLSearchParams((req.url ?? "").slice(q + 1)).get("access_token");
    if (v !== null) return v;
  }
  return undefined;
}

/**
 * Verifies NapCat's HTTP POST signature: `X-Signature: sha1=<hex HMAC-SHA1(secret, body)>`.
 */
export function verifySignature(
  secret: string,
  body: Buffer,
  header: string | string[] | undefined,
): boolean {
  if (typeof header !== "string" || !header.startsWith("sha1=")) return false;
  const given = Buffer.from(header.slice(5).trim(), "hex");
  const expected = createHmac("sha1", secret).update(body).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}
