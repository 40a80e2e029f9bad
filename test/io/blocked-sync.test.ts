import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { ServerModeEngine } from "../../src/io/index.js";
import { recordingSink, until } from "./servers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

describe("the thread boundary under pressure", () => {
  it("reverse WS: interleaved events of two accounts keep their order and their account", async () => {
    const rec = recordingSink();
    const bridge = new ServerModeEngine(
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
