import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { IoBridge } from "../../src/io/index.js";
import { startRemote } from "./remote-server.js";
import { fastReconnect, recordingSink, until } from "./servers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe("the thread boundary under pressure", () => {
  it("several MB of events while callSync blocks all arrive afterwards, in order", async () => {
    const server = await startRemote("ws");
    cleanup.push(() => server.close());
    const rec = recordingSink();
    const bridge = new IoBridge(
      { connection: { mode: "forward-ws", uri: server.url }, reconnect: fastReconnect },
      rec.sink,
    );
    cleanup.push(() => bridge.stop());
    await bridge.start();
    await until(() => rec.events.length === 1); // lifecycle
    rec.events.length = 0;
    // 3,000 events of ~1.5 KB plus every 250th of ~150 KB: about 6 MB, all sent
    // before the answer while this thread is blocked.
    const count = 3000;
    const params = { count, bytes: 1500, bigEvery: 250, bigBytes: 150_000 };
    expect(bridge.callSync("flood", params, { timeoutMs: 20_000 })).toEqual({ got: params });
    expect(rec.events.length).toBe(0); // nothing dispatched while blocked
    await until(() => rec.events.length >= count, 20_000);
    const ids = rec.events.map((e) => e.payload.message_id);
    expect(ids).toEqual([...Array(count).keys()]);
    const big = rec.events[249]?.payload.raw_message as string;
    expect(big.startsWith("m249 文文")).toBe(true);
    expect(big.length).toBeGreaterThan(50_000);
    // and the boundary still works both ways afterwards
    await expect(bridge.call("get_status", { after: 1 })).resolves.toEqual({ got: { after: 1 } });
  }, 40_000);

  it("reverse WS: interleaved events of two accounts keep their order and their account", async () => {
    const rec = recordingSink();
    const bridge = new IoBridge(
      {
        connection: { mode: "reverse-ws", host: "127.0.0.1", port: 0, path: "/onebot", token: "t" },
      },
      rec.sink,
    );
    cleanup.push(() => bridge.stop());
    await bridge.start();
    const port = bridge.listenPort as number;
    const open = async (selfId: number) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/onebot`, {
        headers: { "X-Self-ID": String(selfId), Authorization: "Bearer t" },
      });
      cleanup.push(() => ws.terminate());
      await new Promise<void>((resolve, reject) => {
        ws.once("open", () => resolve());
        ws.once("error", reject);
      });
      return ws;
    };
    const a = await open(111);
    const b = await open(222);
    await until(() => bridge.connectedSelfIds().length === 2);
    const event = (self: number, n: number) =>
      JSON.stringify({ post_type: "notice", notice_type: "x", self_id: self, n });
    for (let n = 0; n < 300; n++) {
      a.send(event(111, n));
      if (n % 3 === 0) b.send(event(222, n));
    }
    await until(() => rec.events.length === 400);
    for (const self of [111, 222]) {
      const mine = rec.events.filter((e) => e.payload.self_id === self);
      expect(mine.every((e) => e.selfId === self)).toBe(true);
      const ns = mine.map((e) => e.payload.n as number);
      expect(ns).toEqual([...ns].sort((x, y) => x - y));
    }
    expect(rec.events.filter((e) => e.selfId === 222)).toHaveLength(100);
  });
});
