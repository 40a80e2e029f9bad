import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { NotConnectedError } from "../../src/errors.js";
import { ServerModeEngine } from "../../src/io/index.js";
import { recordingSink, until } from "./servers.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A NapCat reverse-WS client for one account: answers every action with its own id. */
async function napcat(port: number, selfId: number, token: string | undefined): Promise<WebSocket> {
  const headers: Record<string, string> = { "X-Self-ID": String(selfId) };
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const ws = new WebSocket(`ws://127.0.0.1:${port}/onebot`, { headers });
  cleanup.push(() => ws.terminate());
  ws.on("message", (data) => {
    const req = JSON.parse(String(data)) as { action: string; echo: string };
    ws.send(
      JSON.stringify({
        status: "ok",
        retcode: 0,
        data: { served_by: selfId, action: req.action },
        echo: req.echo,
      }),
    );
  });
  await new Promise<void>((resolve, reject) => {
    ws.once("open", () => resolve());
    ws.once("error", reject);
    ws.once("unexpected-response", (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
  });
  return ws;
}

describe("reverse WebSocket through the I/O thread", () => {
  it("accepts NapCat with the token and X-Self-ID, routes calls by selfId, refuses bad tokens", async () => {
    const rec = recordingSink();
    const bridge = new ServerModeEngine(
      {
        connection: {
          mode: "reverse-ws",
          host: "127.0.0.1",
          port: 0,
          path: "/onebot",
          token: "tok",
        },
      },
      rec.sink,
    );
    cleanup.push(() => bridge.stop());
    await bridge.start();
    const port = bridge.listenPort as number;
    expect(port).toBeGreaterThan(0);
    await expect(bridge.call("get_status")).rejects.toBeInstanceOf(NotConnectedError);

    await expect(napcat(port, 111, undefined)).rejects.toThrow("HTTP 401");
    await expect(napcat(port, 111, "nope")).rejects.toThrow("HTTP 403");
    await until(() => rec.logs.join("\n").includes("wrong token"));
    expect(rec.logs.join("\n")).not.toContain("nope");

    const a = await napcat(port, 111, "tok");
    await napcat(port, 222, "tok");
    await until(() => bridge.connectedSelfIds().length === 2);
    expect(bridge.connectedSelfIds()).toEqual([111, 222]);
    await expect(bridge.call("get_status")).resolves.toEqual({
      served_by: 111,
      action: "get_status",
    });
    await expect(bridge.call("get_status", {}, { selfId: 222 })).resolves.toMatchObject({
      served_by: 222,
    });
    await expect(bridge.call("get_status", {}, { selfId: 333 })).rejects.toThrow(
      /333 is not connected/,
    );

    a.send(JSON.stringify({ post_type: "meta_event", meta_event_type: "lifecycle", self_id: 111 }));
    await until(() => rec.events.length === 1);
    expect(rec.events[0]?.selfId).toBe(111);
  });
});
