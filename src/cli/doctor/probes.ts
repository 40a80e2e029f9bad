/**
 * Network probes of `ncatbot doctor`: DNS, TCP and the OneBot HTTP API.
 *
 * @module
 */
import { lookup } from "node:dns/promises";
import { isIP, connect as tcpConnect } from "node:net";

/** Resolves `host`; returns the address or the error code. */
export async function resolveHost(
  host: string,
): Promise<{ ok: true; address: string } | { ok: false; code: string }> {
  if (isIP(host)) return { ok: true, address: host };
  try {
    const { address } = await lookup(host);
    return { ok: true, address };
  } catch (error) {
    return { ok: false, code: String((error as NodeJS.ErrnoException).code ?? error) };
  }
}

/** Opens and closes a TCP connection to `host:port` within `timeoutMs`. */
export function probeTcp(
  host: string,
  port: number,
  timeoutMs: number,
): Promise<{ ok: true } | { ok: false; code: string }> {
  return new Promise((resolve) => {
    const socket = tcpConnect({ host, port });
    const finish = (result: { ok: true } | { ok: false; code: string }) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ ok: false, code: "ETIMEDOUT" }), timeoutMs);
    socket.once("connect", () => finish({ ok: true }));
    socket.once("error", (error: NodeJS.ErrnoException) =>
      finish({ ok: false, code: error.code ?? error.message }),
    );
  });
}

/** The outcome of one OneBot HTTP API call. */
export type HttpCallResult =
  | { ok: true; data: unknown; ms: number }
  | { ok: false; kind: "token"; status: number }
  | { ok: false; kind: "http"; status: number }
  | { ok: false; kind: "failed"; retcode: number; message: string }
  | { ok: false; kind: "error"; detail: string };

/** POSTs `action` to NapCat's HTTP server `apiUrl` with the token as `Authorization: Bearer`. */
export async function httpCall(
  apiUrl: string,
  action: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<HttpCallResult> {
  const started = performance.now();
  try {
    const res = await fetch(new URL(action, apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/`), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: "{}",
      signal: AbortSignal.timeout(timeoutMs),
    });
    const ms = performance.now() - started;
    if (res.status === 401 || res.status === 403)
      return { ok: false, kind: "token", status: res.status };
    if (!res.ok) return { ok: false, kind: "http", status: res.status };
    const body = (await res.json()) as Record<string, unknown>;
    if (body.status === "ok" || body.retcode === 0) return { ok: true, data: body.data, ms };
    if (body.retcode === 1403) return { ok: false, kind: "token", status: 403 };
    return {
      ok: false,
      kind: "failed",
      retcode: Number(body.retcode),
      message: String(body.wording ?? body.message ?? ""),
    };
  } catch (error) {
    return { ok: false, kind: "error", detail: (error as Error).message };
  }
}
