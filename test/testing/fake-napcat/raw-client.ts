/**
 * A bare `ws` client for the fake NapCat tests: raw frames in and out, no NcatBot.
 */
import WebSocket from "ws";

export type Frame = Record<string, unknown>;

export class RawClient {
  readonly frames: Frame[] = [];
  readonly #waiters = new Set<{ test: (f: Frame) => boolean; resolve: (f: Frame) => void }>();
  readonly closed: Promise<{ code: number }>;
  #echo = 0;

  private constructor(readonly ws: WebSocket) {
    ws.on("message", (data) => {
      const frame = JSON.parse(String(data)) as Frame;
      this.frames.push(frame);
      for (const w of this.#waiters) {
        if (w.test(frame)) {
          this.#waiters.delete(w);
          w.resolve(frame);
        }
      }
    });
    this.closed = new Promise((resolve) => ws.on("close", (code) => resolve({ code })));
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<RawClient> {
    const ws = new WebSocket(url, { headers });
    const client = new RawClient(ws);
    return new Promise((resolve, reject) => {
      ws.once("open", () => resolve(client));
      ws.once("error", reject);
    });
  }

  /** The first frame (seen or future) matching `test`. */
  next(test: (f: Frame) => boolean, timeoutMs = 3000): Promise<Frame> {
    const seen = this.frames.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        test,
        resolve: (f: Frame) => {
          clearTimeout(timer);
          resolve(f);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(
          new Error(
            `no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 500)}`,
          ),
        );
      }, timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  /** Sends `{action, params, echo}` and resolves to the response with that echo. */
  call(action: string, params: Frame = {}): Promise<Frame> {
    this.#echo += 1;
    const echo = `e${this.#echo}`;
    this.ws.send(JSON.stringify({ action, params, echo }));
    return this.next((f) => f.echo === echo);
  }

  sendRaw(text: string): void {
    this.ws.send(text);
  }

  events(): Frame[] {
    return this.frames.filter((f) => "post_type" in f);
  }

  async close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    this.ws.close();
    await this.closed;
  }
}
