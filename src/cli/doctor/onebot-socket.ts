/**
 * A minimal OneBot 11 client for `ncatbot doctor`: one WebSocket, `call(action)`
 * by echo, and NapCat's way of refusing a token (HTTP 401/403 on the upgrade, or
 * a `retcode 1403` frame and a close after it). Deliberately separate from
 * BotClient: the doctor must see each failure as it is, not retried or wrapped.
 *
 * @module
 */
import { randomUUID } from "node:crypto";
import WebSocket from "ws";

/** Why a OneBot call did not return data. */
export type CallFailure =
  | { kind: "token"; detail: string }
  | { kind: "timeout" }
  | { kind: "closed"; detail: string }
  | { kind: "failed"; retcode: number; message: string };

/** The outcome of one call. */
export type CallResult =
  | { ok: true; data: unknown; ms: number }
  | { ok: false; failure: CallFailure };

/** One OneBot connection (forward: we dialled; reverse: NapCat dialled us). */
export class OneBotSocket {
  private readonly waiting = new Map<string, (frame: Record<string, unknown>) => void>();
  private closedWith: CallFailure | undefined;
  private readonly onClosed = new Set<() => void>();

  constructor(readonly socket: WebSocket) {
    socket.on("message", (raw) => this.receive(String(raw)));
    socket.on("close", (code, reason) => {
      this.closedWith ??= { kind: "closed", detail: `${code} ${String(reason)}`.trim() };
      for (const f of this.onClosed) f();
    });
  }

  private receive(text: string): void {
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    if (frame.retcode === 1403 || (frame.retcode === 403 && frame.echo == null)) {
      this.closedWith = { kind: "token", detail: String(frame.message ?? frame.wording ?? "") };
      for (const f of this.onClosed) f();
      return;
    }
    const echo = frame.echo;
    if (typeof echo === "string") this.waiting.get(echo)?.(frame);
  }

  /** Calls `action` and waits up to `timeoutMs` for its answer. */
  call(action: string, timeoutMs: number, params: object = {}): Promise<CallResult> {
    if (this.closedWith) return Promise.resolve({ ok: false, failure: this.closedWith });
    const echo = randomUUID();
    const started = performance.now();
    return new Promise((resolve) => {
      const done = (result: CallResult) => {
        clearTimeout(timer);
        this.waiting.delete(echo);
        this.onClosed.delete(closed);
        resolve(result);
      };
      const closed = () => done({ ok: false, failure: this.closedWith as CallFailure });
      const timer = setTimeout(() => done({ ok: false, failure: { kind: "timeout" } }), timeoutMs);
      this.onClosed.add(closed);
      this.waiting.set(echo, (frame) => {
        const ms = performance.now() - started;
        if (frame.status === "ok" || frame.retcode === 0) done({ ok: true, data: frame.data, ms });
        else
          done({
            ok: false,
            failure: {
              kind: "failed",
              retcode: Number(frame.retcode),
              message: String(frame.wording ?? frame.message ?? ""),
            },
          });
      });
      this.socket.send(JSON.stringify({ action, params, echo }));
    });
  }

  /** Closes the socket (no wait). */
  close(): void {
    this.socket.terminate();
  }
}

/** The outcome of opening a forward WebSocket. */
export type OpenResult =
  | { ok: true; socket: OneBotSocket }
  | { ok: false; kind: "token"; status: number }
  | { ok: false; kind: "http"; status: number }
  | { ok: false; kind: "error"; detail: string };

/** Opens `url` with `token` as `Authorization: Bearer`, within `timeoutMs`. */
export function openWebSocket(
  url: string,
  token: string | undefined,
  timeoutMs: number,
): Promise<OpenResult> {
  return new Promise((resolve) => {
    const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {};
    const ws = new WebSocket(url, { headers, handshakeTimeout: timeoutMs });
    ws.once("open", () => resolve({ ok: true, socket: new OneBotSocket(ws) }));
    ws.once("unexpected-response", (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      ws.terminate();
      resolve(
        status === 401 || status === 403
          ? { ok: false, kind: "token", status }
          : { ok: false, kind: "http", status },
      );
    });
    ws.once("error", (error) => resolve({ ok: false, kind: "error", detail: error.message }));
  });
}
