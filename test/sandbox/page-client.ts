/**
 * A test client for the sandbox page's WebSocket API: collects pushes, sends
 * commands and waits for acks or for pushes matching a predicate.
 */
import WebSocket from "ws";
import type { PagePush } from "../../src/sandbox/index.js";

export class PageClient {
  readonly pushes: PagePush[] = [];
  readonly #ws: WebSocket;
  readonly #waiters = new Set<() => void>();
  #nextId = 1;

  private constructor(ws: WebSocket) {
    this.#ws = ws;
    ws.on("message", (data) => {
      this.pushes.push(JSON.parse(data.toString()) as PagePush);
      for (const wake of [...this.#waiters]) wake();
    });
  }

  static async connect(pageUrl: string): Promise<PageClient> {
    const ws = new WebSocket(`${pageUrl.replace(/^http/, "ws")}ws`);
    const client = new PageClient(ws); // listens before "open": the hello may come in the same chunk
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    await client.waitFor((p) => p.type === "hello");
    return client;
  }

  /** Resolves with the first push (already received or to come) matching `test`. */
  waitFor<T extends PagePush>(test: (push: PagePush) => push is T, timeoutMs?: number): Promise<T>;
  waitFor(test: (push: PagePush) => boolean, timeoutMs?: number): Promise<PagePush>;
  waitFor(test: (push: PagePush) => boolean, timeoutMs = 5000): Promise<PagePush> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.pushes.find(test);
        if (found === undefined) return false;
        clearTimeout(timer);
        this.#waiters.delete(wake);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        this.#waiters.delete(wake);
        const seen = this.pushes.map((p) => p.type).join(", ");
        reject(new Error(`no matching push within ${timeoutMs} ms (seen: ${seen})`));
      }, timeoutMs);
      if (!check()) this.#waiters.add(wake);
    });
  }

  /** Sends a command and resolves with its ack. */
  async command(command: Record<string, unknown>): Promise<Extract<PagePush, { type: "ack" }>> {
    const id = this.#nextId++;
    this.#ws.send(JSON.stringify({ ...command, id }));
    return (await this.waitFor((p) => p.type === "ack" && p.id === id)) as Extract<
      PagePush,
      { type: "ack" }
    >;
  }

  sendRaw(text: string): void {
    this.#ws.send(text);
  }

  /** Texts of the bot's messages in arrival order. */
  botTexts(): string[] {
    const out: string[] = [];
    for (const p of this.pushes) {
      if (p.type !== "message" || !p.message.sender.bot) continue;
      out.push(
        p.message.segments
          .map((s) => (s.type === "text" ? String(s.data.text) : `[${s.type}]`))
          .join(""),
      );
    }
    return out;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (this.#ws.readyState === WebSocket.CLOSED) return resolve();
      this.#ws.once("close", () => resolve());
      this.#ws.close();
    });
  }
}
