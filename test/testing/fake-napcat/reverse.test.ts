import type { IncomingHttpHeaders } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { type WebSocket, WebSocketServer } from "ws";
import { type FakeNapCat, startFakeNapCat } from "../../../src/testing/index.js";

let fake: FakeNapCat | undefined;
let wss: WebSocketServer | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
  await new Promise<void>((resolve) => {
    if (!wss) return resolve();
    for (const c of wss.clients) c.terminate();
    wss.close(() => resolve());
  });
  wss = undefined;
});

interface Conn {
  socket: WebSocket;
  headers: IncomingHttpHeaders;
  url: string;
  frames: Record<string, unknown>[];
}

function nextConnection(server: WebSocketServer, timeoutMs = 3000): Promise<Conn> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no reverse connection")), timeoutMs);
    server.once("connection", (socket, req) => {
      clearTimeout(timer);
      const conn: Conn = { socket, headers: req.headers, url: req.url ?? "", frames: [] };
      socket.on("message", (d) =>
        conn.frames.push(JSON.parse(String(d)) as Record<string, unknown>),
      );
      resolve(conn);
    });
  });
}

async function until(check: () => boolean, timeoutMs = 3000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe("fake NapCat reverse WebSocket", () => {
  it("connects with Bearer and X-Self-ID, sends lifecycle, answers calls, reconnects", async () => {
    wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((r) => wss?.once("listening", () => r()));
    const address = wss.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const first = nextConnection(wss);
    fake = await startFakeNapCat({
      selfId: 3000000001,
      heartbeatIntervalMs: 0,
      reverse: {
        url: `ws://127.0.0.1:${port}/onebot/v11/ws`,
        token: "rev",
        reconnectIntervalMs: 30,
      },
    });
    const conn = await first;
    expect(conn.headers.authorization).toBe("Bearer rev");
    expect(conn.headers["x-self-id"]).toBe("3000000001");
    expect(conn.headers["x-client-role"]).toBe("Universal");
    expect(conn.url).toBe("/onebot/v11/ws");
    await until(() => conn.frames.length > 0);
    expect(conn.frames[0]).toMatchObject({
      post_type: "meta_event",
      meta_event_type: "lifecycle",
      sub_type: "connect",
      self_id: 3000000001,
    });

    conn.socket.send(JSON.stringify({ action: "get_login_info", params: {}, echo: 7 }));
    await until(() => conn.frames.some((f) => f.echo === 7));
    expect(conn.frames.find((f) => f.echo === 7)).toMatchObject({
      status: "ok",
      data: { user_id: 3000000001 },
    });
    await fake.waitForCall("get_login_info");
    expect(fake.calls[0]).toMatchObject({
      action: "get_login_info",
      transport: "reverse-ws",
      echo: 7,
    });

    await fake.say({ text: "via reverse" });
    await until(() => conn.frames.some((f) => f.raw_message === "via reverse"));

    const second = nextConnection(wss);
    conn.socket.close();
    const again = await second;
    await until(() => again.frames.some((f) => f.meta_event_type === "lifecycle"));
  });
});
